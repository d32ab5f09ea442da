/** The errors that are the user's or the target's, not bugs: one line and an exit code each. */
import { OptionError } from "../options/index.js";
import { StageInputError } from "../stages/stage.js";
import { StateSetupError } from "../state-setup/index.js";
import { CliError } from "./cli-error.js";
import { EXIT } from "./exit-codes.js";

/**
 * The one line and exit code of an error that is the user's or the target's, not a bug: a bad
 * option, input a stage cannot use, a provider-state endpoint that fails, or what the CLI itself
 * refuses. Undefined for anything else (an internal error).
 */
export function describeKnownError(error: unknown): { message: string; exitCode: number } | undefined {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof OptionError || error instanceof StageInputError)
    return { message: error.message, exitCode: EXIT.usage };
  // Without the codes or states it asked for, a stage could only blame the provider for checks it
  // never made: a usage or connection error (exit 2), naming the endpoint.
  if (error instanceof StateSetupError)
    return { message: `cannot set up a provider state: ${error.message}`, exitCode: EXIT.usage };
  return undefined;
}
