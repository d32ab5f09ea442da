/** What a CLI command is. */

import type { ConfigFile } from "./config-file.js";
import type { OptionDefinitions, OptionValues } from "./options.js";
import type { Output } from "./output.js";

/** Everything a command gets to run. */
export interface CommandContext {
  /** Option values after flags, the config file, environment and defaults. */
  readonly values: OptionValues;
  /** The config file, if one was read (`bleepay-qa all` gives each stage its section). */
  readonly config?: ConfigFile;
  /** Arguments that are not options (e.g. files for `load merge`). */
  readonly positionals: readonly string[];
  readonly out: Output;
  /** Aborted on SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
}

/** A `bleepay-qa` command. */
export interface CommandDefinition {
  /** Name as typed, e.g. `serve`. */
  readonly name: string;
  /** One line for `bleepay-qa --help`. */
  readonly summary: string;
  /** Usage line after `bleepay-qa NAME`, e.g. `[options]`. */
  readonly usage?: string;
  /** Prose for `--help`: what it does, and examples. */
  readonly help: string;
  /** The command's options (`--help` is added to all). */
  readonly options: OptionDefinitions;
  /** Whether positional arguments are allowed. */
  readonly positionals?: boolean;
  /** Runs the command and returns its exit code. */
  run(context: CommandContext): Promise<number>;
}
