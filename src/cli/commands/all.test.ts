/**
 * `bleepay-qa all`, the binary: the run report (index.html, summary.json, summary.md) of a passing
 * and of a failing run, the config file read from the working folder, and verify not run when
 * contracts was skipped. Without spawning: what `all` hands each stage (`--timeout`, `--skip`).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFECTS, DOC_FAITHFUL_VARIANTS } from "../../../test-support/defective-providers/index.js";
import { runCli } from "../../../test-support/run-cli.js";
import { OptionError, type OptionSet, option, readOptions } from "../../options/index.js";
import type { RunSummary } from "../../report/run-summary.js";
import type { Stage, StageContext } from "../../stages/stage.js";
import { commandHelp } from "../help.js";
import { createOutput } from "../output.js";
import { allCommand } from "./all.js";
import { COMMANDS } from "./index.js";

const work = mkdtempSync(join(tmpdir(), "bleepay-all-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("bleepay-qa all, its run report", () => {
  it("writes index.html, prints its path, and takes its options from the config file over the environment", async () => {
    const cwd = join(work, "team");
    rmSync(cwd, { recursive: true, force: true });
    mkdirSync(cwd);
    writeFileSync(
      join(cwd, "bleepay-qa.config.json"),
      JSON.stringify({ "reports-dir": "qa-reports", all: { skip: ["fuzz", "load"] } }),
    );
    const run = await runCli(["all"], {
      cwd,
      // The config file's reports folder wins over the environment's; a stage's own variable
      // (BLEEPAY_PACT_DIR, read by contracts and verify) applies under `all` as when run alone.
      env: { BLEEPAY_REPORTS_DIR: "env-reports", BLEEPAY_PACT_DIR: "team-pacts" },
      timeoutMs: 120_000,
    });
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(existsSync(join(cwd, "team-pacts", "bleepay-payee-app-bleepay-vouchers-api.json"))).toBe(true);
    const reports = join(cwd, "qa-reports");
    expect(run.stdout).toContain(`Open the run report: ${join(reports, "index.html")}`);

    const summary = JSON.parse(await readFile(join(reports, "summary.json"), "utf8")) as RunSummary;
    expect(summary.schema).toBe("bleepay-qa/summary@1");
    expect(summary.skipped).toEqual(["fuzz", "load"]);
    expect(summary.stages.map((s) => s.stage)).toEqual(["smoke", "contracts", "verify"]);
    const cell = (layer: string, answer: string) =>
      summary.coverage.cells.find((c) => c.layer === layer && c.answer === answer);
    expect(cell("consumer pact", "400 invalid_code")).toMatchObject({ count: 3, outcome: "passed" });
    expect(cell("provider verification", "401 unauthorized")).toMatchObject({ count: 2, outcome: "passed" });
    // Fuzzing and load were left out: their columns are gaps; smoke covered invalid_request alone.
    expect(cell("load", "200")).toBeUndefined();
    expect(cell("smoke", "400 invalid_request")).toMatchObject({ outcome: "passed" });
    expect(summary.coverage.uncovered).toEqual([]);
    expect(summary.rules).toMatchObject({ policy: "doc" });
    expect(summary.deviations).toEqual([]);

    const html = await readFile(join(reports, "index.html"), "utf8");
    expect(html).toContain('data-stage="verify"');
    expect(html).not.toContain('data-stage="load"');
    expect(html).not.toContain('id="failures"');
    expect(html).toContain('<td class="gap" data-layer="load" data-answer="200"></td>');
    const md = await readFile(join(reports, "summary.md"), "utf8");
    expect(md).toContain("## Coverage of the documented answers");
  }, 130_000);

  it("puts a failing run's failures first, with the failing field and a curl, and never the token", async () => {
    const defect = DEFECTS.find((d) => d.id === "status-active");
    if (!defect) throw new Error("no status-active defect");
    const provider = await defect.start();
    const reports = join(work, "failing");
    try {
      const run = await runCli(
        [
          "all",
          "--base-url",
          provider.url,
          "--state-setup-url",
          provider.stateSetupUrl,
          "--skip",
          "fuzz",
          "--skip",
          "load",
          "--reports-dir",
          reports,
        ],
        { env: { BLEEPAY_TOKEN: provider.token }, timeoutMs: 120_000 },
      );
      expect(run.code, run.stderr).toBe(1);
      const html = await readFile(join(reports, "index.html"), "utf8");
      const failures = html.indexOf('id="failures"');
      expect(failures).toBeGreaterThan(-1);
      expect(failures).toBeLessThan(html.indexOf('id="coverage"'));
      const section = html.slice(failures, html.indexOf("</section>", failures));
      expect(section).toMatch(/status/);
      expect(section).toContain("ACTIVE");
      expect(section).toContain("$BLEEPAY_TOKEN");
      // Failed stages come before the ones that passed.
      expect(html.indexOf('data-stage="verify"')).toBeLessThan(html.indexOf('data-stage="contracts"'));
      for (const file of ["index.html", "summary.json", "summary.md"]) {
        expect(await readFile(join(reports, file), "utf8")).not.toContain(provider.token);
      }
      const summary = JSON.parse(await readFile(join(reports, "summary.json"), "utf8")) as RunSummary;
      expect(summary.outcome).toBe("failed");
      expect(
        summary.coverage.cells.find((c) => c.layer === "provider verification" && c.answer === "200")
          ?.outcome,
      ).toBe("failed");
    } finally {
      await provider.close();
    }
  }, 130_000);
});

describe("bleepay-qa all against a provider that follows the doc and not one of the spec's assumptions", () => {
  it("passes under --rules doc, listing the deviation everywhere, and fails under --rules spec", async () => {
    const variant = DOC_FAITHFUL_VARIANTS.find((v) => v.id === "accepts-text-plain");
    if (!variant) throw new Error("no accepts-text-plain variant");
    const provider = await variant.start();
    const env = { BLEEPAY_TOKEN: provider.token };
    const args = [
      "all",
      "--base-url",
      provider.url,
      "--state-setup-url",
      provider.stateSetupUrl,
      "--skip",
      "load",
    ];
    try {
      const reports = join(work, "variant-doc");
      const run = await runCli([...args, "--reports-dir", reports], { env, timeoutMs: 120_000 });
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
      expect(run.stdout).toContain("judged by the API doc's rules (--rules doc)");
      expect(run.stdout).toMatch(/deviation from assumption unsupported-media-type-415/);
      expect(run.stdout).toContain("overall: PASSED");
      const summary = JSON.parse(await readFile(join(reports, "summary.json"), "utf8")) as RunSummary;
      expect(summary.rules.policy).toBe("doc");
      expect(summary.deviations.map((d) => d.rule.id)).toContain("unsupported-media-type-415");
      const html = await readFile(join(reports, "index.html"), "utf8");
      expect(html).toContain('id="deviations"');
      expect(html).toContain('data-rule="unsupported-media-type-415"');
      expect(html).toMatch(/class="deviation" data-deviations="\d+"/);
      expect(await readFile(join(reports, "summary.md"), "utf8")).toContain("## Deviations from assumptions");
      const junit = await readFile(join(reports, "junit.xml"), "utf8");
      expect(junit).toContain('failures="0"');
      expect(junit).toMatch(/<property name="deviation" value="unsupported-media-type-415: /);

      const strict = await runCli([...args, "--rules", "spec", "--reports-dir", join(work, "variant-spec")], {
        env,
        timeoutMs: 120_000,
      });
      expect(strict.code, strict.stdout).toBe(1);
      expect(strict.stdout).toMatch(/rule unsupported-media-type-415 \(assumption\)/);
    } finally {
      await provider.close();
    }
  }, 260_000);
});

describe("bleepay-qa all --skip contracts on a fresh reports folder", () => {
  it("reports verify as not run, saying why, and exits by the other stages' results", async () => {
    const reports = join(work, "fresh");
    const run = await runCli(
      ["all", "--skip", "contracts", "--skip", "fuzz", "--skip", "load", "--reports-dir", reports],
      { timeoutMs: 60_000 },
    );
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain("verify: NOT-RUN — nothing to verify: contracts was skipped");
    expect(run.stdout).toContain(`no pact for bleepay-vouchers-api in ${join(reports, "pacts")}`);
    expect(run.stdout).toContain("overall: PASSED");
    const summary = JSON.parse(await readFile(join(reports, "summary.json"), "utf8")) as RunSummary;
    expect(summary.outcome).toBe("passed");
    expect(summary.error).toBeUndefined();
    expect(summary.stages.map((s) => [s.stage, s.outcome])).toEqual([
      ["smoke", "passed"],
      ["verify", "not-run"],
    ]);
    // On its own, verify with no pact is still a usage error.
    const alone = await runCli(["verify", "--reports-dir", join(work, "fresh-alone")], { timeoutMs: 30_000 });
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain("no pact for bleepay-vouchers-api");
  }, 70_000);
});

describe("what `all` hands each stage", () => {
  const sink = { write: () => true };
  const timeout = option.duration({ default: "10s", minMs: 100, maxMs: 120_000, description: "t" });

  /** What a recording stage saw: its settings and its context. */
  interface Seen {
    readonly settings: Readonly<Record<string, unknown>>;
    readonly context: StageContext;
  }

  /** Stages that record what they get: one with `--timeout`, one with another name for it, one without. */
  function recordingStages(): { stages: Stage[]; seen: Map<string, Seen> } {
    const seen = new Map<string, Seen>();
    const stage = (name: string, options: OptionSet, timeoutOption?: string): Stage => ({
      name,
      summary: name,
      help: name,
      options,
      ...(timeoutOption ? { timeoutOption } : {}),
      settings: (values: Readonly<Record<string, unknown>>) => values,
      async run(settings, context) {
        seen.set(name, { settings, context });
        return {
          stage: name,
          outcome: "passed",
          summary: "ok",
          checks: [{ name, outcome: "passed" }],
          durationMs: 1,
        };
      },
    });
    const stages = [
      stage("alpha", { timeout }),
      stage("beta", { "request-timeout": timeout }, "request-timeout"),
      stage("gamma", {
        runs: option.int({ default: 5, min: 1, max: 9, env: "GAMMA_RUNS", description: "r" }),
      }),
      stage("delta", { timeout }),
    ];
    return { stages, seen };
  }

  const runAll = async (
    stages: Stage[],
    values: Record<string, string | string[]>,
    env: Record<string, string> = {},
  ) => {
    const command = allCommand(stages);
    return command.run(readOptions(command.options, { "reports-dir": join(work, "handed"), ...values }), {
      positionals: [],
      env,
      out: createOutput(sink, sink),
      signal: new AbortController().signal,
    });
  };

  it("gives `--timeout` to each stage's own timeout option, and `--skip` as the skipped stages", async () => {
    const { stages, seen } = recordingStages();
    expect(await runAll(stages, { timeout: "1s", skip: ["delta"] })).toBe(0);
    expect(seen.get("alpha")?.settings.timeout).toBe(1_000);
    expect(seen.get("beta")?.settings.requestTimeout).toBe(1_000);
    expect(seen.get("beta")?.settings).not.toHaveProperty("timeout");
    expect(seen.get("gamma")?.settings).not.toHaveProperty("timeout");
    expect(seen.has("delta")).toBe(false);
    expect(seen.get("alpha")?.context.skipped).toEqual(["delta"]);
  });

  it("leaves each stage its own timeout without `--timeout`", async () => {
    const { stages, seen } = recordingStages();
    expect(await runAll(stages, {})).toBe(0);
    expect(seen.get("alpha")?.settings.timeout).toBe(10_000);
    expect(seen.get("beta")?.settings.requestTimeout).toBe(10_000);
    expect(seen.get("alpha")?.context.skipped).toEqual([]);
  });

  it("reads each stage's environment variables, as the stage's own command does", async () => {
    const { stages, seen } = recordingStages();
    expect(await runAll(stages, {}, { GAMMA_RUNS: "7" })).toBe(0);
    expect(seen.get("gamma")?.settings.runs).toBe(7);
  });

  it("refuses a bad `--timeout` before any stage runs", async () => {
    const { stages, seen } = recordingStages();
    const error = await runAll(stages, { timeout: "50ms" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OptionError);
    expect((error as Error).message).toContain("--timeout expects a duration from 0.1s to 120s");
    expect(seen.size).toBe(0);
  });

  it("refuses a bad value a stage reads from the environment before any stage runs", async () => {
    const { stages, seen } = recordingStages();
    const error = await runAll(stages, {}, { GAMMA_RUNS: "99" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OptionError);
    expect((error as Error).message).toContain("--runs expects a whole number from 1 to 9");
    expect(seen.size).toBe(0);
  });

  it("documents `--timeout` in the help of all and of smoke", () => {
    const help = (name: string) => commandHelp(COMMANDS.find((c) => c.name === name) as never);
    expect(help("all")).toMatch(
      /--timeout DURATION +Per-request timeout of every stage.*smoke --timeout, verify --request-timeout, fuzz --timeout, load --timeout/,
    );
    expect(help("smoke")).toMatch(/--timeout DURATION +Per-request timeout.*\(default 10s\)/);
  });
});
