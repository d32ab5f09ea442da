import { describe, expect, it } from "vitest";
import { COVERAGE_LAYERS, DOCUMENTED_ANSWERS } from "../stages/coverage.js";
import type { StageResult } from "../stages/stage.js";
import { buildCoverageMatrix } from "./coverage-matrix.js";

const stage = (name: string, coverage: StageResult["coverage"]): StageResult => ({
  stage: name,
  outcome: "passed",
  summary: "",
  checks: [],
  durationMs: 0,
  ...(coverage ? { coverage } : {}),
});

describe("buildCoverageMatrix", () => {
  it("always has the documented answers and the five layers, so a gap is visible", () => {
    const matrix = buildCoverageMatrix([]);
    expect(matrix.answers).toEqual(DOCUMENTED_ANSWERS);
    expect(matrix.layers).toEqual(COVERAGE_LAYERS);
    expect(matrix.cells).toEqual([]);
    expect(matrix.uncovered).toEqual(DOCUMENTED_ANSWERS);
  });

  it("merges a layer's cells from several stages: counts add, a failure wins", () => {
    const matrix = buildCoverageMatrix([
      stage("a", [{ layer: "load", answer: "200", count: 10, outcome: "passed" }]),
      stage("b", [{ layer: "load", answer: "200", count: 5, outcome: "failed" }]),
      stage("c", undefined),
    ]);
    expect(matrix.cells).toEqual([
      { layer: "load", answer: "200", count: 15, outcome: "failed", stages: ["a", "b"] },
    ]);
    expect(matrix.uncovered).not.toContain("200");
  });

  it("adds answers and layers beyond the documented ones after them", () => {
    const matrix = buildCoverageMatrix([
      stage("x", [
        { layer: "smoke", answer: "415 unsupported_media_type", count: 1, outcome: "passed" },
        { layer: "smoke", answer: "404 not_found", count: 1, outcome: "passed" },
      ]),
    ]);
    expect(matrix.answers.slice(DOCUMENTED_ANSWERS.length)).toEqual([
      "404 not_found",
      "415 unsupported_media_type",
    ]);
    expect(matrix.layers.at(-1)).toBe("smoke");
  });

  it("does not count a cell that was not run as covered", () => {
    const matrix = buildCoverageMatrix([
      stage("v", [{ layer: "provider verification", answer: "200", count: 2, outcome: "not-run" }]),
    ]);
    expect(matrix.uncovered).toContain("200");
  });
});
