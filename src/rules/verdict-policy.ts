/**
 * The verdict policy: which findings fail a run. Under `doc` (the default) only findings on doc
 * rules fail; a finding on an assumption is a deviation, reported and not failed. Under `spec`
 * every finding fails. Either can be overridden rule by rule: `off` (not reported), `warn` (a
 * deviation) or `fail`.
 */
import type { Finding } from "./answer-oracle.js";
import { isRuleId, RULE_IDS, type RuleId, ruleOf } from "./rule-catalog.js";

/** The two policies: the doc's rules alone, or every rule of the spec. */
export const RULES_POLICIES = ["doc", "spec"] as const;
/** One of {@link RULES_POLICIES}. */
export type RulesPolicy = (typeof RULES_POLICIES)[number];

/** What becomes of a finding: it fails the run, is reported as a deviation, or is dropped. */
export type RuleVerdict = "fail" | "warn" | "off";

/** A policy with its per-rule overrides. */
export interface VerdictPolicy {
  readonly policy: RulesPolicy;
  readonly overrides: Readonly<Partial<Record<RuleId, RuleVerdict>>>;
}

/** The default: the doc's rules fail, the spec's assumptions are deviations. */
export const DOC_POLICY: VerdictPolicy = { policy: "doc", overrides: {} };

/**
 * What a finding on `rule` becomes under a policy.
 *
 * @example
 * verdictOf("unsupported-media-type-415", DOC_POLICY); // "warn"
 * verdictOf("invalid-code-400", DOC_POLICY); // "fail"
 */
export function verdictOf(rule: RuleId, policy: VerdictPolicy): RuleVerdict {
  const override = policy.overrides[rule];
  if (override) return override;
  if (policy.policy === "spec") return "fail";
  return ruleOf(rule).basis === "doc" ? "fail" : "warn";
}

/** Findings split by verdict: those that fail, the deviations, and those turned off. */
export interface SortedFindings {
  readonly failures: readonly Finding[];
  readonly deviations: readonly Finding[];
}

/** Sorts findings by their verdict under a policy (findings turned off are dropped). */
export function sortFindings(findings: readonly Finding[], policy: VerdictPolicy): SortedFindings {
  const failures: Finding[] = [];
  const deviations: Finding[] = [];
  for (const finding of findings) {
    const verdict = verdictOf(finding.rule, policy);
    if (verdict === "fail") failures.push(finding);
    else if (verdict === "warn") deviations.push(finding);
  }
  return { failures, deviations };
}

/**
 * Parses a per-rule override `ID=off|warn|fail`. Returns the pair, or an error message naming the
 * known ids when the id is unknown.
 */
export function parseRuleOverride(text: string): [RuleId, RuleVerdict] | string {
  const match = /^\s*([a-z0-9-]+)\s*=\s*(off|warn|fail)\s*$/.exec(text);
  if (!match) return `expects RULE=off|warn|fail (e.g. json-media-type=fail), got ${JSON.stringify(text)}`;
  const [, id, verdict] = match as unknown as [string, string, RuleVerdict];
  if (!isRuleId(id)) return `names no rule: ${JSON.stringify(id)}; rules: ${RULE_IDS.join(", ")}`;
  return [id, verdict];
}

/** The policy as words, for a report's headline. */
export function describePolicy(policy: VerdictPolicy): string {
  const overrides = Object.entries(policy.overrides).map(([id, verdict]) => `${id}=${verdict}`);
  const base =
    policy.policy === "doc"
      ? "the API doc's rules (--rules doc): a finding on an assumption of the spec is a deviation, not a failure"
      : "every rule of the spec (--rules spec): a finding on an assumption fails too";
  return overrides.length ? `${base}; overrides ${overrides.join(", ")}` : base;
}
