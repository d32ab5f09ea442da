import { describe, expect, it } from "vitest";
import { option, readOptions } from "../options/index.js";
import { CliError } from "./cli-error.js";
import { type CommandDefinition, defineCommand } from "./command.js";
import { COMMANDS } from "./commands/index.js";
import { EXIT } from "./exit-codes.js";
import { commandHelp, mainHelp } from "./help.js";
import { parseArguments } from "./parse-arguments.js";
import { TARGET_OPTIONS } from "./target.js";

const probe: CommandDefinition = defineCommand({
  name: "probe",
  summary: "a command for these tests",
  help: "Probes.",
  options: {
    ...TARGET_OPTIONS,
    quiet: option.flag({ env: "PROBE_QUIET", description: "Say less" }),
    tag: option.list({ env: "PROBE_TAG", description: "Tags" }),
    rate: option.int({ short: "r", default: 5, min: 0, max: 100, description: "Rate" }),
  },
  run: async () => 0,
});
const commands = [probe, ...COMMANDS];

/** The CliError a parse throws (the test fails if it throws nothing else). */
function usageFailure(argv: string[], env: Record<string, string> = {}): CliError {
  try {
    parseArguments(argv, env, commands);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error(`parseArguments(${JSON.stringify(argv)}) did not fail`);
}

const run = (argv: string[], env: Record<string, string | undefined> = {}) => {
  const parsed = parseArguments(argv, env, commands);
  if (parsed.kind !== "run") throw new Error(`expected a run, got ${parsed.kind}`);
  return parsed;
};

describe("parseArguments", () => {
  it.each([[[]], [["--help"]], [["-h"]], [["help"]]])("answers %j with the main help", (argv) => {
    expect(parseArguments(argv, {}, commands)).toEqual({ kind: "help" });
  });

  it("answers --version", () => {
    expect(parseArguments(["--version"], {}, commands)).toEqual({ kind: "version" });
  });

  it.each(COMMANDS.map((c) => c.name))("gives %s its own --help, -h and help page", (name) => {
    for (const argv of [
      [name, "--help"],
      [name, "-h"],
      ["help", name],
      [name, "--token", "x", "--help"],
    ]) {
      const parsed = parseArguments(argv, {}, commands);
      expect(parsed.kind).toBe("help");
      if (parsed.kind === "help") expect(parsed.command?.name).toBe(name);
    }
    const command = COMMANDS.find((c) => c.name === name) as CommandDefinition;
    const page = commandHelp(command);
    expect(page).toContain(`Usage: bleepay-qa ${name}`);
    for (const option of Object.keys(command.options)) expect(page).toContain(`--${option}`);
    expect(page).toMatch(/Exit codes: 0 .*, 1 .*, 2 /);
  });

  it("lists every command in the main help", () => {
    const page = mainHelp(COMMANDS);
    for (const c of COMMANDS) expect(page).toContain(`  ${c.name} `);
  });

  it("refuses an unknown command, naming it and the known ones, exit 2", () => {
    const error = usageFailure(["serv"]);
    expect(error.exitCode).toBe(EXIT.usage);
    expect(error.message).toContain('"serv"');
    expect(error.message).toContain("serve");
  });

  it("refuses an unknown option, naming it and the command", () => {
    const error = usageFailure(["probe", "--bogus"]);
    expect(error.exitCode).toBe(EXIT.usage);
    expect(error.message).toContain("--bogus");
    expect(error.message).toContain("probe");
  });

  it("refuses a string option without its value, naming it", () => {
    expect(usageFailure(["probe", "--base-url"]).message).toContain("--base-url");
  });

  it("keeps parseArgs' errors to one line, and says how to pass a value that starts with '-'", () => {
    for (const argv of [
      ["probe", "--rate", "-3"],
      ["probe", "--bogus"],
      ["probe", "extra"],
    ]) {
      expect(usageFailure(argv).message).not.toContain("\n");
    }
    expect(usageFailure(["probe", "--rate", "-3"]).message).toContain("--rate=VALUE");
  });

  it("refuses positionals where a command takes none", () => {
    expect(usageFailure(["probe", "extra"]).exitCode).toBe(EXIT.usage);
  });

  it("reads flags, short flags and repeated options", () => {
    const { values } = run([
      "probe",
      "--base-url",
      "http://127.0.0.1:1",
      "-r",
      "9",
      "--tag",
      "a",
      "--tag",
      "b",
      "--quiet",
    ]);
    expect(values).toMatchObject({
      "base-url": "http://127.0.0.1:1",
      rate: "9",
      tag: ["a", "b"],
      quiet: true,
    });
  });

  it("falls back to environment variables, then defaults", () => {
    const { values } = run(["probe"], {
      BLEEPAY_BASE_URL: "http://127.0.0.1:2",
      BLEEPAY_TOKEN: "env-token",
      BLEEPAY_STATE_SETUP_URL: "http://127.0.0.1:2/_pact/provider-states",
      PROBE_TAG: "t",
      PROBE_QUIET: "1",
    });
    expect(readOptions(probe.options, values)).toMatchObject({
      baseUrl: "http://127.0.0.1:2",
      token: "env-token",
      stateSetupUrl: "http://127.0.0.1:2/_pact/provider-states",
      reportsDir: "reports",
      tag: ["t"],
      quiet: true,
      rate: 5,
    });
  });

  it("lets a flag win over its environment variable, and ignores empty variables", () => {
    const { values } = run(["probe", "--token", "flag-token"], {
      BLEEPAY_TOKEN: "env-token",
      BLEEPAY_BASE_URL: "",
    });
    expect(values.token).toBe("flag-token");
    expect(values["base-url"]).toBeUndefined();
  });

  it.each(["0", "false", "no", "FALSE"])("reads the boolean variable %j as false", (value) => {
    expect(run(["probe"], { PROBE_QUIET: value }).values.quiet).toBe(false);
  });
});
