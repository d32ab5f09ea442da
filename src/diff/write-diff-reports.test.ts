/**
 * The reports of a diff: diff.json as the schema says, diff.md with both verdicts side by side,
 * JUnit with a failure per breaking finding and broken interaction, and a witness over 1 KiB cut
 * in the terminal and written whole to a file.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DiffReport } from "./diff-report.js";
import { diffMarkdown } from "./render-markdown.js";
import { diffTerminalLines } from "./render-terminal.js";
import { writeDiffReports } from "./write-diff-reports.js";

const dir = mkdtempSync(join(tmpdir(), "bleepay-diff-reports-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bigBody = { code: "invalid_request", message: "m".repeat(2_000) };
const report: DiffReport = {
  schema: "bleepay-qa/diff@1",
  breaking: true,
  verdict: { spec: "breaking", consumers: "unaffected" },
  base: { file: "base.yaml", version: "1.0.0", operation: "POST /x" },
  head: { file: "head.yaml", version: "1.1.0", operation: "POST /x" },
  findings: [
    {
      severity: "breaking",
      side: "response",
      spec: "head",
      pointer: "/components/schemas/ErrorBody/properties/message",
      message:
        "400 answer `message` (ErrorBody): maxLength 100 → 5000: for the consumer, an answer the new spec allows cannot be read by a client built on the old one.",
      witness: {
        kind: "answer",
        answer: { status: 400, headers: { "Content-Type": "application/json" }, body: bigBody },
        base: { verdict: "forbidden", because: ["/message must NOT have more than 100 characters"] },
        head: { verdict: "allowed" },
      },
    },
    {
      severity: "info",
      side: "response",
      spec: "base",
      pointer: "/paths/~1x/post/responses/401",
      message: "401 answer removed | from the spec.",
      witness: null,
      reason: "no witness",
    },
  ],
  consumerImpact: [
    {
      consumer: "bleepay-payee-app",
      provider: "bleepay-vouchers-api",
      source: "pact.json",
      interactions: 7,
      broken: [],
      alreadyFailing: [],
    },
  ],
  durationMs: 1234,
};

describe("writeDiffReports", () => {
  it("should write diff.json, diff.md and junit-diff.xml, and a witness over 1 KiB to a file of its own", async () => {
    const written = await writeDiffReports(dir, report);
    expect(written.reports.map((p) => p.slice(dir.length + 1))).toEqual([
      "diff.json",
      "diff.md",
      "junit-diff.xml",
    ]);
    expect(JSON.parse(readFileSync(join(dir, "diff.json"), "utf8"))).toEqual(
      JSON.parse(JSON.stringify(report)),
    );
    const file = written.witnessFiles.get(0);
    expect(file).toBe(join(dir, "diff-witnesses", "finding-1.txt"));
    expect(readFileSync(file as string, "utf8")).toContain("m".repeat(2_000));
    const lines = diffTerminalLines(report, written.witnessFiles, written.reports);
    expect(lines.every((l) => l.length < 1_100)).toBe(true);
    expect(lines.join("\n")).toContain(`KiB, whole in ${file}`);
    const junit = readFileSync(join(dir, "junit-diff.xml"), "utf8");
    expect(junit).toContain('tests="3" failures="1"');
  });

  it("should put the two verdicts side by side in diff.md and keep table cells whole", () => {
    const markdown = diffMarkdown(report);
    expect(markdown).toContain("| Verdict | **breaking** | **unaffected** |");
    expect(markdown).toContain("breaks 0 of 7 interactions of bleepay-payee-app");
    expect(markdown).toContain("401 answer removed \\| from the spec.");
    expect(markdown).toContain(
      "The change breaks clients the spec allows, though none of the known consumers' interactions.",
    );
  });
});
