/**
 * The result of `bleepay-qa diff`, as `diff.json` holds it (schema `bleepay-qa/diff@1`): the
 * findings on the spec side, the consumer impact beside them, and the verdict of each.
 */
import type { Finding } from "./compare-specs.js";
import type { ConsumerImpact } from "./consumer-impact.js";

/** The schema id of `diff.json`. */
export const DIFF_REPORT_SCHEMA = "bleepay-qa/diff@1";

/** One version as the report names it. */
export interface SpecVersionInfo {
  /** The file it was read from. */
  readonly file: string;
  /** `info.version`. */
  readonly version: string | undefined;
  /** The Open Session operation, e.g. `POST /api/v1/vouchers/sessions/session-open`. */
  readonly operation: string;
}

/** The two verdicts, side by side. */
export interface DiffVerdict {
  /** By the spec, for any client: whether any finding is breaking. */
  readonly spec: "breaking" | "not breaking";
  /** For the known consumers: whether any pact interaction is broken by the change. */
  readonly consumers: "broken" | "unaffected" | "not checked";
}

/** What `runDiff` returns and `diff.json` holds. */
export interface DiffReport {
  readonly schema: typeof DIFF_REPORT_SCHEMA;
  /** Whether anything is breaking: a breaking finding, or a consumer interaction broken by the change. */
  readonly breaking: boolean;
  readonly verdict: DiffVerdict;
  readonly base: SpecVersionInfo;
  readonly head: SpecVersionInfo;
  /** Breaking first, then non-breaking, then info. */
  readonly findings: readonly Finding[];
  readonly consumerImpact: readonly ConsumerImpact[];
  /** Why consumers were not (or not all) checked, when so. */
  readonly consumerNote?: string;
  readonly durationMs: number;
}

/** Counts of findings by severity. */
export function countFindings(report: Pick<DiffReport, "findings">): Record<Finding["severity"], number> {
  const counts = { breaking: 0, "non-breaking": 0, info: 0 };
  for (const f of report.findings) counts[f.severity]++;
  return counts;
}

/** One line per consumer: `breaks 3 of 7 interactions of bleepay-payee-app`. */
export function describeImpact(impact: ConsumerImpact): string {
  const already = impact.alreadyFailing.length
    ? ` (${impact.alreadyFailing.length} already failing against the old spec)`
    : "";
  return `breaks ${impact.broken.length} of ${impact.interactions} interactions of ${impact.consumer}${already}`;
}
