/**
 * What every property runs against: the target, the shared counters of a fuzz run (requests sent,
 * session ids seen, the first non-JSON and the first 5xx answer), a supply of shared codes, and
 * `open()`, the one way a property sends a request.
 */
import { type RawAnswer, type RawFailure, sendRequest } from "../../src/http/send-request.js";
import {
  AUTH_SCHEME,
  checkAnswerBody,
  type Finding,
  isJsonMediaType,
  judgeAnswer,
  OPEN_SESSION_PATH,
  type RuleId,
  specExpectation,
  type VerdictPolicy,
} from "../../src/rules/index.js";
import { PROVIDER_STATES } from "../../src/rules/provider-states.js";
import { answerKey, type CoverageCell, createCoverageTally } from "../../src/stages/coverage.js";
import { judge } from "../../src/stages/verdict.js";
import type { StateSetupClient } from "../../src/state-setup/index.js";
import { authorizationHeader } from "../arbitraries/authorization.js";
import type { CodeValue } from "./body-text.js";
import { Semaphore } from "./semaphore.js";
import type { AnswerSummary, OpenRequest, RequestStep, Trace } from "./trace.js";

/** A request that broke a run-wide rule, and the property that sent it. */
export interface RunWideFinding {
  readonly property: string;
  readonly step: RequestStep;
}

/** The first request of a property that departed from an assumption, per rule, and how many did. */
export interface PropertyDeviation {
  readonly finding: Finding;
  readonly step: RequestStep;
  readonly count: number;
}

/** Everything a property needs to run once. */
export interface FuzzContext {
  /** The Open Session URL. */
  readonly url: string;
  /** The real token (never printed: reports show `$BLEEPAY_TOKEN`). */
  readonly token: string;
  /** The provider-state client; `undefined` when the target has none. */
  readonly states: StateSetupClient | undefined;
  readonly signal: AbortSignal;
  /** Session ids seen in this run (ids must be unique). */
  readonly sessionIds: Set<string>;
  /** Codes handed out by the provider in this run (an "unshared" code must not be one). */
  readonly sharedCodes: Set<string>;
  /** Open Session requests sent so far, by all properties or by the one named. */
  requests(property?: string): number;
  /**
   * Why the target counts as no longer answering (several requests in a row timed out), or
   * `undefined`. Once set it stays: the run stops searching and shrinking, since every further
   * input would only wait out its timeout while holding a slot others need.
   */
  unresponsive(): string | undefined;
  /** Provider-state calls made so far. */
  stateCalls(): number;
  /** The answers requests expected so far, as "valid fuzzing" (200) and "invalid fuzzing" cells. */
  coverage(): CoverageCell[];
  /** The departures from assumptions a property's requests showed, one per rule (first seen). */
  deviations(property: string): readonly PropertyDeviation[];
  /** The first answer not served as JSON, and the first 5xx (or no answer at all). */
  readonly findings: { nonJson?: RunWideFinding; serverError?: RunWideFinding };
  /** Asks for `count` shared codes in one call, to be taken by {@link sharedCode}. */
  reserveSharedCodes(count: number): Promise<void>;
  /** A freshly shared code (from the reserve, else one state call), bound in the trace. */
  sharedCode(trace: Trace): Promise<CodeValue>;
  /** A code that was shared and has expired, bound in the trace. */
  expiredCode(trace: Trace): Promise<CodeValue>;
  /** Sends one Open Session request, checks it, records it in the trace. */
  open(trace: Trace, request: OpenRequest): Promise<RequestStep>;
  /** Sends a request of a trace again, exactly (same headers, same body), to replay a finding. */
  resend(step: RequestStep): Promise<RawAnswer | RawFailure>;
}

/**
 * Timeouts in a row (in completion order) after which the fuzz run checks whether the target
 * still answers at all. A provider that hangs on some inputs only (a regex that backtracks, say)
 * still answers that check, so such inputs are searched and shrunk as usual.
 */
