/**
 * The stage contract: what a stage (smoke, contracts, verify, fuzz, load …) takes and what it
 * reports. A stage knows nothing of the CLI: it declares its options, turns their typed values
 * into settings, runs against a target with a narrow reporter, and returns a result. It raises
 * domain errors (`OptionError`, `StateSetupError`, `StageInputError`); exit codes and the console
 * belong to `src/cli`, which runs every stage as a command of its own and as a step of `all`.
 */

import { type OptionSet, type OptionValuesOf, type RawValues, readOptions } from "../options/index.js";
import type { RuleBasis, RuleId } from "../rules/rule-catalog.js";
import type { VerdictPolicy } from "../rules/verdict-policy.js";
import type { StageArtifacts } from "./artifacts.js";
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

/**
 * What a stage may tell the person running it. Everything passes through redaction; the CLI
 * decides where it goes (stdout, a rewritten progress line on a terminal, stderr for diagnostics).
 */
export interface Reporter {
  /** A line of the stage's narrative (stdout). */
  line(text?: string): void;
  /** A live progress text, rewritten in place on a terminal (stderr). */
  progress(text: string): void;
  /** A diagnostic line (stderr), e.g. a debug log. */
  log(text: string): void;
  /** Whether progress can be rewritten in place (a terminal, not CI). */
  readonly interactive: boolean;
  /** Adds a secret to redact from now on (e.g. a broker token). */
  addSecret(secret: string | undefined): void;
  /** Redacts a text with the secrets known so far (for details that go into reports). */
  redact(text: string): string;
}

/** Everything a stage gets to run, besides its settings. */
export interface StageContext {
  readonly target: Target;
  /** Where reports go (created already). */
  readonly reportsDir: string;
  readonly reporter: Reporter;
  /** Debug logging asked for (BLEEPAY_QA_DEBUG=1 in the environment given to the CLI). */
  readonly debug: boolean;
  /** Which findings fail the stage (`--rules`, `--rule`): the others are deviations or dropped. */
  readonly policy: VerdictPolicy;
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

/** A rule a finding names, as reports show it. */
export interface RuleRef {
  readonly id: RuleId;
  readonly basis: RuleBasis;
  /** The rule as a sentence (an assumption's text, or what the doc states). */
  readonly text: string;
}

/**
 * A departure from one of the spec's assumptions that the verdict policy does not fail: the
 * provider chose differently where the doc leaves room. Reported beside a passing check.
 */
export interface Deviation {
  readonly rule: RuleRef;
  /** What was expected and what came, in one line. */
  readonly detail: string;
  /** A command that shows it (token as `$BLEEPAY_TOKEN`). */
  readonly reproduce?: string;
  /** How many requests showed it, when more than one could (fuzz inputs, load answers). */
  readonly count?: number;
}

/** One check a stage made. */
export interface CheckResult {
  /** What was checked, as a sentence. */
  readonly name: string;
  readonly outcome: Outcome;
  /** On failure: what was expected and what came; on not-run: why. */
  readonly detail?: string;
  /** On failure: a command that reproduces it (token as `$BLEEPAY_TOKEN`). */
  readonly reproduce?: string;
  /** On failure: the rules the answer broke, the deciding one first, each with its basis. */
  readonly rules?: readonly RuleRef[];
  /**
   * On failure: `deterministic` when every replay of the exact request failed too, else
   * `flaky (k of n)`. A flaky failure still fails.
   */
  readonly stability?: string;
  /** Departures from assumptions this check saw and the policy did not fail. */
  readonly deviations?: readonly Deviation[];
  /** Figures of this check for the run report, e.g. a fuzz property's runs and requests. */
  readonly figures?: Readonly<Record<string, string | number>>;
}

/** What a stage reports. */
export interface StageResult {
  /** The stage's name (also its command). */
  readonly stage: string;
  readonly outcome: Outcome;
  /**
   * The verdict policy that judged the stage's findings, when the stage judges a provider by the
   * rules (smoke, fuzz, load); verify's verdict is the consumer's pact's.
   */
  readonly rules?: string;
  /** One line for the summary table. */
  readonly summary: string;
  readonly checks: readonly CheckResult[];
  /** Headline figures for the summary (e.g. `p99 ms`, `requests`). */
  readonly figures?: Readonly<Record<string, string | number>>;
  /** Report files the stage wrote. */
  readonly reports?: readonly string[];
  /** Which documented answers the stage exercised, by layer (the run report's coverage matrix). */
  readonly coverage?: readonly CoverageCell[];
  /** Typed data the run report draws (e.g. latency curves), so no layer re-reads a stage's files. */
  readonly artifacts?: StageArtifacts;
  readonly durationMs: number;
}

/**
 * A stage: a command of its own and a step of `bleepay-qa all`. `O` is its option set, `S` the
 * settings its run takes (by default, the typed option values).
 */
// biome-ignore lint/suspicious/noExplicitAny: a list of stages holds stages of every option set.
export interface Stage<O extends OptionSet = any, S = any> {
  /** Command name, kebab-case. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Prose for `--help`: what it does, and examples. */
  readonly help: string;
  /** The stage's own options (the CLI adds the target options). */
  readonly options: O;
  /** Whether `bleepay-qa all` runs it (default true). */
  readonly inAll?: boolean;
  /** Defaults `bleepay-qa all` gives the stage (e.g. a shorter load), by option name. */
  readonly allDefaults?: { readonly [K in keyof O]?: string };
  /**
   * The stage's per-request timeout option, which `bleepay-qa all --timeout` sets (default
   * `timeout`; a stage with no such option takes none).
   */
  readonly timeoutOption?: keyof O & string;
  /**
   * Turns the typed option values into the run's settings, checking options against each other.
   * Called before any target is contacted; throws an `OptionError` naming the option.
   */
  settings(options: OptionValuesOf<O>): S;
  /** Runs the stage. Throws domain errors for what stops it (bad input, a state endpoint that fails). */
  run(settings: S, context: StageContext): Promise<StageResult>;
}

/** Declares a stage with its types inferred. */
export function defineStage<O extends OptionSet, S>(stage: Stage<O, S>): Stage<O, S> {
  return stage;
}

/**
 * Something a stage was given cannot be used (no pact to verify, an unreadable codes file or
 * baseline): the run stops before judging anything. The CLI prints the message and exits 2.
 */
export class StageInputError extends Error {
  override readonly name = "StageInputError";
}

/** The outcome of a set of checks: failed if any failed, not-run if none ran, else passed. */
export function overallOutcome(checks: readonly CheckResult[]): Outcome {
  if (checks.some((c) => c.outcome === "failed")) return "failed";
  if (checks.length === 0 || checks.every((c) => c.outcome === "not-run")) return "not-run";
  return "passed";
}

/**
 * A stage's settings from raw option values (as a flag, config file or environment gives them),
 * the option defaults filled in: what the CLI does, for tests, benches and tools that run a stage
 * directly.
 *
 * @example
 * await fuzzStage.run(stageSettings(fuzzStage, { seed: "42", runs: "50" }), context);
 */
export function stageSettings<O extends OptionSet, S>(stage: Stage<O, S>, raw: RawValues = {}): S {
  return stage.settings(readOptions(stage.options, raw));
}
