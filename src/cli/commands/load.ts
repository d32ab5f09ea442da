/**
 * `bleepay-qa load`: the load stage as a command, plus `load merge FILES…` (HDR logs from several
 * runs merged into one report, exactly) and `--export k6|artillery` (the scenario written for a
 * distributed engine instead of run).
 */
import { writeLoadExport } from "../../../load/export/write-export.js";
import { mergeLoadLogs } from "../../../load/load-merge.js";
import { loadStage } from "../../../load/load-stage.js";
import { writeStageReports } from "../../report/stage-reports.js";
import { usageError } from "../cli-error.js";
import { defineCommand } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { printStageResult } from "../print-stage-result.js";
import { prepareReportsDir, runStageCommand } from "../stage-command.js";
import { TARGET_OPTIONS } from "../target.js";

/** The `load` command. */
export const loadCommand = defineCommand({
  name: loadStage.name,
  summary: loadStage.summary,
  help: loadStage.help,
  usage: "[options] | merge FILE.hdrlog… [options]",
  options: { ...loadStage.options, ...TARGET_OPTIONS },
  positionals: true,
  async run(options, context) {
    const { out } = context;
    const [sub, ...files] = context.positionals;
    if (sub !== undefined && sub !== "merge")
      throw usageError(
        `load: unknown subcommand ${JSON.stringify(sub)}; expected merge (see bleepay-qa load --help)`,
      );
    if (sub === undefined && options.export === undefined)
      return runStageCommand(loadStage, options, context);
    // Read before anything is written: a bad option fails first.
    const settings = loadStage.settings(options);
    const reportsDir = await prepareReportsDir(options.reportsDir);
    if (sub === "merge") {
      out.line(`bleepay-qa load merge: ${files.length} logs`);
      const result = await mergeLoadLogs(files, settings, reportsDir);
      const reports = [
        ...(result.reports ?? []),
        ...(await writeStageReports(reportsDir, result, out.redact)),
      ];
      printStageResult(out, { ...result, reports });
      return result.outcome === "failed" ? EXIT.fail : EXIT.pass;
    }
    const exported = await writeLoadExport(
      options.export ?? "k6",
      settings,
      options.stateSetupUrl,
      reportsDir,
    );
    if (exported.note) out.line(`  note: ${exported.note}`);
    for (const path of exported.written) out.line(`  wrote ${path}`);
    return EXIT.pass;
  },
});
