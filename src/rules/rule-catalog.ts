/**
 * The rules bleepay-qa's checks rely on, read from the spec's `x-rules`: each with a stable id and
 * its basis. `doc` rules are what the API doc (or HTTP itself) states, quoted; `assumption` rules
 * are the spec's decisions where the doc is silent. A finding names its rule, so a verdict can tell
 * a provider that breaks the doc from one that only chose differently where the doc leaves room.
 */
import { OPEN_SESSION_PATH, openapiSpec } from "./spec.js";

const entries = openapiSpec.paths[OPEN_SESSION_PATH].post["x-rules"];

/** A rule's id, e.g. `invalid-code-400`. */
export type RuleId = (typeof entries)[number]["id"];

/** Where a rule comes from: the doc (quoted), or the spec's own decision. */
export type RuleBasis = "doc" | "assumption";

/** One rule of the catalogue. */
export interface Rule {
  readonly id: RuleId;
  readonly basis: RuleBasis;
  /** The rule as a sentence. */
  readonly text: string;
  /** Doc rules: the doc's (or the HTTP standard's) words it rests on. */
  readonly quote?: string;
}

/** Every rule, by id, in the spec's order. */
export const RULES: Readonly<Record<RuleId, Rule>> = Object.fromEntries(
  entries.map((entry) => [entry.id, entry as Rule]),
) as Record<RuleId, Rule>;

/** Every rule id, in the spec's order. */
export const RULE_IDS: readonly RuleId[] = entries.map((entry) => entry.id);

/** Whether a text is a rule id. */
export function isRuleId(text: string): text is RuleId {
  return Object.hasOwn(RULES, text);
}

/**
 * The rule of an id.
 *
 * @example
 * ruleOf("invalid-code-400").basis; // "doc"
 * ruleOf("unsupported-media-type-415").basis; // "assumption"
 */
export function ruleOf(id: RuleId): Rule {
  return RULES[id];
}
