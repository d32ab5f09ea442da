/**
 * Coverage: which documented answers of Open Session each layer of testing actually exercised.
 * Stages fill `StageResult.coverage` from what they ran (not from a table), so the run report's
 * matrix shows a gap as an empty cell.
 */
import { ERROR_CODES } from "../rules/index.js";
import type { Outcome } from "./stage.js";

/**
 * The answers the API doc documents (its example and its error table), in the matrix's row order.
 * The spec's other answers (413, 415, 404, 405) are assumptions; they appear as extra rows when a
 * stage covers them.
 */
export const DOCUMENTED_ANSWERS: readonly string[] = [
  "200",
  `400 ${ERROR_CODES.invalidCode}`,
  `400 ${ERROR_CODES.invalidRequest}`,
  `401 ${ERROR_CODES.unauthorized}`,
];

/** The layers of testing, in the matrix's column order. */
export const COVERAGE_LAYERS = [
  "consumer pact",
  "provider verification",
  "valid fuzzing",
  "invalid fuzzing",
  "load",
] as const;

/** A layer of testing; stages may report layers beyond {@link COVERAGE_LAYERS}. */
export type CoverageLayer = (typeof COVERAGE_LAYERS)[number];

/** One cell of the matrix: a layer exercised an answer this many times, with this outcome. */
export interface CoverageCell {
  readonly layer: string;
  /** The answer as `STATUS` or `STATUS error_code`, e.g. `400 invalid_code`. */
  readonly answer: string;
  /** Interactions, inputs or requests that expected this answer. */
  readonly count: number;
  /** Failed if any of them got something else; not-run if none could be judged. */
  readonly outcome: Outcome;
  /** How many of them got an answer that departs from an assumption the policy did not fail. */
  readonly deviations?: number;
}

/** The answer's key: `200`, or `400 invalid_code` for an error with its code. */
export function answerKey(status: number, errorCode?: string): string {
  return status >= 400 && errorCode ? `${status} ${errorCode}` : String(status);
}

/**
 * The answer a pact interaction promises, from its response (Pact V4 `body.content` or V3 `body`).
 * Undefined for what is not a readable HTTP interaction.
 */
export function pactInteractionAnswer(interaction: unknown): string | undefined {
  const response = (interaction as { response?: { status?: unknown; body?: unknown } } | null)?.response;
  if (!response || typeof response.status !== "number") return undefined;
  const body = response.body as { content?: unknown; code?: unknown } | undefined;
  const content = (body && typeof body === "object" && "content" in body ? body.content : body) as
    | { code?: unknown }
    | undefined;
  const code = content && typeof content === "object" ? content.code : undefined;
  return answerKey(response.status, typeof code === "string" ? code : undefined);
}

/** Counts outcomes by layer and answer. */
export interface CoverageTally {
  /**
   * Records `count` items of `layer` that expected `answer`, with their outcome; `deviations` of
   * them departed from an assumption without failing.
   */
  add(layer: string, answer: string, outcome: Outcome, count?: number, deviations?: number): void;
  /** The cells, in the order first seen. */
  cells(): CoverageCell[];
}

/**
 * Creates an empty tally. A cell is failed if any of its items failed, passed if any passed and
 * none failed, else not-run.
 *
 * @example
 * const tally = createCoverageTally();
 * tally.add("consumer pact", answerKey(400, "invalid_code"), "passed");
 * result.coverage = tally.cells();
 */
export function createCoverageTally(): CoverageTally {
  const cells = new Map<
    string,
    { layer: string; answer: string; count: number; outcome: Outcome; deviations?: number }
  >();
  return {
    add(layer, answer, outcome, count = 1, deviations = 0) {
      const key = `${layer}\u0000${answer}`;
      const cell = cells.get(key) ?? { layer, answer, count: 0, outcome: "not-run" as Outcome };
      cell.count += count;
      if (deviations > 0) cell.deviations = (cell.deviations ?? 0) + deviations;
      if (outcome === "failed" || (outcome === "passed" && cell.outcome === "not-run"))
        cell.outcome = outcome;
      cells.set(key, cell);
    },
    cells: () => [...cells.values()].map((c) => ({ ...c })),
  };
}
