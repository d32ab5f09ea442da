/**
 * The GitHub Actions example gates spec changes: a job on pull requests that touch openapi/ runs
 * `bleepay-qa diff` of the pull request's spec against the base branch's, and keeps diff.md.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT } from "../../test-support/run-cli.js";
import { COMMANDS } from "../cli/commands/index.js";
import { parseArguments } from "../cli/parse-arguments.js";

type Step = { run?: string; uses?: string; if?: string };
const workflow = parse(
  readFileSync(join(REPO_ROOT, "examples", "github-actions", "bleepay-qa.yml"), "utf8"),
) as {
  on: { pull_request?: { paths?: string[] } };
  jobs: Record<string, { if?: string; steps: Step[] }>;
};

describe("the GitHub Actions example's spec diff", () => {
  it("should run on pull requests that change openapi/, and only there", () => {
    expect(workflow.on.pull_request?.paths).toEqual(["openapi/**"]);
    expect(workflow.jobs["spec-diff"]?.if).toBe("github.event_name == 'pull_request'");
    expect(workflow.jobs["contract-and-load"]?.if).toContain("github.event_name != 'pull_request'");
  });

  it("should diff the base branch's spec against the pull request's and keep diff.md", () => {
    const steps = workflow.jobs["spec-diff"]?.steps ?? [];
    const runs = steps.map((s) => s.run ?? "");
    expect(
      runs.some(
        (r) => r.includes("git show") && r.includes(':openapi/bleepay-vouchers.yaml" > /tmp/base.yaml'),
      ),
    ).toBe(true);
    const gate = runs.find((r) => r.includes("bleepay-qa diff"));
    const args = (gate ?? "")
      .replace(/^.*bleepay-qa\s+/, "")
      .trim()
      .split(/\s+/);
    expect(args).toEqual(["diff", "--base", "/tmp/base.yaml", "--head", "openapi/bleepay-vouchers.yaml"]);
    expect(parseArguments(args, {}, COMMANDS).kind).toBe("run");
    const summary = steps.find((s) => s.run?.includes('reports/diff.md >> "$GITHUB_STEP_SUMMARY"'));
    expect(summary?.if).toBe("always()");
  });
});
