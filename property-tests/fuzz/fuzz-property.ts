/**
 * What a provider property is: an arbitrary of inputs and how to run one input against the target.
 * The runner ({@link runProperty}) samples, sends, shrinks and reports; a property only says what
 * to send and what the spec requires back.
 */
import type fc from "fast-check";
import type { RuleId } from "../../src/rules/index.js";
import type { FuzzContext } from "./fuzz-context.js";
import type { Trace } from "./trace.js";

/** What an arbitrary may depend on. */
export interface ArbitraryContext {
  /** The real token (bad tokens are derived from it; it never appears in an input). */
  readonly token: string;
  /** Whether shared codes can be had (a state-setup URL is known). */
  readonly hasStates: boolean;
}

/** The problems of one run (none: it held) and the rules they break. */
export interface RunProblems {
  readonly problems: readonly string[];
  readonly rules?: readonly RuleId[];
}

/** The outcome of one run: its problems, or skipped (the input did not apply). */
export type RunOutcome = RunProblems | { readonly skipped: string };

/** A property of the provider. */
export interface FuzzProperty<Input = unknown> {
  /** Kebab-case id, used by `--property` and in report file names. */
  readonly id: string;
  /** The rule it checks, as a sentence. */
  readonly name: string;
  /** Set when it needs codes from the provider-state endpoint (not run without one). */
  readonly needsStates?: boolean;
  /** Number of inputs for a given `--runs` (default: `runs`). */
  cases?(runs: number): number;
  /** Shared codes to reserve in one call before sending `cases` inputs. */
  sharedCodesFor?(cases: number): number;
  /** Inputs in flight at once at most (default: the run's `--concurrency`). */
  readonly maxConcurrency?: number;
  /** The inputs. */
  arbitrary(context: ArbitraryContext): fc.Arbitrary<Input>;
  /** Runs one input: sends its requests through `context.open`, which checks each answer. */
  run(input: Input, context: FuzzContext, trace: Trace): Promise<RunOutcome>;
}

/** Turns the trace's failed requests into an outcome (problems and rules of the first failing request). */
export function outcomeOf(trace: Trace): RunProblems {
  const failing = trace.firstFailure();
  return { problems: failing?.problems ?? [], rules: failing?.rules.map((r) => r.id) ?? [] };
}
