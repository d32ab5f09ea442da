/**
 * What every property runs against: the target, the shared counters of a fuzz run (requests sent,
 * session ids seen, the first non-JSON and the first 5xx answer), a supply of shared codes, and
 * `open()`, the one way a property sends a request.
 */
import { type RawAnswer, type RawFailure, sendRequest } from "../../src/http/send-request.js";
import { PROVIDER_STATES } from "../../src/provider/provider-states.js";
import { AUTH_SCHEME, OPEN_SESSION_PATH } from "../../src/rules/index.js";
import type { StateSetupClient } from "../../src/state-setup/index.js";
import { authorizationHeader } from "../arbitraries/authorization.js";
import type { CodeValue } from "./body-text.js";
import { checkAnswer, isJsonAnswer } from "./expectation.js";
import type { AnswerSummary, OpenRequest, RequestStep, Trace } from "./trace.js";

/** A request that broke a run-wide rule, and the property that sent it. */
export interface RunWideFinding {
  readonly property: string;
  readonly step: RequestStep;
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
  /** Open Session requests sent so far. */
  requests(): number;
  /** Provider-state calls made so far. */
  stateCalls(): number;
  /** The first answer not served as JSON, and the first 5xx (or no answer at all). */
  readonly findings: { nonJson?: RunWideFinding; serverError?: RunWideFinding };
  /** The property now running (for run-wide findings). */
  currentProperty: string;
  /** Asks for `count` shared codes in one call, to be taken by {@link sharedCode}. */
  reserveSharedCodes(count: number): Promise<void>;
  /** A freshly shared code (from the reserve, else one state call), bound in the trace. */
  sharedCode(trace: Trace): Promise<CodeValue>;
  /** A code that was shared and has expired, bound in the trace. */
  expiredCode(trace: Trace): Promise<CodeValue>;
  /** Sends one Open Session request, checks it, records it in the trace. */
  open(trace: Trace, request: OpenRequest): Promise<RequestStep>;
}

/** Options of {@link createFuzzContext}. */
export interface FuzzContextOptions {
  readonly baseUrl: string;
  readonly token: string;
  readonly states: StateSetupClient | undefined;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
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
  let stateCalls = 0;

  const context: FuzzContext = {
    url,
    token: options.token,
    states: options.states,
    signal: options.signal,
    sessionIds: new Set(),
    sharedCodes: new Set(),
    findings: {},
    currentProperty: "",
    requests: () => requests,
    stateCalls: () => stateCalls,

    async reserveSharedCodes(count) {
      if (!options.states || count <= 0) return;
      stateCalls++;
      let codes: string[];
      try {
        codes = await options.states.sharedCodes(count);
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
        code = await options.states.sharedCode();
        context.sharedCodes.add(code);
      }
      return trace.bind(PROVIDER_STATES.codeShared, code);
    },

    async expiredCode(trace) {
      if (!options.states) throw new Error("no state-setup URL: expired codes are not available");
      stateCalls++;
      const code = await options.states.expiredCode();
      context.sharedCodes.add(code);
      return trace.bind(PROVIDER_STATES.codeExpired, code);
    },

    async open(trace, request) {
      const seq = ++requests;
      const headers: Record<string, string> = { "content-type": request.contentType };
      const authorization =
        request.auth.kind === "real"
          ? `${AUTH_SCHEME} ${options.token}`
          : authorizationHeader(request.auth.recipe, options.token);
      if (authorization !== undefined) headers.authorization = authorization;
      const answer = await sendRequest(
        { method: "POST", url, headers, body: request.body.text },
        { timeoutMs: options.timeoutMs, signal: options.signal },
      );
      const problems = checkAnswer(answer, request.expect, context.sessionIds);
      const step: RequestStep = { kind: "request", ...request, seq, answer: summarise(answer), problems };
      trace.steps.push(step);
      const finding = { property: context.currentProperty, step };
      if (answer.ok && !isJsonAnswer(answer) && (context.findings.nonJson?.step.seq ?? Infinity) > seq) {
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
  };
  return context;
}
