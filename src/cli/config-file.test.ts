import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readOptions } from "../options/index.js";
import { CliError } from "./cli-error.js";
import { COMMANDS } from "./commands/index.js";
import { CONFIG_FILE_NAME } from "./config-file.js";
import { EXIT } from "./exit-codes.js";
import { commandHelp } from "./help.js";
import { parseArguments } from "./parse-arguments.js";
import { TARGET_OPTIONS } from "./target.js";

const root = mkdtempSync(join(tmpdir(), "bleepay-config-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** A fresh folder holding `bleepay-qa.config.json` with `content` (unless undefined). */
function folderWith(content: unknown, name = CONFIG_FILE_NAME): string {
  const dir = join(root, String(++n));
  mkdirSync(dir);
  if (content !== undefined) {
    writeFileSync(join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  }
  return dir;
}

const values = (argv: string[], cwd: string, env: Record<string, string> = {}) => {
  const parsed = parseArguments(argv, env, COMMANDS, cwd);
  if (parsed.kind !== "run") throw new Error(`expected a run, got ${parsed.kind}`);
  return parsed.values;
};

function failure(argv: string[], cwd: string, env: Record<string, string> = {}): CliError {
  try {
    parseArguments(argv, env, COMMANDS, cwd);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error("parseArguments did not fail");
}

const TEAM_CONFIG = {
  "base-url": "https://vouchers.staging.example",
  "reports-dir": "build/qa",
  load: { duration: "30s", slo: ["p99<50ms", "error_rate<0.1%"], connections: 20 },
  fuzz: { runs: 1000 },
  all: { skip: ["load"] },
};

describe("the config file", () => {
  it("is read from the working folder: top-level target options and the command's own section", () => {
    const cwd = folderWith(TEAM_CONFIG);
    const load = values(["load"], cwd);
    expect(load["base-url"]).toBe("https://vouchers.staging.example");
    expect(load["reports-dir"]).toBe("build/qa");
    expect(load.duration).toBe("30s");
    expect(load.slo).toEqual(["p99<50ms", "error_rate<0.1%"]);
    expect(load.connections).toBe("20");
    expect(values(["smoke"], cwd).duration).toBeUndefined();
    expect(values(["all"], cwd).skip).toEqual(["load"]);
  });

  it('takes a top-level "rules" string as the verdict policy, although `rules` is also a command', () => {
    const cwd = folderWith({ rules: "spec", rule: { "www-authenticate-bearer": "warn" } });
    for (const command of ["smoke", "fuzz", "all"]) {
      expect(values([command], cwd).rules).toBe("spec");
      expect(values([command], cwd).rule).toEqual(["www-authenticate-bearer=warn"]);
    }
    expect(values(["smoke", "--rules", "doc"], cwd).rules).toBe("doc");
    // The `rules` command itself takes no policy: the string is not mistaken for its section.
    expect(values(["rules"], cwd)).not.toHaveProperty("rules");
  });

  it("ranks flags over the file, the file over environment variables, and those over defaults", () => {
    const cwd = folderWith(TEAM_CONFIG);
    const env = {
      BLEEPAY_BASE_URL: "https://from-env.example",
      BLEEPAY_STATE_SETUP_URL: "https://env/states",
    };
    const fromFlag = values(
      ["load", "--base-url", "https://from-flag.example", "--slo", "p50<5ms"],
      cwd,
      env,
    );
    expect(fromFlag["base-url"]).toBe("https://from-flag.example");
    expect(fromFlag.slo).toEqual(["p50<5ms"]);
    const fromFile = values(["load"], cwd, env);
    expect(fromFile["base-url"]).toBe("https://vouchers.staging.example");
    // The file leaves state-setup-url out: the environment fills it.
    expect(fromFile["state-setup-url"]).toBe("https://env/states");
    // Neither gives the reports folder: its default.
    expect(values(["smoke"], folderWith(undefined))["reports-dir"]).toBeUndefined();
    expect(readOptions(TARGET_OPTIONS, values(["smoke"], folderWith(undefined))).reportsDir).toBe("reports");
  });

  it("is named by --config or BLEEPAY_CONFIG, relative to the working folder, the flag first", () => {
    const cwd = folderWith({ "reports-dir": "from-flag" }, "a.json");
    writeFileSync(join(cwd, "b.json"), JSON.stringify({ "reports-dir": "from-env" }));
    writeFileSync(join(cwd, CONFIG_FILE_NAME), JSON.stringify({ "reports-dir": "default-file" }));
    expect(values(["smoke", "--config", "a.json"], cwd, { BLEEPAY_CONFIG: "b.json" })["reports-dir"]).toBe(
      "from-flag",
    );
    expect(values(["smoke"], cwd, { BLEEPAY_CONFIG: "b.json" })["reports-dir"]).toBe("from-env");
    expect(values(["smoke"], cwd)["reports-dir"]).toBe("default-file");
  });

  it("gives its parsed content to the command (bleepay-qa all hands each stage its section)", () => {
    const cwd = folderWith(TEAM_CONFIG);
    const parsed = parseArguments(["all"], {}, COMMANDS, cwd);
    expect(parsed.kind === "run" && parsed.config?.content.load).toEqual(TEAM_CONFIG.load);
  });

  it.each([
    [
      "a missing --config file",
      ["smoke", "--config", "nope.json"],
      undefined,
      /--config: no such file .*nope\.json/,
    ],
    ["JSON that does not parse", ["smoke"], "{ base-url: 1 ", /is not valid JSON/],
    ["JSON that is not an object", ["smoke"], "[1, 2]", /must hold a JSON object/],
    [
      "an unknown top-level key",
      ["smoke"],
      { "base-uri": "x" },
      /unknown key "base-uri": top-level keys are base-url/,
    ],
    [
      "an unknown key in a command's section",
      ["smoke"],
      { load: { durration: "5s" } },
      /unknown key "load\.durration": load has no option --durration/,
    ],
    ["a section that is not an object", ["smoke"], { fuzz: 3 }, /"fuzz" must be an object of fuzz's options/],
    [
      "a value of the wrong type",
      ["smoke"],
      { load: { slo: [true] } },
      /"load\.slo" expects a string or a number \(or a list of them\)/,
    ],
    [
      "a boolean that is a string",
      ["smoke"],
      { verify: { "enable-pending": "yes" } },
      /"verify\.enable-pending" expects true or false/,
    ],
    [
      "a token",
      ["smoke"],
      { token: "s3cret-token" },
      /"token" is not allowed: give secrets as --token or an environment variable/,
    ],
    [
      "a broker token in a section",
      ["smoke"],
      { verify: { "broker-token": "s3cret-token" } },
      /"verify\.broker-token" is not allowed/,
    ],
  ])("refuses %s: one line naming the file and the key, exit 2", (_name, argv, content, message) => {
    const cwd = folderWith(content);
    const error = failure(argv as string[], cwd);
    expect(error.exitCode).toBe(EXIT.usage);
    expect(error.message).toMatch(message as RegExp);
    expect(error.message).not.toContain("\n");
    expect(error.message).not.toContain("s3cret-token");
  });

  it("is listed in every command's help", () => {
    for (const command of COMMANDS) {
      expect(commandHelp(command)).toMatch(/--config FILE\s+JSON config file .*env BLEEPAY_CONFIG/);
    }
  });
});
