import { describe, expect, it } from "vitest";
import { type CapacityStep, searchCapacity } from "./capacity-search.js";

/** A provider whose every SLO holds up to `capacity` req/s; each step takes `stepMs` of a fake clock. */
function provider(capacity: number, options: { invalidAbove?: number; stepMs?: number } = {}) {
  let clock = 0;
  const stepMs = options.stepMs ?? 5_000;
  const runStep = async (rateRps: number): Promise<CapacityStep> => {
    clock += stepMs;
    const valid = options.invalidAbove === undefined || rateRps <= options.invalidAbove;
    const held = rateRps <= capacity;
    return {
      rateRps,
      p50Ms: 1,
      p99Ms: held ? 5 : 500,
      errorRate: 0,
      held,
      valid,
      reasons: valid ? (held ? [] : ["p99<50ms measured 500ms"]) : ["dispatch lag p99 9 ms"],
    };
  };
  return { runStep, now: () => clock, stepMs };
}

const base = { startRps: 100, maxRps: 100_000, resolution: 0.05, budgetMs: 1_000_000 };

describe("searchCapacity", () => {
  it("ramps up, then bisects to the highest rate that held, within the resolution", async () => {
    const result = await searchCapacity({ ...base, ...provider(480) });
    expect(result.capacityRps).toBeLessThanOrEqual(480);
    expect(result.capacityRps).toBeGreaterThanOrEqual(480 * 0.95);
    expect(result.brokeAtRps).toBeGreaterThan(480);
    expect(result.resolutionRps).toBeLessThanOrEqual(0.05 * result.capacityRps);
    expect(result.valid).toBe(true);
    expect(result.steps.map((s) => s.rateRps).slice(0, 4)).toEqual([100, 200, 400, 800]);
  });

  it("reports rates below 100 req/s to a tenth, their resolution without float noise", async () => {
    const result = await searchCapacity({ ...base, startRps: 10, resolution: 0.03, ...provider(41.3) });
    expect(result.capacityRps).toBeGreaterThanOrEqual(41.3 * 0.97);
    for (const figure of [result.capacityRps, result.resolutionRps, ...result.steps.map((s) => s.rateRps)]) {
      expect(String(figure)).toMatch(/^\d+(\.\d)?$/);
    }
  });

  it("stops within its time budget, with the best answer so far and its resolution", async () => {
    const p = provider(480);
    const result = await searchCapacity({ ...base, ...p, budgetMs: 5 * p.stepMs });
    expect(result.steps).toHaveLength(5);
    expect(result.stoppedBecause).toMatch(/time budget/);
    expect(result.capacityRps).toBe(400);
    expect(result.resolutionRps).toBeGreaterThan(0);
  });

  it("reruns a step the generator could not drive, then stops saying why, never moving the answer", async () => {
    const result = await searchCapacity({ ...base, ...provider(5_000, { invalidAbove: 1_000 }) });
    expect(result.valid).toBe(false);
    expect(result.capacityRps).toBe(800);
    expect(result.brokeAtRps).toBeUndefined();
    expect(result.stoppedBecause).toMatch(/could not keep the schedule at 1600 req\/s, twice/);
    expect(result.steps.filter((s) => s.rateRps === 1600)).toHaveLength(2);
  });

  it("ends with a clear answer when not even the first rate holds (a provider that stopped answering)", async () => {
    const result = await searchCapacity({ ...base, ...provider(0) });
    expect(result.capacityRps).toBe(0);
    expect(result.stoppedBecause).toMatch(/not even 100 req\/s held/);
    expect(result.steps.length).toBeLessThan(12);
  });

  it("says when every SLO held up to the highest rate it may offer", async () => {
    const result = await searchCapacity({ ...base, maxRps: 1_000, ...provider(1e9) });
    expect(result).toMatchObject({ capacityRps: 1_000, resolutionRps: 0 });
    expect(result.stoppedBecause).toMatch(/held up to --max-rate 1000/);
  });
});
