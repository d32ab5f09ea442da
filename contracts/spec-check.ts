/**
 * Checks pacts against the OpenAPI spec with PactFlow's comparison library
 * (`@pactflow/openapi-pact-comparator`, the successor of swagger-mock-validator), so an expectation
 * the spec does not allow fails before any provider runs, with no PactFlow account.
 *
 * Version 1.7.0: the 2.x line declares Node >= 22, and 1.7.0 already reads Pact V4 files and
 * OpenAPI 3.1 documents.
 */
import * as comparatorModule from "@pactflow/openapi-pact-comparator";
import { openapiSpec } from "../src/rules/index.js";

/** The part of the comparator's result bleepay-qa reads. */
interface ComparatorResult {
  type: "error" | "warning";
  code: string;
  message: string;
  mockDetails?: { interactionDescription?: string | null; location: string; value: unknown };
  specDetails?: { location: string };
}

/** The comparator's class, as its README documents it. */
interface Comparator {
  compare(pact: unknown): AsyncGenerator<ComparatorResult>;
}

// The package's own type declarations re-export without file extensions, which `module: NodeNext`
// cannot follow, so TypeScript sees no exports: the class is typed here from its documented API.
const { Comparator: ComparatorClass } = comparatorModule as unknown as {
  Comparator: new (oas: unknown) => Comparator;
};

/** One finding of the comparator. */
export interface SpecFinding {
  /** `error` fails the pact; `warning` is reported only. */
  readonly type: "error" | "warning";
  /** The comparator's code, e.g. `response.body.incompatible`. */
  readonly code: string;
  /** The comparator's message. */
  readonly message: string;
  /** The interaction it concerns, when the comparator names one. */
  readonly interaction: string | undefined;
  /** Where in the pact, e.g. `[root].interactions[0].response.body.status`. */
  readonly pactLocation: string | undefined;
  /** The pact's value there. */
  readonly pactValue: unknown;
  /** Where in the spec, e.g. `[root].paths./api/…/responses.200…`. */
  readonly specLocation: string | undefined;
}

/** Checks one pact against one OpenAPI document; see {@link createPactChecker}. */
export type PactChecker = (pact: unknown) => Promise<SpecFinding[]>;

/**
 * A checker of pacts against any OpenAPI document (`bleepay-qa diff` checks each pact against
 * both versions of the spec). The comparator compiles the document's schemas once and reuses them
 * for every pact given to the checker. Throws, per pact, when the pact is not a pact file at all.
 *
 * @example
 * const check = createPactChecker(headDocument);
 * const errors = (await check(pact)).filter((f) => f.type === "error");
 */
export function createPactChecker(oas: unknown): PactChecker {
  // A deep copy: the comparator may annotate the document, which the caller still reads.
  const comparator = new ComparatorClass(structuredClone(oas));
  return async (pact) => {
    const findings: SpecFinding[] = [];
    for await (const result of comparator.compare(pact)) {
      findings.push({
        type: result.type,
        code: result.code,
        message: result.message,
        interaction: result.mockDetails?.interactionDescription ?? undefined,
        pactLocation: result.mockDetails?.location,
        pactValue: result.mockDetails?.value,
        specLocation: result.specDetails?.location,
      });
    }
    return findings;
  };
}

// One checker of the project's own spec for the process.
let ownSpec: PactChecker | undefined;

/**
 * Compares one pact (parsed JSON) with the spec. Returns every finding; the pact conforms when
 * none is an error. Throws when the pact is not a pact file at all.
 *
 * @example
 * const findings = await checkPactAgainstSpec(JSON.parse(await readFile(pactFile, "utf8")));
 * const errors = findings.filter((f) => f.type === "error");
 */
export function checkPactAgainstSpec(pact: unknown): Promise<SpecFinding[]> {
  ownSpec ??= createPactChecker(openapiSpec);
  return ownSpec(pact);
}

/** One line for a finding: the interaction, the message, where, and the pact's value. */
export function describeFinding(finding: SpecFinding): string {
  const where = finding.pactLocation ? ` at ${finding.pactLocation}` : "";
  const value = finding.pactValue === undefined ? "" : ` (pact has ${JSON.stringify(finding.pactValue)})`;
  const who = finding.interaction ? `"${finding.interaction}": ` : "";
  return `${who}${finding.code}: ${finding.message}${where}${value}`;
}
