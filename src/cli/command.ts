/** What a CLI command is. */

import type { OptionSet, OptionValuesOf } from "../options/index.js";
import type { ConfigFile } from "./config-file.js";
import type { Output } from "./output.js";

/** Everything a command gets to run, besides its typed options. */
export interface CommandContext {
  /** Arguments that are not options (e.g. files for `load merge`). */
  readonly positionals: readonly string[];
  /** The config file, if one was read (`bleepay-qa all` gives each stage its section). */
  readonly config?: ConfigFile;
  /** The environment given to the CLI (`all` resolves each stage's options from it too). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: Output;
  /** Aborted on SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
}

/** A `bleepay-qa` command; `O` is its option set. */
// biome-ignore lint/suspicious/noExplicitAny: a list of commands holds commands of every option set.
export interface CommandDefinition<O extends OptionSet = any> {
  /** Name as typed, e.g. `serve`. */
  readonly name: string;
  /** One line for `bleepay-qa --help`. */
  readonly summary: string;
  /** Usage line after `bleepay-qa NAME`, e.g. `[options]`. */
  readonly usage?: string;
  /** Prose for `--help`: what it does, and examples. */
  readonly help: string;
  /** The command's options (`--help` and `--config` are added to all). */
  readonly options: O;
  /** Whether positional arguments are allowed. */
  readonly positionals?: boolean;
  /** Runs the command with its options read and typed; returns its exit code. */
  run(options: OptionValuesOf<O>, context: CommandContext): Promise<number>;
}

/** Declares a command with its option types inferred. */
export function defineCommand<O extends OptionSet>(command: CommandDefinition<O>): CommandDefinition<O> {
  return command;
}
