/**
 * `bleepay-qa all`, the binary: the run report (index.html, summary.json, summary.md) of a passing
 * and of a failing run, and the config file read from the working folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFECTS } from "../../../test-support/defective-providers/index.js";
import { runCli } from "../../../test-support/run-cli.js";
import type { RunSummary } from "../../report/run-summary.js";

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
      env: { BLEEPAY_REPORTS_DIR: "env-reports" },
      timeoutMs: 120_000,
    });
    expect(run.code, run.stderr).toBe(0);
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
    // Fuzzing and load were left out: their columns are gaps, and no layer covered invalid_request.
    expect(cell("load", "200")).toBeUndefined();
    expect(summary.coverage.uncovered).toEqual(["400 invalid_request"]);

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
