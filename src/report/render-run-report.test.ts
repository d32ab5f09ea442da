import { describe, expect, it } from "vitest";
import type { LatencyArtifact } from "../stages/artifacts.js";
import type { StageResult } from "../stages/stage.js";
import { buildCoverageMatrix } from "./coverage-matrix.js";
import { renderRunReport } from "./render-run-report.js";
import { toRunMarkdown } from "./run-markdown.js";
import { type RunSummary, SUMMARY_SCHEMA } from "./run-summary.js";

const HOSTILE = `<script>window.pwned=1</script><img src=x onerror="alert(1)">`;

const contracts: StageResult = {
  stage: "contracts",
  outcome: "passed",
  summary: "7 of 7 interactions passed",
  checks: [{ name: "consumer: a request with a shared code", outcome: "passed" }],
  figures: { interactions: 7 },
  coverage: [
    { layer: "consumer pact", answer: "200", count: 2, outcome: "passed" },
    { layer: "consumer pact", answer: "401 unauthorized", count: 2, outcome: "passed" },
  ],
  durationMs: 500,
};

const fuzz: StageResult = {
  stage: "fuzz",
  outcome: "failed",
  summary: "1 passed, 1 failed",
  checks: [
    {
      name: "every invalid code is answered exactly 400 invalid_code",
      outcome: "passed",
      figures: { runs: 300 },
    },
    {
      name: `every near miss ${HOSTILE}`,
      outcome: "failed",
      detail: `counterexample: ${HOSTILE}\nexpected 400 invalid_code, got 200`,
      reproduce: `curl -sS -X POST 'http://127.0.0.1:1/x' --data-binary '${HOSTILE}'`,
      figures: { runs: 300, requests: 301, seed: 42 },
    },
  ],
  coverage: [
    { layer: "invalid fuzzing", answer: "400 invalid_code", count: 301, outcome: "failed" },
    { layer: "invalid fuzzing", answer: "415 unsupported_media_type", count: 30, outcome: "passed" },
  ],
  durationMs: 2_000,
};

const loadReport = {
  schema: "bleepay-qa/load@1",
  startedAt: "2026-01-01T00:00:00.000Z",
  target: "embedded",
  scenario: { name: "open-session", weights: { valid: 100, malformed: 0, "bad-token": 0 } },
  model: { type: "closed", connections: 10, workers: 1 },
  durationS: 2,
  warmupS: 0,
  timeoutMs: 10_000,
  requests: { total: 2000, expected: 2000, unexpected: 0, errors: 0, timeouts: 0 },
  statusCodes: { "200": 2000 },
  errorRate: 0,
  rps: {
    mean: 1000,
    series: [
      { second: 0, rps: 990, p50Ms: 1.2, p99Ms: 4.5, failures: 0 },
      { second: 1, rps: 1010, p50Ms: 1.1, p99Ms: 4.1, failures: 0 },
    ],
  },
  latencyMs: { p50: 1.15, p90: 2.5, p99: 4.3, p999: 9.1, max: 12.5, mean: 1.4 },
  serviceTimeMs: { p50: 1.15, p90: 2.5, p99: 4.3, p999: 9.1, max: 12.5, mean: 1.4 },
  contract: { sampleRate: 0.01, sampled: 20, violations: [] },
  slo: [{ expr: "p99<50ms", actual: "4.3ms", pass: true }],
  baseline: {
    file: "old-load.json",
    maxRegression: 0.1,
    results: [{ expr: "p99", actual: "+3%", pass: true }],
  },
  valid: true,
  invalidReasons: [],
  generator: [],
};

const curves = {
  corrected: [
    [0, 0.5],
    [50, 1.15],
    [99, 4.3],
    [100, 12.5],
  ] as [number, number][],
  service: [
    [0, 0.5],
    [100, 12.0],
  ] as [number, number][],
};

