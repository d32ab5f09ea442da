/**
 * What one run of a property did: the provider states it set up and the requests it sent, with
 * their facts and answers, and what the answer oracle found. A failure's curl command and regression test are made from it.
 */
import type { Finding, RequestFacts } from "../../src/rules/index.js";
import type { RuleRef } from "../../src/stages/stage.js";
import type { BadAuthorization } from "../arbitraries/authorization.js";
import type { BodyText, CodeValue } from "./body-text.js";

/** A provider state set up during the run, its code bound to a name (`code1` …). */
export interface StateStep {
  readonly kind: "state";
  readonly state: string;
  readonly binding: string;
  readonly code: string;
}

/** How a request authenticates: the real token, or a bad header made from it. */
export type Authentication =
  | { readonly kind: "real" }
  | { readonly kind: "bad"; readonly recipe: BadAuthorization };

/** An Open Session request as a property describes it. */
export interface OpenRequest {
  readonly contentType: string;
  readonly auth: Authentication;
  readonly body: BodyText;
  /** What the request is, for the answer oracle. */
  readonly facts: RequestFacts;
  /** Requests of one burst share a group and were sent together. */
  readonly group?: number;
}

/** What came back, kept short. */
export type AnswerSummary =
  | { readonly status: number; readonly contentType: string | undefined; readonly body: string }
  | { readonly status: 0; readonly cause: string };

/** A request sent during the run. */
export interface RequestStep extends OpenRequest {
  readonly kind: "request";
  /** Position among all Open Session requests of the fuzz run (1-based). */
  readonly seq: number;
  readonly answer: AnswerSummary;
  /** The findings that fail under the run's verdict policy, as lines. */
  readonly problems: readonly string[];
  /** The rules those findings break. */
  readonly rules: readonly RuleRef[];
  /** The findings on assumptions the policy does not fail. */
  readonly deviations: readonly Finding[];
}

/** One step of a run. */
export type TraceStep = StateStep | RequestStep;

/** The steps of one run of a property. */
export class Trace {
  readonly steps: TraceStep[] = [];

  constructor(
    /** Id of the property whose run this is. */
    readonly property: string,
  ) {}

  /** Records a provider state's code and returns it bound to a fresh name. */
  bind(state: string, code: string): CodeValue {
    const binding = `code${this.steps.filter((s) => s.kind === "state").length + 1}`;
    this.steps.push({ kind: "state", state, binding, code });
    return { value: code, js: binding };
  }

  /** The first request whose answer failed under the policy, if any. */
  firstFailure(): RequestStep | undefined {
    return this.steps.find((s): s is RequestStep => s.kind === "request" && s.problems.length > 0);
  }
}
