/**
 * From the oracle's findings to a check: which findings fail it under the verdict policy, which are
 * deviations, and how a failure is labelled after its request is replayed. Every stage that judges
 * answers turns its findings into checks here, so a rule reads the same in every report.
 */
import type { Finding } from "../rules/answer-oracle.js";
import { type RuleId, ruleOf } from "../rules/rule-catalog.js";
import { sortFindings, type VerdictPolicy } from "../rules/verdict-policy.js";
import type { CheckResult, Deviation, RuleRef } from "./stage.js";

/** How many times a failing request is sent again before the failure is reported. */
export const REPLAYS = 2;

/** A rule as reports show it. */
export function ruleRef(id: RuleId): RuleRef {
  const rule = ruleOf(id);
  return { id, basis: rule.basis, text: rule.text };
}

/** A finding as one line: `message [rule-id, basis]`. */
export function describeFinding(finding: Finding): string {
  return `${finding.message} [${finding.rule}, ${finding.basis}]`;
}

/** `deterministic`, or `flaky (k of n)`. */
export function stabilityLabel(failed: number, runs: number): string {
  return failed >= runs ? "deterministic" : `flaky (${failed} of ${runs})`;
}

/**
 * Sends a failing request again, up to {@link REPLAYS} more times, and labels the failure.
 * `replay` resolves to whether that run failed too (fresh provider state is its own business).
 *
 * @example
 * const stability = await replayFailure(async () => (await runCase()).failed);
 */
export async function replayFailure(
  replay: () => Promise<boolean>,
  options: { readonly times?: number; readonly signal?: AbortSignal } = {},
): Promise<string> {
  const times = options.times ?? REPLAYS;
  let failed = 1;
  let runs = 1;
  for (let i = 0; i < times && !options.signal?.aborted; i++) {
    runs++;
    if (await replay()) failed++;
  }
  return stabilityLabel(failed, runs);
}

/** Findings turned into deviations (one per rule, the first seen; `count` how many saw it). */
export function deviationsOf(deviations: readonly Finding[], reproduce?: string): Deviation[] {
  const byRule = new Map<RuleId, Deviation>();
  for (const finding of deviations) {
    const seen = byRule.get(finding.rule);
    if (seen) byRule.set(finding.rule, { ...seen, count: (seen.count ?? 1) + 1 });
    else
      byRule.set(finding.rule, {
        rule: ruleRef(finding.rule),
        detail: finding.message,
        ...(reproduce ? { reproduce } : {}),
      });
  }
  return [...byRule.values()];
}

/** Merges deviations of several requests: one per rule, counts added. */
export function mergeDeviations(lists: readonly (readonly Deviation[])[]): Deviation[] {
  const byRule = new Map<string, Deviation>();
  for (const list of lists) {
    for (const d of list) {
      const seen = byRule.get(d.rule.id);
      byRule.set(d.rule.id, seen ? { ...seen, count: (seen.count ?? 1) + (d.count ?? 1) } : d);
    }
  }
  return [...byRule.values()];
}

/** What a set of findings makes of a check under a policy. */
export interface Judgement {
  /** Findings that fail the check, as lines. */
  readonly problems: readonly string[];
  /** The rules those findings break, the deciding one first. */
  readonly rules: readonly RuleRef[];
  readonly deviations: readonly Finding[];
}

/** Sorts findings under a policy into the failing problems (with their rules) and the deviations. */
export function judge(findings: readonly Finding[], policy: VerdictPolicy): Judgement {
  const { failures, deviations } = sortFindings(findings, policy);
  const rules = [...new Set(failures.map((f) => f.rule))].map(ruleRef);
  return { problems: failures.map(describeFinding), rules, deviations };
}

/**
 * A check from a judgement: failed with its problems and rules, or passed with its deviations.
 * `stability` and `reproduce` are added by the caller when the check failed.
 */
export function checkOf(
  name: string,
  judgement: Judgement,
  extra: Pick<CheckResult, "reproduce" | "stability" | "figures"> = {},
): CheckResult {
  if (judgement.problems.length > 0) {
    return {
      name,
      outcome: "failed",
      detail: judgement.problems.join("\n"),
      rules: judgement.rules,
      ...extra,
    };
  }
  const deviations = deviationsOf(judgement.deviations, extra.reproduce);
  return {
    name,
    outcome: "passed",
    ...(deviations.length ? { deviations } : {}),
    ...(extra.figures ? { figures: extra.figures } : {}),
  };
}
