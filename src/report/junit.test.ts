import { describe, expect, it } from "vitest";
import type { StageResult } from "../stages/stage.js";
import { toJUnitXml } from "./junit.js";

const result: StageResult = {
  stage: "smoke",
  outcome: "failed",
  summary: "1 passed, 1 failed, 1 not run",
  durationMs: 1234,
  checks: [
    { name: "passes", outcome: "passed" },
    {
      name: 'a <tag> & "quote"',
      outcome: "failed",
      detail: "status: expected 400, got 500\nsecond line",
      reproduce: "curl -H 'x: <y>'",
    },
    { name: "skipped", outcome: "not-run", detail: "needs a shared code" },
  ],
};

describe("toJUnitXml", () => {
  const xml = toJUnitXml([result]);

  it("counts tests, failures and skips per stage, with the time in seconds", () => {
    expect(xml).toContain(
      '<testsuite name="bleepay-qa smoke" tests="3" failures="1" skipped="1" time="1.234">',
    );
  });

  it("puts the first line of the detail in the failure message and the rest with the reproduction in its body", () => {
    expect(xml).toContain('<failure message="status: expected 400, got 500">');
    expect(xml).toContain("second line\nreproduce: curl -H 'x: &lt;y&gt;'");
  });

  it("escapes markup in names and details, and control characters XML forbids", () => {
    expect(xml).toContain('name="a &lt;tag&gt; &amp; &quot;quote&quot;"');
    const withControl = toJUnitXml([
      { ...result, checks: [{ name: "bell \u0007 here", outcome: "passed" }] },
    ]);
    expect(withControl).not.toContain("\u0007");
    expect(withControl).toContain("bell \uFFFD here");
  });

  it("reports not-run checks as skipped with their reason", () => {
    expect(xml).toContain('<skipped message="needs a shared code"/>');
  });

  it("is one document with one suite per stage", () => {
    const two = toJUnitXml([result, { ...result, stage: "fuzz" }]);
    expect(two.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bleepay-qa">')).toBe(
      true,
    );
    expect(two.match(/<testsuite /g)).toHaveLength(2);
    expect(two.trimEnd().endsWith("</testsuites>")).toBe(true);
  });
});
