/**
 * `bleepay-qa load --export k6|artillery`: the scenario written for a distributed engine instead of
 * run, with the code pool beside it when one can be had.
 */
import { join } from "node:path";
import { writeReportFile } from "../../src/report/report-files.js";
import { loadCodePool } from "../engine/code-pool.js";
import type { LoadSettings } from "../load-options.js";
import { toArtilleryScript } from "./export-artillery.js";
import { toK6Script } from "./export-k6.js";
import type { ExportScenario } from "./export-scenario.js";

/** File names the exports write in the reports folder. */
export const EXPORT_FILES = {
  k6: "load-k6.js",
  artillery: "load-artillery.yml",
  codes: "load-codes.csv",
} as const;

/** What an export wrote, and what it could not. */
export interface ExportResult {
  readonly written: readonly string[];
  /** Why the codes file was not written, when it was not. */
  readonly note?: string;
}

/**
 * Writes the script for `engine` (and the codes, from `--codes-file` or minted through
 * `stateSetupUrl`) into `reportsDir`.
 */
export async function writeLoadExport(
  engine: "k6" | "artillery",
  settings: LoadSettings,
  stateSetupUrl: string | undefined,
  reportsDir: string,
): Promise<ExportResult> {
  const scenario: ExportScenario = {
    scenario: settings.scenario,
    weights: settings.weights,
    rate: settings.rate ?? 1,
    durationS: Math.round((settings.warmupMs + settings.durationMs) / 1000),
    maxConnections: settings.connections,
    timeoutMs: settings.timeoutMs,
    slos: settings.slos,
    codesFile: EXPORT_FILES.codes,
  };
  const script = engine === "k6" ? toK6Script(scenario) : toArtilleryScript(scenario);
  const written = [await writeReportFile(join(reportsDir, EXPORT_FILES[engine]), script)];
  if (!settings.codesFile && !stateSetupUrl) {
    return {
      written,
      note: `no codes written: give --codes-file or --state-setup-url to write ${EXPORT_FILES.codes}${engine === "k6" ? " (or set BLEEPAY_STATE_SETUP_URL when running k6: setup() mints them)" : ""}`,
    };
  }
  const codes = await loadCodePool(settings, stateSetupUrl);
  written.push(await writeReportFile(join(reportsDir, EXPORT_FILES.codes), `${codes.join("\n")}\n`));
  return { written };
}
