import { describe, expect, it } from "vitest";
import { summarize } from "./histogram.js";
import { runHistograms } from "./merge-runs.js";
import { createRecorder } from "./recorder.js";

const session = JSON.stringify({
  id: "ses_1",
  code: "A1B2C3",
  status: "OPEN",
  type: "SESSION_DEFAULT",
  createdAt: "2026-06-09T12:00:00.000Z",
});

describe("createRecorder", () => {
  it("should leave warmup requests out of every figure", () => {
    const r = createRecorder({ startAt: 0, warmupMs: 1000, validateSample: 0 });
    r.record({ intendedAt: 500, sentAt: 500, endAt: 900, kind: "valid", status: 200 });
    r.record({ intendedAt: 1500, sentAt: 1500, endAt: 1502, kind: "valid", status: 200 });
    const run = r.finish(1000);
    expect(run.requests.total).toBe(1);
    expect(summarize(runHistograms(run).corrected).max).toBeLessThan(3);
  });

  it("should count latency from the intended time and service time from the send", () => {
    const r = createRecorder({ startAt: 0, warmupMs: 0, validateSample: 0 });
    r.record({ intendedAt: 100, sentAt: 400, endAt: 400.5, kind: "valid", status: 200 });
    const { corrected, service } = runHistograms(r.finish(1000));
    expect(summarize(corrected).p50).toBeCloseTo(300.5, 0);
    expect(summarize(service).p50).toBeCloseTo(0.5, 2);
  });

  it("should record a timed-out request's wait in the latency, and a connection error's not at all", () => {
    const r = createRecorder({ startAt: 0, warmupMs: 0, validateSample: 0 });
    r.record({ intendedAt: 0, sentAt: 0, endAt: 1, kind: "valid", status: 200 });
    r.record({ intendedAt: 0, sentAt: 0, endAt: 5_000, kind: "valid", status: 0, failure: "timeout" });
    r.record({ intendedAt: 0, sentAt: 0, endAt: 2, kind: "valid", status: 0, failure: "error" });
    const run = r.finish(10_000);
    expect(run.requests).toMatchObject({ total: 3, timeouts: 1, errors: 1, expected: 1 });
    const { corrected, service } = runHistograms(run);
    expect(corrected.totalCount).toBe(2);
    expect(summarize(corrected).max).toBeCloseTo(5_000, -1);
    expect(summarize(service).max).toBeCloseTo(5_000, -1);
  });

  it("should count an answer whose status differs from its kind's as unexpected", () => {
    const r = createRecorder({ startAt: 0, warmupMs: 0, validateSample: 0 });
    r.record({ intendedAt: 1, sentAt: 1, endAt: 2, kind: "valid", status: 200 });
    r.record({ intendedAt: 1, sentAt: 1, endAt: 2, kind: "bad-token", status: 200 });
    r.record({ intendedAt: 1, sentAt: 1, endAt: 2, kind: "malformed", status: 400 });
    r.record({ intendedAt: 1, sentAt: 1, endAt: 5000, kind: "valid", status: 0, failure: "timeout" });
    const run = r.finish(1000);
    expect(run.requests).toEqual({ total: 4, expected: 2, unexpected: 1, errors: 0, timeouts: 1 });
    expect(run.statusCodes).toEqual({ 200: 2, 400: 1 });
  });

  it("should count a sampled answer that breaks the spec's schema as unexpected, and say why", () => {
    const r = createRecorder({ startAt: 0, warmupMs: 0, validateSample: 1 });
    r.record({ intendedAt: 1, sentAt: 1, endAt: 2, kind: "valid", status: 200, body: session });
    r.record({ intendedAt: 1, sentAt: 1, endAt: 2, kind: "valid", status: 200, body: '{"id":"ses_2"}' });
    r.record({
      intendedAt: 1,
      sentAt: 1,
      endAt: 2,
      kind: "malformed",
      status: 400,
      body: '{"code":"unauthorized","message":"x"}',
    });
    const run = r.finish(1000);
    expect(run.sampled).toBe(3);
    expect(run.requests.expected).toBe(1);
    expect(run.requests.unexpected).toBe(2);
    expect(run.violations.join("\n")).toMatch(/required property/);
    expect(run.violations.join("\n")).toMatch(/expected "invalid_code"/);
  });

  it("should seal one interval per second of completion time", () => {
    const r = createRecorder({ startAt: 0, warmupMs: 0, validateSample: 0 });
    for (const t of [100, 200, 1100, 2500])
      r.record({ intendedAt: t, sentAt: t, endAt: t + 1, kind: "valid", status: 200 });
    expect(r.finish(3000).intervals.map((i) => [i.second, i.requests])).toEqual([
      [0, 2],
      [1, 1],
      [2, 1],
    ]);
  });
});
