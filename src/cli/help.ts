/** Help texts, all rendered from the command definitions. */

import type { OptionSet } from "../options/index.js";
import type { CommandDefinition } from "./command.js";
import { CONFIG_OPTION } from "./config-file.js";

/** The exit-code paragraph every help page ends with. */
export const EXIT_CODES_HELP =
  "Exit codes: 0 all checks passed, 1 a check failed, 2 usage or connection error.";

function renderOptions(options: OptionSet): string[] {
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : "    "}--${name}${o.type === "string" ? ` ${o.valueName ?? "VALUE"}` : ""}`;
    const extras = [
      o.multiple ? "repeatable" : undefined,
      o.env ? `env ${o.env}` : undefined,
      o.default !== undefined ? `default ${o.default}` : undefined,
    ].filter(Boolean);
    return [flag, `${o.description}${extras.length ? ` (${extras.join("; ")})` : ""}`] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length), 10) + 2;
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`);
}

/** `bleepay-qa NAME --help`. */
export function commandHelp(command: CommandDefinition): string {
  return [
    `Usage: bleepay-qa ${command.name} ${command.usage ?? "[options]"}`,
    "",
    command.summary,
    "",
    command.help.trim(),
    "",
    "Options:",
    ...renderOptions({
      ...command.options,
      config: CONFIG_OPTION,
      help: { type: "boolean", short: "h", description: "Show this help", parse: () => false },
    }),
    "",
    EXIT_CODES_HELP,
    "",
  ].join("\n");
}

/** `bleepay-qa --help`. */
export function mainHelp(commands: readonly CommandDefinition[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    "Usage: bleepay-qa <command> [options]",
    "",
    "Contract, fuzz and load testing of the Bleepay vouchers API's Open Session call",
    "(POST /api/v1/vouchers/sessions/session-open). Every command runs against an embedded",
    "reference provider unless given --base-url and --token.",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    "",
    "Run 'bleepay-qa <command> --help' for a command's options. Every command also reads",
    "bleepay-qa.config.json in the working folder, or the file named by --config or BLEEPAY_CONFIG.",
    "BLEEPAY_QA_DEBUG=1 prints debug logs (Pact's, during verify) and internal stack traces, redacted.",
    EXIT_CODES_HELP,
    "",
  ].join("\n");
}
