/** A load run's full description: what the CLI parsed, what a worker thread is given. */
import type { VerdictPolicy } from "../../src/rules/verdict-policy.js";
import type { ScenarioName, Weights } from "./scenario.js";

/** Everything one generator (thread) needs to run. Plain data: it crosses to worker threads. */
export interface LoadPlan {
  /** Full URL of Open Session. */
  readonly url: string;
  readonly token: string;
  readonly scenario: ScenarioName;
  readonly weights: Weights;
  /** Valid codes this generator cycles through. */
  readonly codes: readonly string[];
  readonly model: "open" | "closed";
  /** Open model: requests per second (this generator's share). */
  readonly rate: number;
  /** Connections (this generator's share). */
  readonly connections: number;
  /** Closed model: requests in flight per connection. */
  readonly pipelining: number;
  /** Measured duration, ms (warmup comes on top). */
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly timeoutMs: number;
  /** Fraction of answers checked against the spec (0…1). */
  readonly validateSample: number;
  /** Which findings of a sampled answer fail it; the others are deviations (default: the doc's). */
  readonly policy?: VerdictPolicy;
  /** Open model: the scheduler's slice, ms (absent: 1 ms); requests due within one leave together. */
  readonly sliceMs?: number;
}

/** Splits a plan between `n` generators: rate, connections and codes shared out evenly. */
export function splitPlan(plan: LoadPlan, n: number): LoadPlan[] {
  return Array.from({ length: n }, (_, i) => ({
    ...plan,
    rate: plan.rate / n,
    connections: Math.max(1, Math.floor(plan.connections / n) + (i < plan.connections % n ? 1 : 0)),
    // Every generator gets its own slice of the pool when it is large enough, else all of it.
    codes: plan.codes.length >= n ? plan.codes.filter((_, j) => j % n === i) : plan.codes,
  }));
}
