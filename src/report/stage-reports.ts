/** The report files every stage gets: its result as JSON and as JUnit. */
import { join } from "node:path";
import type { StageResult } from "../stages/stage.js";
import { redact } from "../util/redact.js";
import { toJUnitXml } from "./junit.js";
import { writeReportFile } from "./report-files.js";

/**
 * Writes a stage's JSON and JUnit reports; returns their paths. Both pass through `clean` (give
 * the output's `redact`, which knows the token): a failure's detail can quote a provider that
 * echoed the token back. Without it, bearer credentials and Authorization values are still redacted.
 */
export async function writeStageReports(
  reportsDir: string,
  result: StageResult,
  clean: (text: string) => string = (text) => redact(text),
): Promise<string[]> {
  return [
    await writeReportFile(
      join(reportsDir, `${result.stage}-result.json`),
      clean(`${JSON.stringify(result, null, 2)}\n`),
    ),
    await writeReportFile(join(reportsDir, `junit-${result.stage}.xml`), clean(toJUnitXml([result]))),
  ];
}
