/**
 * The CLI's one argument parser (node:util `parseArgs`, strict), exported apart from `main` so it
 * is tested without spawning. Values come from flags, then the config file, then environment
 * variables (one resolution, `resolveRawValues`, shared with `all`); defaults are the options' own.
 */
import { parseArgs } from "node:util";
import { type OptionSet, type RawValue, type RawValues, resolveRawValues } from "../options/index.js";
import { usageError } from "./cli-error.js";
import type { CommandDefinition } from "./command.js";
import {
  CONFIG_ENV,
  type ConfigFile,
  configValuesFor,
  loadConfigFile,
  validateConfigFile,
} from "./config-file.js";

/** What the command line asked for. */
export type ParsedArguments =
  | { readonly kind: "help"; readonly command?: CommandDefinition }
  | { readonly kind: "version" }
  | {
      readonly kind: "run";
      readonly command: CommandDefinition;
      /** Raw values from flags, the config file and the environment (defaults not applied). */
      readonly values: RawValues;
      readonly positionals: readonly string[];
      /** The config file read, if any (validated against every command). */
      readonly config?: ConfigFile;
    };

/**
 * Parses `argv` (without the node and script paths). Reads the config file: `--config`, else
 * `BLEEPAY_CONFIG`, else `bleepay-qa.config.json` in `cwd` when there is one.
 * Throws a `CliError` (exit 2) naming the unknown command, the bad option or the bad config key.
 *
 * @example
 * parseArguments(["serve", "--port", "8080"], {}, COMMANDS);
 */
export function parseArguments(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  commands: readonly CommandDefinition[],
  cwd: string = process.cwd(),
): ParsedArguments {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? commands.find((c) => c.name === rest[0]) : undefined;
    return topic ? { kind: "help", command: topic } : { kind: "help" };
  }
  if (name === "--version" || name === "-v") return { kind: "version" };
  const command = commands.find((c) => c.name === name);
  if (!command) {
    throw usageError(
      `unknown command ${JSON.stringify(name)}; commands: ${commands.map((c) => c.name).join(", ")} (see bleepay-qa --help)`,
    );
  }
  if (rest.includes("--help") || rest.includes("-h")) return { kind: "help", command };

  const spec: Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }> = {
    config: { type: "string" },
  };
  for (const [long, o] of Object.entries(command.options as OptionSet)) {
    spec[long] = {
      type: o.type,
      ...(o.multiple ? { multiple: true } : {}),
      ...(o.short ? { short: o.short } : {}),
    };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: spec,
      strict: true,
      allowPositionals: command.positionals === true,
    });
  } catch (error) {
    // parseArgs' messages name the option; keep their first sentence (the hints after it speak of
    // '--' and '--opt=-x' forms that only confuse here), so the error stays one line.
    let message = ((error as Error).message.split(/\.\s|\n/)[0] ?? String(error)).replace(/\.$/, "");
    const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous/.exec(message);
    if (ambiguous)
      message = `option '${ambiguous[1]}' needs a value (write ${ambiguous[1]}=VALUE for one starting with '-')`;
    throw usageError(
      `${command.name}: ${message.replace(/^Option '/, "option '")} (see bleepay-qa ${command.name} --help)`,
    );
  }
  const flags = parsed.values as Record<string, RawValue>;
  const configPath = typeof flags.config === "string" ? flags.config : env[CONFIG_ENV] || undefined;
  const config = loadConfigFile(configPath, cwd);
  if (config) validateConfigFile(config, commands);
  const values = resolveRawValues(command.options, {
    flags,
    ...(config ? { config: configValuesFor(config, command) } : {}),
    env,
  });
  return {
    kind: "run",
    command,
    values,
    positionals: parsed.positionals,
    ...(config ? { config } : {}),
  };
}
