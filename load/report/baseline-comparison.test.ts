import { describe, expect, it } from "vitest";
import { bootstrapChange, type ComparedRun, compareRuns, MIN_SECONDS } from "./baseline-comparison.js";

/** A run of `seconds` seconds whose per-second p99 is `p99(i)` (p50 a tenth of it), closed model. */
function run(seconds: number, p99: (i: number) => number, rps = 1000): ComparedRun {
  const series = Array.from({ length: seconds }, (_, i) => ({
    second: i,
    rps,
    p50Ms: p99(i) / 10,
    p90Ms: p99(i) / 2,
    p99Ms: p99(i),
    failures: 0,
  }));
  const avg = (pick: (p: (typeof series)[number]) => number) =>
    series.reduce((n, p) => n + pick(p), 0) / seconds;
  return {
    figures: {
      latencyMs: {
        p50: avg((p) => p.p50Ms),
        p90: avg((p) => p.p90Ms),
        p99: avg((p) => p.p99Ms),
        p999: 0,
        max: 0,
        mean: 0,
      },
      errorRate: 0,
      rps,
      requests: rps * seconds,
      latencySamples: rps * seconds,
    },
    series,
    openModel: false,
  };
}

/** Per-second noise: a deterministic wobble of ±`amplitude` around 1. */
const wobble = (amplitude: number, phase: number) => (i: number) => 1 + amplitude * Math.sin(i * 1.7 + phase);

describe("compareRuns, knowing the noise", () => {
  it("calls a clear regression one, with the change and its confidence interval", () => {
    const base = run(20, (i) => 10 * wobble(0.1, 0)(i));
    const slow = run(20, (i) => 13 * wobble(0.1, 1)(i));
    const p99 = compareRuns(slow, base, 0.1).find((r) => r.metric === "p99");
    expect(p99?.verdict).toBe("regression");
    expect(p99?.pass).toBe(false);
    expect(p99?.ci?.[0]).toBeGreaterThan(0.1);
    expect(p99?.actual).toMatch(
      /^10(\.\d+)?ms → 13(\.\d+)?ms: \+\d+(\.\d)? % \(95 % CI \+\d+(\.\d)? %…\+\d+(\.\d)? %\): regression$/,
    );
  });

  it("calls a change inside the noise within noise, even past the fixed threshold", () => {
    // Seconds that swing ±40 %: a mean 12 % higher is not evidence of a regression.
    const base = run(10, (i) => 10 * wobble(0.4, 0)(i));
    const noisy = run(10, (i) => 11.2 * wobble(0.4, 2)(i));
    const p99 = compareRuns(noisy, base, 0.1).find((r) => r.metric === "p99");
    expect(p99?.verdict).toBe("within noise");
    expect(p99?.pass).toBe(true);
    expect(p99?.ci?.[0]).toBeLessThan(0.1);
  });

  it("calls a run faster beyond the noise an improvement, and passes it", () => {
    const p50 = compareRuns(
      run(20, () => 5),
      run(20, (i) => 10 * wobble(0.05, 0)(i)),
      0.1,
    ).find((r) => r.metric === "p50");
    expect(p50).toMatchObject({ verdict: "improvement", pass: true });
  });

  it("falls back to the fixed threshold, saying so, when a run has too few seconds", () => {
    const results = compareRuns(
      run(MIN_SECONDS - 1, () => 12),
      run(20, () => 10),
      0.1,
    );
    const p99 = results.find((r) => r.metric === "p99");
    expect(p99?.expr).toContain("too few seconds to estimate the noise");
    expect(p99).toMatchObject({ pass: false, verdict: "regression" });
  });

  it("compares a baseline written before each second's p90 was kept by the fixed threshold for p90 only", () => {
    const old = run(20, () => 10);
    const baseline = { ...old, series: old.series.map(({ p90Ms: _, ...rest }) => rest) };
    const results = compareRuns(
      run(20, () => 10),
      baseline,
      0.1,
    );
    expect(results.find((r) => r.metric === "p90")?.expr).toContain("fixed");
    expect(results.find((r) => r.metric === "p99")?.expr).not.toContain("fixed");
  });

  it("does not compare requests/s in the open model, whose rate is set by the schedule", () => {
    const open = { ...run(20, () => 10, 500), openModel: true };
    expect(compareRuns(open, open, 0.1).find((r) => r.metric === "rps")).toMatchObject({
      verdict: "not compared",
      pass: true,
    });
  });

  it("calls a closed-model throughput drop beyond the noise a regression", () => {
    const rps = compareRuns(
      run(20, () => 10, 800),
      run(20, () => 10, 1000),
      0.1,
    ).find((r) => r.metric === "rps");
    expect(rps).toMatchObject({ verdict: "regression", pass: false });
  });

  it("fails the latency comparisons when nothing was measured", () => {
    const none = run(20, () => 0);
    const empty = { ...none, figures: { ...none.figures, requests: 0, latencySamples: 0 } };
    const results = compareRuns(
      empty,
      run(20, () => 10),
      0.1,
    );
    expect(results.filter((r) => r.metric !== "rps").every((r) => !r.pass)).toBe(true);
  });
});

describe("bootstrapChange", () => {
  it("is deterministic for a seed and brackets the change", () => {
    const a = [10, 11, 9, 10, 12, 10, 9, 11];
    const b = a.map((x) => x * 1.5);
    const first = bootstrapChange(b, a, { seed: 3 });
    expect(bootstrapChange(b, a, { seed: 3 })).toEqual(first);
    expect(first.change).toBeCloseTo(0.5);
    expect(first.ci[0]).toBeLessThan(0.5);
    expect(first.ci[1]).toBeGreaterThan(0.5);
  });
});