export const UNRESPONSIVE_AFTER_TIMEOUTS = 5;

/**
 * Thrown by {@link FuzzContext.open} instead of sending, once the target counts as no longer
 * answering: requests still waiting for a slot would each wait out a full timeout (at the default
 * 10 s and 16 slots, a hung target kept a run busy for 110 s; it now ends in about two timeouts).
 */
export class TargetUnresponsiveError extends Error {
  override readonly name = "TargetUnresponsiveError";
}

/** Options of {@link createFuzzContext}. */
export interface FuzzContextOptions {
  readonly baseUrl: string;
  readonly token: string;
  readonly states: StateSetupClient | undefined;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  /** Requests (and state calls) in flight at once, across all properties. */
  readonly maxInFlight: number;
  /** Which findings fail a property; the others are deviations. */
  readonly policy: VerdictPolicy;
}

function summarise(answer: RawAnswer | RawFailure): AnswerSummary {
  if (!answer.ok) return { status: 0, cause: answer.cause };
  return {
    status: answer.status,
    contentType: answer.headers["content-type"],
    body: answer.text.slice(0, 300),
  };
}

/** Creates the context of one fuzz run. */
export function createFuzzContext(options: FuzzContextOptions): FuzzContext {
  const url = `${options.baseUrl}${OPEN_SESSION_PATH}`;
  const reserve: string[] = [];
  let requests = 0;
  // Properties share the run's slots and interleave, so each one's count is kept apart.
  const requestsBy = new Map<string, number>();
  let timeoutsInARow = 0;
  let unresponsive: string | undefined;
  let probing = false;
  /**
   * After several timeouts in a row, asks the target something it answers at once (an empty
   * body: 400). Timeouts in a row also come from inputs that hang the provider, one shrinking step
   * after another; only when this request times out too is the target itself unresponsive.
   */
  const probe = async (): Promise<void> => {
    if (probing || unresponsive !== undefined) return;
    probing = true;
    const inARow = timeoutsInARow;
    const answer = await sendRequest(
      { method: "POST", url, headers: { "content-type": "application/json" }, body: "{}" },
      { timeoutMs: options.timeoutMs, signal: options.signal },
    );
    probing = false;
    if (answer.ok) timeoutsInARow = 0;
    else if (!options.signal.aborted) {
      unresponsive = `the target stopped answering: ${inARow} requests in a row, and then a request with an empty body, got no answer within ${options.timeoutMs / 1000} s`;
    }
  };
  let stateCalls = 0;
  const slots = new Semaphore(options.maxInFlight);
  // Ajv compiles a schema on first use; doing it now keeps that pause away from requests in flight.
  for (const status of [200, 400, 401, 415]) checkAnswerBody(status, {});
  const coverage = createCoverageTally();
  const deviationsBy = new Map<string, Map<RuleId, PropertyDeviation>>();

  /** The headers of a request: its content type and its real or bad `Authorization`. */
  const headersOf = (request: OpenRequest): Record<string, string> => {
    const headers: Record<string, string> = { "content-type": request.contentType };
    const authorization =
      request.auth.kind === "real"
        ? `${AUTH_SCHEME} ${options.token}`
        : authorizationHeader(request.auth.recipe, options.token);
    if (authorization !== undefined) headers.authorization = authorization;
    return headers;
  };

  const context: FuzzContext = {
    url,
    token: options.token,
    states: options.states,
    signal: options.signal,
    sessionIds: new Set(),
    sharedCodes: new Set(),
    findings: {},
    requests: (property) => (property === undefined ? requests : (requestsBy.get(property) ?? 0)),
    unresponsive: () => unresponsive,
    stateCalls: () => stateCalls,
    coverage: () => coverage.cells(),
    deviations: (property) => [...(deviationsBy.get(property)?.values() ?? [])],

    async reserveSharedCodes(count) {
      if (!options.states || count <= 0) return;
      stateCalls++;
      let codes: string[];
      try {
        codes = await slots.run(() => (options.states as StateSetupClient).sharedCodes(count));
      } catch {
        // A provider's state handler need not support Pact's `count` parameter: one code a call.
        return;
      }
      for (const code of codes) context.sharedCodes.add(code);
      reserve.push(...codes);
    },

    async sharedCode(trace) {
      if (!options.states) throw new Error("no state-setup URL: shared codes are not available");
      let code = reserve.shift();
      if (code === undefined) {
        stateCalls++;
        code = await slots.run(() => (options.states as StateSetupClient).sharedCode());
        context.sharedCodes.add(code);
      }
      return trace.bind(PROVIDER_STATES.codeShared, code);
    },

    async expiredCode(trace) {
      if (!options.states) throw new Error("no state-setup URL: expired codes are not available");
      stateCalls++;
      const code = await slots.run(() => (options.states as StateSetupClient).expiredCode());
      context.sharedCodes.add(code);
      return trace.bind(PROVIDER_STATES.codeExpired, code);
    },

    async open(trace, request) {
      const headers = headersOf(request);
      let seq = 0;
      const send = () => {
        if (unresponsive !== undefined) throw new TargetUnresponsiveError(unresponsive);
        seq = ++requests;
        requestsBy.set(trace.property, (requestsBy.get(trace.property) ?? 0) + 1);
        return sendRequest(
          { method: "POST", url, headers, body: request.body.text },
          { timeoutMs: options.timeoutMs, signal: options.signal },
        );
      };
      // A burst must hit the provider at once: it does not wait for slots.
      const answer = await (request.group === undefined ? slots.run(send) : send());
      timeoutsInARow = !answer.ok && answer.cause === "timeout" ? timeoutsInARow + 1 : 0;
      if (timeoutsInARow >= UNRESPONSIVE_AFTER_TIMEOUTS) void probe();
      const judgement = judge(
        judgeAnswer(answer, request.facts, { sessionIds: context.sessionIds }),
        options.policy,
      );
      const step: RequestStep = {
        kind: "request",
        ...request,
        seq,
        answer: summarise(answer),
        problems: judgement.problems,
        rules: judgement.rules,
        deviations: judgement.deviations,
      };
      trace.steps.push(step);
      const seen = deviationsBy.get(trace.property) ?? new Map<RuleId, PropertyDeviation>();
      deviationsBy.set(trace.property, seen);
      for (const finding of judgement.deviations) {
        const first = seen.get(finding.rule);
        seen.set(finding.rule, first ? { ...first, count: first.count + 1 } : { finding, step, count: 1 });
      }
      // Of several acceptable answers, the one the provider gave is the one this request covered.
      const accept = specExpectation(request.facts).accept;
      const covered = accept.find((a) => answer.ok && a.status === answer.status) ?? accept[0];
      if (covered) {
        coverage.add(
          covered.status === 200 ? "valid fuzzing" : "invalid fuzzing",
          answerKey(covered.status, covered.errorCode),
          judgement.problems.length ? "failed" : "passed",
          1,
          judgement.deviations.length ? 1 : 0,
        );
      }
      const finding = { property: trace.property, step };
      if (
        answer.ok &&
        !isJsonMediaType(answer.headers["content-type"]) &&
        (context.findings.nonJson?.step.seq ?? Infinity) > seq
      ) {
        context.findings.nonJson = finding;
      }
      if (
        (!answer.ok || answer.status >= 500) &&
        (context.findings.serverError?.step.seq ?? Infinity) > seq
      ) {
        context.findings.serverError = finding;
      }
      return step;
    },

    resend(step) {
      return slots.run(() =>
        sendRequest(
          { method: "POST", url, headers: headersOf(step), body: step.body.text },
          { timeoutMs: options.timeoutMs, signal: options.signal },
        ),
      );
    },
  };
  return context;
}
