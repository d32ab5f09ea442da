/**
 * `reports/summary.json`: everything the run report shows, in a versioned layout. Fields are only
 * ever added within a version; a breaking change bumps it.
 */
import type { Deviation, StageResult } from "../stages/stage.js";
import type { CoverageMatrix } from "./coverage-matrix.js";

/** Version of the summary's layout. */
export const SUMMARY_SCHEMA = "bleepay-qa/summary@1";

/** How a run ended: `error` is a usage or connection error (exit 2). */
export type RunOutcome = "passed" | "failed" | "error" | "interrupted";

/** `reports/summary.json`. */
export interface RunSummary {
  readonly schema: typeof SUMMARY_SCHEMA;
  readonly outcome: RunOutcome;
  /** The target, never its token. */
  readonly target: { readonly baseUrl: string; readonly embedded: boolean };
  readonly startedAt: string;
  readonly finishedAt: string;
  /** bleepay-qa, Node.js, the spec, and the engines under the stages. */
  readonly versions: Readonly<Record<string, string>>;
  /** The verdict policy that judged the run (`--rules`, `--rule`). */
  readonly rules: RunRules;
  /** Every departure from an assumption the policy did not fail, by stage and check. */
  readonly deviations: readonly RunDeviation[];
  /** The usage or connection error that stopped the run. */
  readonly error?: string;
  /** Stages left out with `--skip`. */
  readonly skipped?: readonly string[];
  readonly stages: readonly StageResult[];
  readonly coverage: CoverageMatrix;
  /** The load stage's own report (reports/load.json, schema `bleepay-qa/load@1`), when it ran. */
  readonly load?: Readonly<Record<string, unknown>>;
}

/** The verdict policy of a run, as reports show it. */
export interface RunRules {
  readonly policy: "doc" | "spec";
  /** Rule ids whose verdict was overridden, with the verdict. */
  readonly overrides: Readonly<Record<string, string>>;
  /** The policy in words, for the headline. */
  readonly description: string;
}

/** A deviation with the stage and check that saw it. */
export interface RunDeviation extends Deviation {
  readonly stage: string;
  readonly check: string;
}
