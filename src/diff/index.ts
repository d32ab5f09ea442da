/** `bleepay-qa diff` as a library: run a diff, write its reports, print it. */
export type { Finding, Severity } from "./compare-specs.js";
export { compareSpecs } from "./compare-specs.js";
export type { ConsumerImpact, InteractionProblem } from "./consumer-impact.js";
export * from "./diff-report.js";
export type { DiffSettings } from "./diff-settings.js";
export { loadSpecFile, type SpecDocument } from "./load-spec.js";
export { diffMarkdown } from "./render-markdown.js";
export { diffTerminalLines } from "./render-terminal.js";
export { runDiff } from "./run-diff.js";
export { DiffInputError } from "./spec-load-error.js";
export { SpecOracle } from "./spec-oracle.js";
export type { AnswerWitness, RequestWitness, Witness } from "./witness.js";
export { writeDiffReports } from "./write-diff-reports.js";
