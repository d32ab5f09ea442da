/**
 * `bleepay-qa diff`: a thin adapter over `runDiff` (src/diff): parse the settings, run, write the
 * reports, print, exit 1 when anything is breaking, 2 when a spec or pact source cannot be read.
 */
import { DIFF_OPTIONS, parseDiffSettings } from "../../diff/diff-settings.js";
import { CliError } from "../cli-error.js";
import { defineCommand } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { prepareReportsDir } from "../stage-command.js";

/** The `diff` command. */
export const diffCommand = defineCommand({
  name: "diff",
  summary:
    "Breaking-change gate between two versions of the spec, with a witness per break and the pacts it breaks",
  usage: "--head NEW.yaml [--base OLD.yaml] [options]",
  help: `
Compares the Open Session operation of two spec versions: path and method, security, parameters
and required headers, request body, each answer's status, headers, content types and body.
Every finding is breaking, non-breaking or info, points into the spec (a JSON pointer) and says
for whom: a request the old spec allowed that the new one refuses, or an answer the new spec
allows that a client built on the old one cannot read. Every breaking finding carries a witness,
checked with Ajv against both versions: a curl (token as $BLEEPAY_TOKEN, base URL as
$BLEEPAY_BASE_URL) or an answer body. A suspected break without a witness is info, never
breaking.

Then every pact (--pact-dir, a Pact Broker, or by default the payee app's pact written afresh by
the contract) is checked against both versions with PactFlow's openapi-pact-comparator: the
interactions the old spec accepts and the new one refuses are broken by the change.

Writes diff.json (schema bleepay-qa/diff@1), diff.md (a pull-request comment) and junit-diff.xml
to --reports-dir. Exit 1 when a finding is breaking or a consumer interaction is broken, 0
otherwise, 2 when a spec or pact source cannot be read.

Examples:
  git show origin/main:openapi/bleepay-vouchers.yaml > /tmp/base.yaml
  bleepay-qa diff --base /tmp/base.yaml --head openapi/bleepay-vouchers.yaml
  bleepay-qa diff --head new.yaml --pact-dir build/pacts
  bleepay-qa diff --head new.yaml --broker-url https://broker.example --broker-token "$PACT_BROKER_TOKEN"`,
  options: DIFF_OPTIONS,
  async run(options, { out, signal }) {
    const settings = parseDiffSettings(options);
    const reportsDir = await prepareReportsDir(options.reportsDir);
    // Loaded on use: the engine brings Ajv, fast-check, YAML, Pact and the comparator.
    const { runDiff, writeDiffReports, diffTerminalLines, DiffInputError } = await import(
      "../../diff/index.js"
    );
    let report: Awaited<ReturnType<typeof runDiff>>;
    try {
      report = await runDiff(settings, { signal });
    } catch (error) {
      if (error instanceof DiffInputError) throw new CliError(`cannot read ${error.message}`, EXIT.usage);
      throw error;
    }
    const written = await writeDiffReports(reportsDir, report, out.redact);
    for (const line of diffTerminalLines(report, written.witnessFiles, written.reports)) out.line(line);
    return report.breaking ? EXIT.fail : EXIT.pass;
  },
});
