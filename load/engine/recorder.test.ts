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
    expect(run.requests).toEqual({
      total: 4,
      expected: 2,
      unexpected: 1,
      errors: 0,
      timeouts: 1,
      refused: 0,
    });
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
    // Judged by the answer oracle, each problem named with its rule and basis.
    expect(run.violations.join("\n")).toMatch(
      /createdAt: expected an ISO 8601 timestamp.*\[success-200-session, doc\]/,
    );
    expect(run.violations.join("\n")).toMatch(
      /expected 400 naming invalid_code, got 400 unauthorized \[invalid-code-400, doc\]/,
    );
  });

  it("should keep a sampled answer's departure from an assumption as a deviation under --rules doc, and fail it under spec", () => {
    const sample = (policy: { policy: "doc" | "spec"; overrides: Record<string, never> }) => {
      const r = createRecorder({ startAt: 0, warmupMs: 0, validateSample: 1, policy });
      const uuid = JSON.stringify({ ...JSON.parse(session), id: "6f1c2f9e-1d2b-4a8e-9d33-0a5e1c7b8f10" });
      r.record({ intendedAt: 1, sentAt: 1, endAt: 2, kind: "valid", status: 200, body: uuid });
      return r.finish(1000);
    };
    const lenient = sample({ policy: "doc", overrides: {} });
    expect(lenient.requests.unexpected).toBe(0);
    expect(lenient.deviations?.join()).toMatch(/\[session-id-form, assumption\]/);
    expect(sample({ policy: "spec", overrides: {} }).requests.unexpected).toBe(1);
  });

  it("should tell a refused pool code (a provider that takes a code once) apart from a failure", () => {
    const r = createRecorder({ startAt: 0, warmupMs: 0, validateSample: 0 });
    const refusal = '{"code":"invalid_code","message":"used"}';
    r.record({ intendedAt: 1, sentAt: 1, endAt: 2, kind: "valid", status: 400, body: refusal });
    r.record({ intendedAt: 1, sentAt: 1, endAt: 2, kind: "valid", status: 400, body: '{"code":"nope"}' });
    const run = r.finish(1000);
    expect(run.requests).toMatchObject({ total: 2, refused: 1, unexpected: 1 });
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
