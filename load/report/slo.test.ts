import { describe, expect, it } from "vitest";
import { evaluateSlos, parseRegression, parseSlo, type Slo, type SloFigures } from "./slo.js";

const figures: SloFigures = {
  latencyMs: { p50: 1.2, p90: 3, p99: 12.5, p999: 40, max: 80, mean: 2 },
  errorRate: 0.0005,
  rps: 5200,
  requests: 52_000,
  latencySamples: 52_000,
};

const slo = (expr: string): Slo => {
  const parsed = parseSlo(expr);
  if (typeof parsed === "string") throw new Error(parsed);
  return parsed;
};

describe("parseSlo", () => {
  it("should read latency gates in us, ms and s as milliseconds", () => {
    expect(slo("p99<50ms")).toMatchObject({ metric: "p99", operator: "<", threshold: 50 });
    expect(slo("p50 <= 800us").threshold).toBeCloseTo(0.8);
    expect(slo("max<2s").threshold).toBe(2000);
  });
  it("should read error_rate as a fraction and rps as requests per second", () => {
    expect(slo("error_rate<0.1%").threshold).toBeCloseTo(0.001);
    expect(slo("rps>=5000")).toMatchObject({ metric: "rps", operator: ">=", threshold: 5000 });
  });
  it("should explain what it expects for bad gates", () => {
    expect(parseSlo("p99<50")).toMatch(/time unit/);
    expect(parseSlo("p98<50ms")).toMatch(/METRIC OP VALUE/);
    expect(parseSlo("p99=50ms")).toMatch(/METRIC OP VALUE/);
    expect(parseSlo("error_rate<5ms")).toMatch(/percentage/);
  });
});

describe("evaluateSlos", () => {
  it("should pass and fail gates on the measured figures, showing the actual value", () => {
    const results = evaluateSlos(
      [slo("p99<50ms"), slo("p99<10ms"), slo("error_rate<0.1%"), slo("rps>=6000")],
      figures,
    );
    expect(results.map((r) => r.pass)).toEqual([true, false, true, false]);
    expect(results[0]?.actual).toBe("12.5ms");
    expect(results[2]?.actual).toBe("0.05%");
  });
});

describe("evaluateSlos on a run with nothing to measure", () => {
  const empty = { p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0 };
  it("should fail every gate, saying why, when no request ended (an empty histogram reads 0 ms)", () => {
    const results = evaluateSlos([slo("p99<50ms"), slo("error_rate<0.1%"), slo("rps<100000")], {
      latencyMs: empty,
      errorRate: 0,
      rps: 0,
      requests: 0,
      latencySamples: 0,
    });
    expect(results.map((r) => r.pass)).toEqual([false, false, false]);
    for (const r of results) expect(r.actual).toBe("no request ended in the run");
  });
  it("should fail a latency gate when every request failed to connect, and judge the error rate", () => {
    const figuresOfErrors = { latencyMs: empty, errorRate: 1, rps: 50, requests: 100, latencySamples: 0 };
    const [p99, errors] = evaluateSlos([slo("p99<50ms"), slo("error_rate<0.1%")], figuresOfErrors);
    expect(p99).toMatchObject({ pass: false, actual: expect.stringContaining("no latency to measure") });
    expect(errors).toMatchObject({ pass: false, actual: "100%" });
  });
});

describe("parseRegression", () => {
  it("should read percentages and fractions", () => {
    expect(parseRegression("10%")).toBeCloseTo(0.1);
    expect(parseRegression("0.2")).toBeCloseTo(0.2);
    expect(parseRegression("ten")).toMatch(/percentage/);
  });
});
