/** How a load report is judged: an invalid run is not run, or failed with --require-valid. */
import { describe, expect, it } from "vitest";
import { loadStageResult } from "./load-verdict.js";
import type { LoadReport } from "./report/load-report.js";

/** A run the provider passed, which the generator's self-check marked invalid. */
const invalidButPassing = {
  target: "http://127.0.0.1:8080",
  scenario: { name: "open-session", weights: { valid: 100, malformed: 0, "bad-token": 0 } },
  requests: { total: 5000, expected: 5000, unexpected: 0, errors: 0, timeouts: 0 },
  rps: { mean: 2500, series: [] },
  latencyMs: { p50: 1.1, p90: 2, p99: 4.2, p999: 8, max: 12, mean: 1.3 },
  contract: { sampleRate: 0.01, sampled: 50, violations: [] },
  slo: [{ expr: "p99<50ms", actual: "4.2ms", pass: true }],
  valid: false,
  invalidReasons: ["the generator's event loop lagged (p99 9 ms)"],
} as unknown as LoadReport;

describe("the load stage's verdict", () => {
  it("reports an invalid run as not run (exit 0): the figures describe the generator, not the provider", () => {
    const result = loadStageResult(invalidButPassing, [], 1_000);
    expect(result.outcome).toBe("not-run");
    const validity = result.checks.find((c) => c.name === "the load generator kept up (valid run)");
    expect(validity).toMatchObject({ outcome: "not-run" });
    expect(result.checks.find((c) => c.name.startsWith("gate p99<50ms"))?.outcome).toBe("not-run");
  });

  it("fails an invalid run with --require-valid, naming the reasons, so a CI gate never goes green unjudged", () => {
    const result = loadStageResult(invalidButPassing, [], 1_000, { requireValid: true });
    expect(result.outcome).toBe("failed");
    const validity = result.checks.find((c) => c.name === "the load generator kept up (valid run)");
    expect(validity?.outcome).toBe("failed");
    expect(validity?.detail).toContain("--require-valid");
    expect(validity?.detail).toContain("event loop lagged");
  });

  it("passes a valid run either way", () => {
    const valid = { ...invalidButPassing, valid: true, invalidReasons: [] } as LoadReport;
    expect(loadStageResult(valid, [], 1_000, { requireValid: true }).outcome).toBe("passed");
    expect(loadStageResult(valid, [], 1_000).outcome).toBe("passed");
  });
});
