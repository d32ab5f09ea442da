/**
 * The `bleepay-qa` entry point, kept thin: parse, dispatch, turn errors into one line and an exit
 * code. Stack traces are shown only with BLEEPAY_QA_DEBUG=1.
 */
import { lastValue, type OptionSet, readOptions } from "../options/index.js";
import { COMMANDS } from "./commands/index.js";
import { EXIT } from "./exit-codes.js";
import { commandHelp, mainHelp } from "./help.js";
import { describeKnownError } from "./known-errors.js";
import { createOutput, type TextSink } from "./output.js";
import { packageInfo } from "./package-info.js";
import { parseArguments } from "./parse-arguments.js";

/** What `main` needs from its process (tests pass fakes). */
export interface MainIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted when the process is asked to stop. */
  readonly signal: AbortSignal;
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
      out.line(packageInfo().version ?? "unknown");
      return EXIT.pass;
    }
    // Every secret option (the token, a broker's token) is redacted from everything printed.
    for (const [name, spec] of Object.entries(parsed.command.options as OptionSet))
      if (spec.secret) out.addSecret(lastValue(parsed.values[name]));
    const options = readOptions(parsed.command.options, parsed.values);
    return await parsed.command.run(options, {
      positionals: parsed.positionals,
      ...(parsed.config ? { config: parsed.config } : {}),
      env: io.env,
      out,
      signal: io.signal,
    });
  } catch (error) {
    const known = describeKnownError(error);
    if (known) {
      out.error(`bleepay-qa: ${known.message}`);
      return known.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    out.error(`bleepay-qa: internal error: ${message}`);
    if (io.env.BLEEPAY_QA_DEBUG === "1" && error instanceof Error && error.stack) out.error(error.stack);
    else out.error("  (set BLEEPAY_QA_DEBUG=1 for details; please report it)");
    return EXIT.usage;
  }
}
