/** The run report: summary.json's layout, the coverage matrix, index.html and summary.md. */
export * from "./coverage-matrix.js";
export * from "./escape-html.js";
export * from "./read-load-artifacts.js";
export * from "./redact-deep.js";
export * from "./render-run-report.js";
export * from "./run-markdown.js";
export * from "./run-summary.js";
