/**
 * The CI examples under examples/ must not rot: every bleepay-qa command they run parses with
 * today's options and the example config file, and the jobs keep their reports and summary.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT } from "../../test-support/run-cli.js";
import { COMMANDS, STAGES } from "./commands/index.js";
import { configValuesFor, loadConfigFile, validateConfigFile } from "./config-file.js";
import { parseArguments } from "./parse-arguments.js";

const EXAMPLES = join(REPO_ROOT, "examples");
const CONFIG = join(EXAMPLES, "bleepay-qa.config.json");

type Step = { run?: string; uses?: string; if?: string; with?: Record<string, unknown> };

/** The argument lists of every `bleepay-qa …` line in a script (the examples keep them unquoted). */
function commandsIn(script: string): string[][] {
  return [...script.matchAll(/\bbleepay-qa\s+([^\n&|;]*)/g)].map((m) => (m[1] ?? "").trim().split(/\s+/));
}

const github = parse(readFileSync(join(EXAMPLES, "github-actions", "bleepay-qa.yml"), "utf8")) as {
  jobs: Record<string, { steps: Step[]; env?: Record<string, string> }>;
};
const gitlab = parse(readFileSync(join(EXAMPLES, "gitlab-ci", ".gitlab-ci.yml"), "utf8")) as Record<
  string,
  { script?: string[]; artifacts?: { reports?: { junit?: string } } }
>;

const env = { BLEEPAY_CONFIG: CONFIG, BLEEPAY_BASE_URL: "https://vouchers.staging.example" };

describe("the CI examples", () => {
  const scripts = [
    ...Object.values(github.jobs).flatMap((job) => job.steps.map((s) => s.run ?? "")),
    ...Object.values(gitlab).flatMap((job) => job.script ?? []),
  ];
  const invocations = scripts.flatMap(commandsIn);

  it("run bleepay-qa commands that parse with today's options and the example config", () => {
    expect(invocations.length).toBeGreaterThanOrEqual(3);
    for (const args of invocations) {
      const parsed = parseArguments(args, env, COMMANDS, EXAMPLES);
      expect(parsed.kind, args.join(" ")).toBe("run");
    }
  });

  it("ship a config file that validates, and whose load gate reaches the load stage of `all`", () => {
    const config = loadConfigFile(CONFIG, REPO_ROOT);
    if (!config) throw new Error("no example config");
    validateConfigFile(config, COMMANDS);
    const load = STAGES.find((s) => s.name === "load");
    if (!load) throw new Error("no load stage");
    expect(configValuesFor(config, load).slo).toEqual(["p99<100ms", "error_rate<0.1%"]);
  });

  it("upload the reports and write the job summary from reports/summary.md, even when a check fails", () => {
    const steps = github.jobs["contract-and-load"]?.steps ?? [];
    const summary = steps.find((s) => s.run?.includes('reports/summary.md >> "$GITHUB_STEP_SUMMARY"'));
    expect(summary?.if).toBe("always()");
    const upload = steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(upload?.if).toBe("always()");
    expect(upload?.with?.path).toBe("reports/");
    // The token comes from a CI secret, never from the workflow file.
    expect(github.jobs["contract-and-load"]?.env?.BLEEPAY_TOKEN).toMatch(
      /^\$\{\{ secrets\.BLEEPAY_TOKEN \}\}$/,
    );
    expect(gitlab["bleepay-qa"]?.artifacts?.reports?.junit).toBe("reports/junit.xml");
  });
});
