/**
 * The one error type the CLI turns into a one-line message and an exit code. Anything else that
 * escapes a command is a bug, reported as such.
 */
import { EXIT, type ExitCode } from "./exit-codes.js";

/** An error the CLI reports as one line, exiting with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    /** Exit code to leave with (2 for usage and connection errors). */
    readonly exitCode: ExitCode = EXIT.usage,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "CliError";
  }
}

/** A usage or configuration error: names the option and what it expects. */
export const usageError = (message: string): CliError => new CliError(message, EXIT.usage);
