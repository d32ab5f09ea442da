/**
 * JUnit XML for stage results: one `<testsuite>` a stage, one `<testcase>` a check, failures with
 * their rules, stability, detail and reproduction, not-run checks as `<skipped>`, and a passing
 * check's deviations from assumptions as its properties and output. Accepted by GitHub, GitLab and
 * Jenkins.
 */
import type { StageResult } from "../stages/stage.js";

const escapeXml = (text: string): string =>
  text
    // XML 1.0 forbids most control characters even when escaped.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

/** Renders stage results as one JUnit XML document. */
export function toJUnitXml(results: readonly StageResult[]): string {
  const suites = results.map((r) => {
    const failures = r.checks.filter((c) => c.outcome === "failed").length;
    const skipped = r.checks.filter((c) => c.outcome === "not-run").length;
    const cases = r.checks.map((c) => {
      const open = `    <testcase classname="bleepay-qa.${escapeXml(r.stage)}" name="${escapeXml(c.name)}">`;
      // A deviation rides on a passing case: the build stays green and the CI shows it.
      const deviations = (c.deviations ?? []).map(
        (d) => `deviation from assumption ${d.rule.id}: ${d.detail} (assumed: ${d.rule.text})`,
      );
      const properties = deviations.length
        ? `<properties>${(c.deviations ?? [])
            .map((d) => `<property name="deviation" value="${escapeXml(`${d.rule.id}: ${d.detail}`)}"/>`)
            .join("")}</properties>`
        : "";
      const out = deviations.length ? `<system-out>${escapeXml(deviations.join("\n"))}</system-out>` : "";
      if (c.outcome === "passed") return `${open}${properties}${out}</testcase>`;
      if (c.outcome === "not-run")
        return `${open}<skipped message="${escapeXml(c.detail ?? "not run")}"/></testcase>`;
      const rules = (c.rules ?? []).map((rule) => `rule ${rule.id} (${rule.basis}): ${rule.text}`);
      const body = [...rules, c.stability, c.detail, c.reproduce ? `reproduce: ${c.reproduce}` : undefined]
        .filter(Boolean)
        .join("\n");
      const first = (c.detail ?? "failed").split("\n")[0] ?? "failed";
      const message = c.rules?.[0] ? `${first} [${c.rules[0].id}, ${c.rules[0].basis}]` : first;
      return `${open}<failure message="${escapeXml(message)}">${escapeXml(body)}</failure></testcase>`;
    });
    return [
      `  <testsuite name="bleepay-qa ${escapeXml(r.stage)}" tests="${r.checks.length}" failures="${failures}" skipped="${skipped}" time="${(r.durationMs / 1000).toFixed(3)}">`,
      ...cases,
      "  </testsuite>",
    ].join("\n");
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bleepay-qa">\n${suites.join("\n")}\n</testsuites>\n`;
}
