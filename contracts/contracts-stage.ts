/**
 * `bleepay-qa contracts`: runs the consumer interactions against Pact's mock server, writes the
 * pact, and checks every pact of the folder against the spec.
 */
import { mkdir } from "node:fs/promises";
import { basename } from "node:path";
import { answerKey, createCoverageTally } from "../src/stages/coverage.js";
import { type CheckResult, defineStage, overallOutcome } from "../src/stages/stage.js";
import { PACT_DIR_OPTION, pactDirOf, readPactFiles } from "./pact-dir.js";
import { CONSUMER_NAME, PACT_FILE_NAME, PROVIDER_NAME } from "./pact-names.js";
import type { SpecFinding } from "./spec-check.js";

/** The spec checks of one pact: one check per interaction, failed by the comparator's errors. */
async function specChecks(
  path: string,
  pact: NonNullable<Awaited<ReturnType<typeof readPactFiles>>[number]["pact"]>,
): Promise<CheckResult[]> {
  const own = basename(path) === PACT_FILE_NAME;
  const prefix = own ? "" : `${pact.consumer?.name ?? basename(path)} › `;
  const { checkPactAgainstSpec, describeFinding } = await import("./spec-check.js");
  let findings: SpecFinding[];
  try {
    findings = await checkPactAgainstSpec(pact);
  } catch (error) {
    return [
      {
        name: `spec allows ${basename(path)}`,
        outcome: "failed",
        detail: `not a pact file the comparator can read: ${error instanceof Error ? error.message : String(error)}`,
      },
    ];
  }
  const descriptions = (pact.interactions ?? []).map((i) =>
    String((i as { description?: unknown }).description ?? ""),
  );
  const checks: CheckResult[] = descriptions.map((description) => {
    const mine = findings.filter((f) => f.interaction === description);
    const errors = mine.filter((f) => f.type === "error");
    const warnings = mine.filter((f) => f.type === "warning");
    const lines = [...errors.map(describeFinding), ...warnings.map((w) => `warning: ${describeFinding(w)}`)];
    return {
      name: `spec allows: ${prefix}${description}`,
      outcome: errors.length ? "failed" : "passed",
      ...(lines.length ? { detail: lines.join("\n") } : {}),
    };
  });
  const unplaced = findings.filter((f) => f.type === "error" && !descriptions.includes(f.interaction ?? ""));
  if (unplaced.length) {
    checks.push({
      name: `spec allows ${basename(path)}`,
      outcome: "failed",
      detail: unplaced.map(describeFinding).join("\n"),
    });
  }
  return checks;
}

/** The contracts stage. */
export const contractsStage = defineStage({
  name: "contracts",
  summary: "Run the Pact consumer contract, write the pact, check every pact against the spec",
  help: `
Runs the payee app's consumer contract (Pact V4, consumer ${CONSUMER_NAME}, provider
${PROVIDER_NAME}): seven interactions (200, 400 invalid_code, 401), each driving the real client against Pact's mock
server. Writes ${PACT_FILE_NAME} to the pact folder (a fresh file each run), then checks
every pact of that folder against the OpenAPI spec with PactFlow's openapi-pact-comparator: an
expectation the spec does not allow fails here, before any provider runs. Pacts carry the
placeholder token only; the provider target is not contacted.

Examples:
  bleepay-qa contracts
  bleepay-qa contracts --pact-dir build/pacts
  bleepay-qa contracts && bleepay-qa verify`,
  options: { "pact-dir": PACT_DIR_OPTION },
  settings: ({ pactDir }) => ({ pactDir }),
  async run({ pactDir }, { reportsDir, signal }) {
    const started = performance.now();
    const dir = pactDirOf(pactDir, reportsDir);
    await mkdir(dir, { recursive: true });
    // Loaded on use: Pact and the comparator take about a second to load, which every other
    // command (and --help) would otherwise pay.
    const { writePacts } = await import("./write-pacts.js");
    const { pactFile, runs } = await writePacts(dir, { signal });
    const checks: CheckResult[] = runs.map((r) => ({
      name: `consumer: ${r.interaction.description}`,
      outcome: r.outcome,
      ...(r.detail ? { detail: r.detail } : {}),
    }));
    const files = (await readPactFiles(dir)).filter(
      (f) => f.pact === undefined || f.pact.provider?.name === PROVIDER_NAME,
    );
    for (const file of files) {
      if (signal.aborted) break;
      if (!file.pact) {
        checks.push({
          name: `spec allows ${basename(file.path)}`,
          outcome: "failed",
          detail: "the file is not JSON",
        });
        continue;
      }
      checks.push(...(await specChecks(file.path, file.pact)));
    }
    if (!files.some((f) => f.path === pactFile)) {
      checks.push({
        name: `spec allows ${PACT_FILE_NAME}`,
        outcome: "not-run",
        detail: "no interaction passed, so no pact was written",
      });
    }
    const count = (prefix: string, outcome: string) =>
      checks.filter((c) => c.name.startsWith(prefix) && c.outcome === outcome).length;
    const consumerPassed = count("consumer:", "passed");
    const specFailed = checks.filter((c) => !c.name.startsWith("consumer:") && c.outcome === "failed").length;
    const coverage = createCoverageTally();
    for (const r of runs) {
      coverage.add("consumer pact", answerKey(r.interaction.status, r.interaction.errorCode), r.outcome);
    }
    return {
      stage: "contracts",
      outcome: overallOutcome(checks),
      summary: `${consumerPassed} of ${runs.length} interactions passed; ${files.length} pact(s) checked against the spec, ${specFailed} finding(s)`,
      checks,
      figures: { interactions: runs.length, pacts: files.length, "spec errors": specFailed },
      reports: files.some((f) => f.path === pactFile) ? [pactFile] : [],
      coverage: coverage.cells(),
      durationMs: performance.now() - started,
    };
  },
});
