import { describe, expect, it } from "vitest";
import { runPool } from "./pool.js";

describe("runPool", () => {
  it("should run every index once with at most `concurrency` tasks in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    await runPool(50, 4, async (i) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setImmediate(r));
      seen.push(i);
      inFlight--;
    });
    expect(seen.sort((a, b) => a - b)).toStrictEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(peak).toBe(4);
  });

  it("should start no task past the point where stop says so", async () => {
    const started: number[] = [];
    await runPool(
      100,
      3,
      async (i) => {
        started.push(i);
      },
      (i) => i >= 10,
    );
    expect(Math.max(...started)).toBe(9);
  });
});
