/**
 * The `bleepay-qa` entry point, kept thin: parse, dispatch, turn errors into one line and an exit
 * code. Stack traces are shown only with BLEEPAY_QA_DEBUG=1.
 */
import { readFileSync } from "node:fs";
import { StateSetupError } from "../state-setup/index.js";
import { CliError } from "./cli-error.js";
import { COMMANDS } from "./commands/index.js";
import { EXIT } from "./exit-codes.js";
import { commandHelp, mainHelp } from "./help.js";
import { createOutput, type TextSink } from "./output.js";
import { parseArguments } from "./parse-arguments.js";

/** What `main` needs from its process (tests pass fakes). */
export interface MainIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted when the process is asked to stop. */
  readonly signal: AbortSignal;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/**
 * Runs the CLI and returns its exit code.
 *
 * @example
 * const code = await main(["all"], { stdout: process.stdout, stderr: process.stderr, env: process.env, signal });
 */
export async function main(argv: readonly string[], io: MainIo): Promise<number> {
  const out = createOutput(io.stdout, io.stderr, [io.env.BLEEPAY_TOKEN]);
  try {
    const parsed = parseArguments(argv, io.env, COMMANDS);
    if (parsed.kind === "help") {
      out.line(parsed.command ? commandHelp(parsed.command) : mainHelp(COMMANDS));
      return EXIT.pass;
    }
    if (parsed.kind === "version") {
      out.line(version());
      return EXIT.pass;
    }
    return await parsed.command.run({
      values: parsed.values,
      positionals: parsed.positionals,
      ...(parsed.config ? { config: parsed.config } : {}),
      out,
      signal: io.signal,
    });
  } catch (error) {
    if (error instanceof CliError) {
      out.error(`bleepay-qa: ${error.message}`);
      return error.exitCode;
    }
    // A provider-state endpoint that fails in a stage with no translation of its own: a safety net,
    // every stage turns these into a CliError today.
    if (error instanceof StateSetupError) {
      out.error(`bleepay-qa: cannot set up a provider state: ${error.message}`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    out.error(`bleepay-qa: internal error: ${message}`);
    if (io.env.BLEEPAY_QA_DEBUG === "1" && error instanceof Error && error.stack) out.error(error.stack);
    else out.error("  (set BLEEPAY_QA_DEBUG=1 for details; please report it)");
    return EXIT.usage;
  }
}
