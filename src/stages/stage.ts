/**
 * What a stage is (contracts, verify, fuzz, load, smoke …) and what it reports. A stage runs as its
 * own command and as part of `bleepay-qa all`.
 */

import type { OptionDefinitions, OptionValues } from "../cli/options.js";
import type { Output } from "../cli/output.js";
import type { CoverageCell } from "./coverage.js";

/** The target a stage runs against. */
export interface Target {
  /** Base URL of the provider, e.g. `http://127.0.0.1:41234`. */
  readonly baseUrl: string;
  /** The real bearer token for the target (redacted everywhere it could be printed). */
  readonly token: string;
  /** The provider-state endpoint, when the target has one. */
  readonly stateSetupUrl: string | undefined;
  /** Whether this is the embedded reference provider. */
  readonly embedded: boolean;
}

/** Everything a stage gets to run. */
export interface StageContext {
  readonly target: Target;
  /** Option values: the stage's own (with defaults) and the target options. */
  readonly values: OptionValues;
  /** Where reports go (created already). */
  readonly reportsDir: string;
  /** Console output (redacted). */
  readonly out: Output;
  /** Aborted on SIGINT/SIGTERM: a stage stops early and reports what it has. */
  readonly signal: AbortSignal;
  /**
   * The stages `bleepay-qa all` was told to leave out (`--skip`); absent when the stage runs as a
   * command of its own. A stage whose input another stage makes (verify reads the pacts contracts
   * writes) reports itself not run, rather than failing, when that stage was skipped and left it
   * nothing to work on.
   */
  readonly skipped?: readonly string[];
}

/** Outcome of one check or of a whole stage. `not-run` is never counted as passed. */
export type Outcome = "passed" | "failed" | "not-run";

/** One check a stage made. */
export interface CheckResult {
  /** What was checked, as a sentence. */
  readonly name: string;
  readonly outcome: Outcome;
  /** On failure: what was expected and what came; on not-run: why. */
  readonly detail?: string;
  /** On failure: a command that reproduces it (token as `$BLEEPAY_TOKEN`). */
  readonly reproduce?: string;
  /** Figures of this check for the run report, e.g. a fuzz property's runs and requests. */
  readonly figures?: Readonly<Record<string, string | number>>;
}

/** What a stage reports. */
export interface StageResult {
  /** The stage's name (also its command). */
  readonly stage: string;
  readonly outcome: Outcome;
  /** One line for the summary table. */
  readonly summary: string;
  readonly checks: readonly CheckResult[];
  /** Headline figures for the summary (e.g. `p99 ms`, `requests`). */
  readonly figures?: Readonly<Record<string, string | number>>;
  /** Report files the stage wrote. */
  readonly reports?: readonly string[];
  /** Which documented answers the stage exercised, by layer (the run report's coverage matrix). */
  readonly coverage?: readonly CoverageCell[];
  readonly durationMs: number;
}

/** A stage: a command of its own and a step of `bleepay-qa all`. */
export interface Stage {
  /** Command name, kebab-case. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Prose for `--help`: what it does, and examples. */
  readonly help: string;
  /** The stage's own options (the target options are added). */
  readonly options: OptionDefinitions;
  /** Whether `bleepay-qa all` runs it (default true). */
  readonly inAll?: boolean;
  /** Options `bleepay-qa all` gives the stage (e.g. a shorter load duration). */
  readonly allDefaults?: Readonly<Record<string, string>>;
  /**
   * The stage's per-request timeout option, which `bleepay-qa all --timeout` sets (default
   * `timeout`; a stage with no such option takes none).
   */
  readonly timeoutOption?: string;
  /** Runs the stage. Throws a `CliError` for connection and usage errors. */
  run(context: StageContext): Promise<StageResult>;
}

/** The outcome of a set of checks: failed if any failed, not-run if none ran, else passed. */
export function overallOutcome(checks: readonly CheckResult[]): Outcome {
  if (checks.some((c) => c.outcome === "failed")) return "failed";
  if (checks.length === 0 || checks.every((c) => c.outcome === "not-run")) return "not-run";
  return "passed";
}
