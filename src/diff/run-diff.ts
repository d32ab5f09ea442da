/**
 * `runDiff`: the library entry point of `bleepay-qa diff`. Reads both specs, compares the Open
 * Session operation with a witness for every breaking finding, and checks the consumers' pacts
 * against both versions. It prints nothing and exits nothing: the CLI does that from the report.
 */
import { compareSpecs } from "./compare-specs.js";
import { consumerImpact } from "./consumer-impact.js";
import { DIFF_REPORT_SCHEMA, type DiffReport, type SpecVersionInfo } from "./diff-report.js";
import type { DiffSettings } from "./diff-settings.js";
import { loadSpecFile, type SpecDocument } from "./load-spec.js";
import { loadPacts } from "./pact-sources.js";
import { SpecOracle } from "./spec-oracle.js";

const info = (spec: SpecDocument): SpecVersionInfo => ({
  file: spec.file,
  version: spec.version,
  operation: `${spec.operation.method} ${spec.operation.path}`,
});

/**
 * Runs a diff. Throws a `DiffInputError` (one line: the file or URL, and why) when a spec or the
 * pact source cannot be read.
 *
 * @example
 * const report = await runDiff({ base: "/tmp/base.yaml", head: "openapi/bleepay-vouchers.yaml", pacts: [{ kind: "fresh" }] });
 * if (report.breaking) process.exitCode = 1;
 */
export async function runDiff(
  settings: DiffSettings,
  options: { signal?: AbortSignal } = {},
): Promise<DiffReport> {
  const started = performance.now();
  const [base, head] = await Promise.all([loadSpecFile(settings.base), loadSpecFile(settings.head)]);
  const findings = compareSpecs(new SpecOracle("base", base), new SpecOracle("head", head));
  const { pacts, note } = await loadPacts(settings.pacts, options.signal);
  const impact = await consumerImpact(pacts, base.document, head.document);
  const specBreaking = findings.some((f) => f.severity === "breaking");
  const consumersBroken = impact.some((i) => i.broken.length > 0);
  return {
    schema: DIFF_REPORT_SCHEMA,
    breaking: specBreaking || consumersBroken,
    verdict: {
      spec: specBreaking ? "breaking" : "not breaking",
      consumers: consumersBroken ? "broken" : impact.length ? "unaffected" : "not checked",
    },
    base: info(base),
    head: info(head),
    findings,
    consumerImpact: impact,
    ...(note ? { consumerNote: note } : {}),
    durationMs: Math.round(performance.now() - started),
  };
}