/** The load stage's artifact, as the load stage builds it from its report (see load-pipeline.ts). */
function latencyOf(withCurves: boolean): LatencyArtifact {
  return {
    model: "closed model, 10 connections, 1 worker(s), 2 s after 0 s warmup, scenario open-session",
    corrected: false,
    valid: loadReport.valid,
    invalidReasons: loadReport.invalidReasons,
    figures: { "req/s": loadReport.rps.mean, requests: loadReport.requests.total, "p99 ms": 4.3 },
    latencyMs: loadReport.latencyMs,
    serviceTimeMs: loadReport.serviceTimeMs,
    ...(withCurves ? { curves } : {}),
    series: loadReport.rps.series,
    statusCodes: loadReport.statusCodes,
    slo: loadReport.slo,
    baseline: loadReport.baseline,
    report: loadReport,
  };
}

const load: StageResult = {
  stage: "load",
  outcome: "passed",
  summary: "1000 req/s",
  checks: [{ name: "gate p99<50ms (4.3ms)", outcome: "passed" }],
  coverage: [{ layer: "load", answer: "200", count: 2000, outcome: "passed" }],
  reports: ["/r/load.json", "/elsewhere/load.html"],
  artifacts: { latency: latencyOf(true) },
  durationMs: 3_000,
};

function summaryOf(stages: StageResult[], extra: Partial<RunSummary> = {}): RunSummary {
  return {
    schema: SUMMARY_SCHEMA,
    outcome: stages.some((s) => s.outcome === "failed") ? "failed" : "passed",
    target: { baseUrl: "https://vouchers.staging.example", embedded: false },
    startedAt: "2026-01-01T00:00:00.000Z",
    finishedAt: "2026-01-01T00:00:05.500Z",
    versions: { "bleepay-qa": "0.1.0", node: "v20.19.0" },
    rules: { policy: "doc", overrides: {}, description: "the API doc's rules (--rules doc)" },
    deviations: stages.flatMap((r) =>
      r.checks.flatMap((c) => (c.deviations ?? []).map((d) => ({ ...d, stage: r.stage, check: c.name }))),
    ),
    stages,
    coverage: buildCoverageMatrix(stages),
    load: loadReport,
    ...extra,
  };
}

