/**
 * The optional config file, for teams that do not want long command lines:
 * `bleepay-qa.config.json` in the working folder, or the file named by `--config` / `BLEEPAY_CONFIG`.
 *
 * Top-level keys are the target options shared by every command (`base-url`, `state-setup-url`,
 * `reports-dir`, the verdict policy `rules` and the per-rule `rule`); a key named after a command
 * holds that command's options, spelled as its flags (`"rules"` is both: a string is the policy).
 * `bleepay-qa all` gives each stage its section too. Flags override the file; environment variables
 * fill what both leave out; then defaults. A token is refused in the file: config files get
 * committed, tokens must not. Every key is checked, whichever command runs, so a typo in the
 * `load` section fails `bleepay-qa smoke` too rather than waiting for the night's load run.
 *
 * @example
 * {
 *   "base-url": "https://vouchers.staging.example",
 *   "state-setup-url": "https://vouchers.staging.example/_pact/provider-states",
 *   "load": { "duration": "30s", "slo": ["p99<50ms", "error_rate<0.1%"] }
 * }
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { OptionSet, OptionSpec, RawValues } from "../options/index.js";
import { usageError } from "./cli-error.js";
import type { CommandDefinition } from "./command.js";
import { TARGET_OPTIONS } from "./target.js";

/** Name of the config file looked for in the working folder. */
export const CONFIG_FILE_NAME = "bleepay-qa.config.json";

/** Environment variable naming the config file. */
export const CONFIG_ENV = "BLEEPAY_CONFIG";

/** The `--config` option every command takes (read before the others, to find the file). */
export const CONFIG_OPTION: OptionSpec<string | undefined> = {
  type: "string",
  valueName: "FILE",
  env: CONFIG_ENV,
  description: `JSON config file (default: ${CONFIG_FILE_NAME} in the working folder, if present); flags override it`,
  parse: () => undefined,
};

/** A loaded config file. */
export interface ConfigFile {
  /** Absolute path, for messages. */
  readonly path: string;
  /** The parsed JSON object. */
  readonly content: Readonly<Record<string, unknown>>;
}

/**
 * Loads the config file: `explicit` if given (it must exist), else `bleepay-qa.config.json` in `cwd`
 * if present. Throws a usage error naming the file for unreadable or non-object JSON.
 */
export function loadConfigFile(explicit: string | undefined, cwd: string): ConfigFile | undefined {
  const path = resolve(cwd, explicit ?? CONFIG_FILE_NAME);
  if (!existsSync(path)) {
    if (explicit !== undefined) throw usageError(`--config: no such file ${path}`);
    return undefined;
  }
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw usageError(`config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof content !== "object" || content === null || Array.isArray(content)) {
    throw usageError(`config file ${path} must hold a JSON object`);
  }
  return { path, content: content as Record<string, unknown> };
}

function toOptionValue(
  file: ConfigFile,
  key: string,
  raw: unknown,
  option: OptionSpec<unknown>,
): string | boolean | string[] {
  const at = `config file ${file.path}: "${key}"`;
  if (option.type === "boolean") {
    if (typeof raw !== "boolean") throw usageError(`${at} expects true or false`);
    return raw;
  }
  const multiple = option.multiple === true;
  const scalar = (value: unknown): string => {
    if (typeof value === "string") return value;
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
    throw usageError(`${at} expects a string or a number${multiple ? " (or a list of them)" : ""}`);
  };
  if (multiple && typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
    // A repeatable NAME=VALUE option may be written as an object: {"json-media-type": "fail"}.
    return Object.entries(raw).map(([name, value]) => `${name}=${scalar(value)}`);
  }
  if (multiple) return Array.isArray(raw) ? raw.map(scalar) : [scalar(raw)];
  return scalar(raw);
}

/** Whether any command calls an option of this name a secret (a token), which no file may hold. */
function isSecret(name: string, commands: readonly CommandDefinition[]): boolean {
  return commands.some((c) => (c.options as OptionSet)[name]?.secret === true);
}

function refuseSecret(
  file: ConfigFile,
  key: string,
  name: string,
  commands: readonly CommandDefinition[],
): void {
  if (isSecret(name, commands)) {
    throw usageError(
      `config file ${file.path}: "${key}" is not allowed: give secrets as --${name} or an environment variable`,
    );
  }
}

/**
 * Checks the whole file against the commands: top-level keys must be target options or command
 * names, each command's section must hold only that command's options, with values of the right
 * type, and no secret anywhere. Throws a usage error naming the file and the key.
 */
export function validateConfigFile(file: ConfigFile, commands: readonly CommandDefinition[]): void {
  for (const [name, raw] of Object.entries(file.content)) {
    refuseSecret(file, name, name, commands);
    if (name === "$schema") continue;
    const command = commands.find((c) => c.name === name);
    const isSection = typeof raw === "object" && raw !== null && !Array.isArray(raw);
    // `rules` is both a target option (the verdict policy, "doc" or "spec") and a command: a
    // string there is the policy, an object the command's section.
    if (command && !(name in TARGET_OPTIONS && !isSection)) {
      if (!isSection) {
        throw usageError(`config file ${file.path}: "${name}" must be an object of ${name}'s options`);
      }
      for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
        refuseSecret(file, `${name}.${key}`, key, commands);
        const option = (command.options as OptionSet)[key];
        if (!option) {
          throw usageError(
            `config file ${file.path}: unknown key "${name}.${key}": ${name} has no option --${key} (see bleepay-qa ${name} --help)`,
          );
        }
        toOptionValue(file, `${name}.${key}`, value, option);
      }
      continue;
    }
    const option = (TARGET_OPTIONS as OptionSet)[name];
    if (!option) {
      throw usageError(
        `config file ${file.path}: unknown key "${name}": top-level keys are ${Object.keys(TARGET_OPTIONS)
          .filter((k) => !isSecret(k, commands))
          .join(", ")} or a command name (${commands.map((c) => c.name).join(", ")})`,
      );
    }
    toOptionValue(file, name, raw, option);
  }
}

/**
 * The values the config file gives one command: the top-level target options it takes, then its
 * own section. Call {@link validateConfigFile} first: this only reads.
 */
export function configValuesFor(
  file: ConfigFile,
  command: { readonly name: string; readonly options: OptionSet },
): RawValues {
  const values: Record<string, string | boolean | string[]> = {};
  for (const [name, raw] of Object.entries(file.content)) {
    const option = command.options[name];
    if (name in TARGET_OPTIONS && option) values[name] = toOptionValue(file, name, raw, option);
  }
  const own = file.content[command.name];
  if (typeof own === "object" && own !== null && !Array.isArray(own)) {
    for (const [name, raw] of Object.entries(own as Record<string, unknown>)) {
      const option = command.options[name];
      if (option) values[name] = toOptionValue(file, `${command.name}.${name}`, raw, option);
    }
  }
  return values;
}
