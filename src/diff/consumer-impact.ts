/**
 * Which consumer interactions a spec change breaks: every pact is checked against both versions
 * with the comparator the contracts stage uses (PactFlow's openapi-pact-comparator). An
 * interaction the old version accepts and the new one does not is broken by the change; one the
 * old version already refused is reported apart, as failing before the change.
 */
import { createPactChecker, type SpecFinding } from "../../contracts/spec-check.js";
import type { LoadedPact } from "./pact-sources.js";
import { DiffInputError } from "./spec-load-error.js";

/** One interaction and why the comparator refuses it. */
export interface InteractionProblem {
  /** The interaction's description in the pact. */
  readonly description: string;
  /** The comparator's code and message, and the pact's value. */
  readonly reason: string;
  /** Where in the interaction, e.g. `request.body.code`. */
  readonly field: string | undefined;
}

/** What the change does to one consumer's pact. */
export interface ConsumerImpact {
  readonly consumer: string;
  readonly provider: string;
  /** Where the pact came from. */
  readonly source: string;
  /** How many interactions the pact has. */
  readonly interactions: number;
  /** Interactions the old spec accepts and the new one refuses. */
  readonly broken: readonly InteractionProblem[];
  /** Interactions the old spec already refused (not the change's doing). */
  readonly alreadyFailing: readonly InteractionProblem[];
}

const fieldOf = (finding: SpecFinding): string | undefined =>
  finding.pactLocation?.replace(/^\[root\]\.interactions\[\d+\]\.?/, "") || undefined;

function problem(description: string, findings: readonly SpecFinding[]): InteractionProblem {
  const first = findings[0] as SpecFinding;
  // The comparator repeats a long preamble per error ("… in the spec file: must …"): said once.
  const byCode = new Map<string, { preamble: string; details: string[]; values: string[] }>();
  for (const f of findings) {
    const at = f.message.indexOf("spec file: ");
    const preamble = at >= 0 ? f.message.slice(0, at + "spec file".length) : f.message;
    const detail = at >= 0 ? f.message.slice(at + "spec file: ".length) : "";
    const entry = byCode.get(f.code) ?? { preamble, details: [], values: [] };
    if (detail && !entry.details.includes(detail)) entry.details.push(detail);
    const value = f.pactValue === undefined ? undefined : JSON.stringify(f.pactValue);
    if (value !== undefined && !entry.values.includes(value)) entry.values.push(value);
    byCode.set(f.code, entry);
  }
  const reason = [...byCode.entries()]
    .map(
      ([code, e]) =>
        `${code}: ${e.preamble}${e.details.length ? `: ${e.details.join("; ")}` : ""}${e.values.length ? ` (pact has ${e.values.join(", ")})` : ""}`,
    )
    .join("; ");
  return { description, reason, field: fieldOf(first) };
}

/**
 * Checks each pact against both versions.
 *
 * @example
 * const impact = await consumerImpact(pacts, baseDocument, headDocument);
 * impact[0]?.broken.map((b) => b.description);
 */
export async function consumerImpact(
  pacts: readonly LoadedPact[],
  base: unknown,
  head: unknown,
): Promise<ConsumerImpact[]> {
  if (pacts.length === 0) return [];
  const checkBase = createPactChecker(base);
  const checkHead = createPactChecker(head);
  const impacts: ConsumerImpact[] = [];
  for (const { source, pact } of pacts) {
    let before: SpecFinding[];
    let after: SpecFinding[];
    try {
      [before, after] = await Promise.all([checkBase(pact), checkHead(pact)]);
    } catch (error) {
      throw new DiffInputError(
        source,
        `not a pact the comparator can read: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const p = pact as {
      consumer?: { name?: string };
      provider?: { name?: string };
      interactions?: { description?: unknown }[];
    };
    const descriptions = (p.interactions ?? []).map((i) => String(i.description ?? ""));
    const errors = (findings: SpecFinding[], description: string) =>
      findings.filter((f) => f.type === "error" && (f.interaction ?? "") === description);
    const broken: InteractionProblem[] = [];
    const alreadyFailing: InteractionProblem[] = [];
    // Errors the comparator places on no interaction are the whole pact's.
    for (const description of [...descriptions, ""]) {
      const was = errors(before, description);
      const now = errors(after, description);
      const label = description || "(the pact as a whole)";
      if (was.length) alreadyFailing.push(problem(label, was));
      else if (now.length) broken.push(problem(label, now));
    }
    impacts.push({
      consumer: p.consumer?.name ?? "(unnamed consumer)",
      provider: p.provider?.name ?? "(unnamed provider)",
      source,
      interactions: descriptions.length,
      broken,
      alreadyFailing,
    });
  }
  return impacts;
}
