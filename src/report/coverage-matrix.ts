/**
 * The coverage matrix of a run: each documented answer against each layer of testing, built from
 * the `coverage` the stages reported. A layer that did not exercise an answer has no cell.
 */
import { COVERAGE_LAYERS, type CoverageCell, DOCUMENTED_ANSWERS } from "../stages/coverage.js";
import type { StageResult } from "../stages/stage.js";

/** The matrix as summary.json holds it. */
export interface CoverageMatrix {
  /** Rows: the documented answers first, then any other answer a stage covered. */
  readonly answers: readonly string[];
  /** Columns: the standard layers first, then any other layer a stage reported. */
  readonly layers: readonly string[];
  /** The covered cells (cells of the same layer and answer from several stages are merged). */
  readonly cells: readonly (CoverageCell & { readonly stages: readonly string[] })[];
  /** Documented answers no layer covered at all. */
  readonly uncovered: readonly string[];
}

const RANK = { failed: 2, passed: 1, "not-run": 0 } as const;

/** Builds the matrix from the stages' results. */
export function buildCoverageMatrix(results: readonly StageResult[]): CoverageMatrix {
  const cells = new Map<string, CoverageCell & { stages: string[] }>();
  for (const result of results) {
    for (const cell of result.coverage ?? []) {
      const key = `${cell.layer}\u0000${cell.answer}`;
      const seen = cells.get(key);
      if (!seen) {
        cells.set(key, { ...cell, stages: [result.stage] });
        continue;
      }
      const deviations = (seen.deviations ?? 0) + (cell.deviations ?? 0);
      cells.set(key, {
        ...seen,
        count: seen.count + cell.count,
        ...(deviations ? { deviations } : {}),
        outcome: RANK[cell.outcome] > RANK[seen.outcome] ? cell.outcome : seen.outcome,
        stages: seen.stages.includes(result.stage) ? seen.stages : [...seen.stages, result.stage],
      });
    }
  }
  const all = [...cells.values()];
  const answers = [...DOCUMENTED_ANSWERS];
  for (const cell of all) if (!answers.includes(cell.answer)) answers.push(cell.answer);
  const layers: string[] = [...COVERAGE_LAYERS];
  for (const cell of all) if (!layers.includes(cell.layer)) layers.push(cell.layer);
  const extra = answers.slice(DOCUMENTED_ANSWERS.length).sort();
  return {
    answers: [...DOCUMENTED_ANSWERS, ...extra],
    layers,
    cells: all,
    uncovered: DOCUMENTED_ANSWERS.filter((a) => !all.some((c) => c.answer === a && c.outcome !== "not-run")),
  };
}