describe("renderRunReport", () => {
  const html = renderRunReport(summaryOf([contracts, fuzz, load]), {
    linkTo: (p) => (p.startsWith("/r/") ? p.slice(3) : undefined),
  });

  it("shows hostile names, counterexamples and answers as text, never as markup", () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain("&lt;script&gt;window.pwned=1&lt;/script&gt;");
    expect(html).toContain("onerror=&quot;alert(1)&quot;");
  });

  it("fetches nothing and runs nothing: inline CSS and SVG only, under a CSP that forbids both", () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<(link|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/<[a-z]+\b[^>]*\s(src|href)="?(https?:|\/\/)/i);
    expect(html).not.toMatch(/url\(/i);
  });

  it("names the target, the time and the versions", () => {
    expect(html).toContain("https://vouchers.staging.example");
    expect(html).toContain("2026-01-01T00:00:00.000Z");
    expect(html).toContain("bleepay-qa 0.1.0 · node v20.19.0");
    expect(html).toContain("5.5 s");
  });

  it("puts a failing run's failures first, and failed stages before the others", () => {
    const failures = html.indexOf('id="failures"');
    expect(failures).toBeGreaterThan(-1);
    expect(failures).toBeLessThan(html.indexOf('id="coverage"'));
    expect(html.indexOf('id="stage-fuzz"')).toBeLessThan(html.indexOf('id="stage-contracts"'));
    const list = html.slice(failures, html.indexOf("</section>", failures));
    expect(list).toContain("every near miss");
    expect(list).toContain("expected 400 invalid_code, got 200");
    expect(list).toContain("curl -sS -X POST");
  });

  it("shows each fuzz property with its runs and seed", () => {
    const fuzzSection = html.slice(html.indexOf('id="stage-fuzz"'), html.indexOf('id="stage-contracts"'));
    expect(fuzzSection).toMatch(/<th class="num">runs<\/th>/);
    expect(fuzzSection).toMatch(/<th class="num">seed<\/th>/);
    expect(fuzzSection).toContain('<td class="num">42</td>');
  });

  it("draws both load charts with data, and the SLO and baseline tables", () => {
    const section = html.slice(html.indexOf('id="stage-load"'));
    expect(section).toMatch(/data-chart="percentiles"><svg[^>]*>[\s\S]*<polyline[^>]+points="[\d.,\s]+"/);
    expect(section).toMatch(/data-chart="over-time"><svg[\s\S]*<rect/);
    expect(section).toContain("p99&lt;50ms");
    expect(section).toContain("Against old-load.json, at most 10 % worse.");
  });

  it("links reports inside the reports folder relatively, and only those", () => {
    expect(html).toContain('<a href="load.json">load.json</a>');
    expect(html).not.toContain('href="/elsewhere');
  });

  it("renders the coverage matrix with empty cells for gaps and extra answers as extra rows", () => {
    const matrix = html.slice(
      html.indexOf('id="coverage"'),
      html.indexOf("</section>", html.indexOf('id="coverage"')),
    );
    expect(matrix).toMatch(/<td class="passed" data-layer="consumer pact" data-answer="200"[^>]*>✓ 2<\/td>/);
    expect(matrix).toMatch(/<td class="failed" data-layer="invalid fuzzing" data-answer="400 invalid_code"/);
    expect(matrix).toContain('<td class="gap" data-layer="provider verification" data-answer="200"></td>');
    expect(matrix).toContain("<th>415 unsupported_media_type</th>");
    expect(matrix).toContain("Not covered by any layer: 400 invalid_request");
  });

  it("says when the percentile chart cannot be drawn, and when the run stopped on an error", () => {
    const page = renderRunReport(
      summaryOf([{ ...load, artifacts: { latency: latencyOf(false) } }], {
        outcome: "error",
        error: "cannot reach https://x: host not found",
      }),
    );
    expect(page).toContain("No histograms were kept: no percentile chart.");
    expect(page).toContain("The run stopped:</b> cannot reach https://x: host not found");
  });

  it("has no failures section on a passing run", () => {
    expect(renderRunReport(summaryOf([contracts, load]))).not.toContain('id="failures"');
  });
});

describe("toRunMarkdown", () => {
  it("keeps hostile text inert: markup escaped, a curl with backticks cannot close its code block", () => {
    const md = toRunMarkdown(summaryOf([fuzz]));
    // Inside a code block the curl stays exact (and inert); outside, markup is escaped.
    const prose = md.replace(/^ *(`{3,})sh\n[\s\S]*?^ *\1$/gm, "");
    expect(prose).not.toContain("<script>");
    expect(prose).toContain("&lt;script&gt;");
    const tricky = toRunMarkdown(
      summaryOf([
        {
          ...fuzz,
          checks: [{ name: "x", outcome: "failed", reproduce: "curl --data '```\n# injected heading'" }],
        },
      ]),
    );
    expect(tricky).toContain("  ````sh\n  curl --data '```\n  # injected heading'\n  ````");
  });

  it("lists failures with their curl, the stages and the coverage matrix, table cells kept whole", () => {
    const md = toRunMarkdown(summaryOf([contracts, fuzz, load]));
    expect(md.indexOf("## Failures")).toBeLessThan(md.indexOf("| stage |"));
    expect(md).toContain("```sh");
    expect(md).toContain(
      "| answer | consumer pact | provider verification | valid fuzzing | invalid fuzzing | load |",
    );
    expect(md).toMatch(/^\| 200 \| ✓ 2 \| {3}\| {3}\| {3}\| ✓ 2000 \|$/m);
    expect(md).toMatch(/^\| 400 invalid_request \|( {3}\|){5}$/m);
  });
});
