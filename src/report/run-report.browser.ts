/**
 * The run report in a real browser: Playwright (playwright-core, no browser download) drives
 * Debian's Chromium over the index.html of a real `bleepay-qa all` run. Checks every section renders
 * with its figures, both load charts draw data, nothing is logged as an error, nothing is fetched,
 * and hostile text stays inert. Saves reports/run-report.png (the whole page) for a person to look at.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, runCli } from "../../test-support/run-cli.js";
import type { StageResult } from "../stages/stage.js";
import { buildCoverageMatrix } from "./coverage-matrix.js";
import { renderRunReport } from "./render-run-report.js";
import { type RunSummary, SUMMARY_SCHEMA } from "./run-summary.js";

const CHROMIUM = process.env.BLEEPAY_CHROMIUM ?? "/usr/bin/chromium";
const SCREENSHOT = join(REPO_ROOT, "reports", "run-report.png");
const STAGES = ["smoke", "contracts", "verify", "fuzz", "load"];

const work = mkdtempSync(join(tmpdir(), "bleepay-browser-"));
const reportsDir = join(work, "reports");
let context: BrowserContext;

/** What a page did while it loaded: console errors, uncaught errors, requests, dialogs. */
interface PageLog {
  readonly errors: string[];
  readonly requests: string[];
  readonly dialogs: string[];
}

async function open(path: string): Promise<{ page: Page; log: PageLog }> {
  const page = await context.newPage();
  const log: PageLog = { errors: [], requests: [], dialogs: [] };
  page.on("console", (message) => {
    if (message.type() === "error") log.errors.push(message.text());
  });
  page.on("pageerror", (error) => log.errors.push(error.message));
  page.on("request", (request) => log.requests.push(request.url()));
  page.on("dialog", (dialog) => {
    log.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
  return { page, log };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set BLEEPAY_CHROMIUM)`);
  }
  context = await chromium.launchPersistentContext(join(work, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    // A fresh profile (the folder above) and nothing that phones home: the page must work offline.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
    viewport: { width: 1280, height: 900 },
  });
});

afterAll(async () => {
  await context?.close();
  rmSync(work, { recursive: true, force: true });
});

describe("the run report of a real run, in Chromium", () => {
  let page: Page;
  let log: PageLog;

  beforeAll(async () => {
    const run = await runCli(["all", "--reports-dir", reportsDir], { timeoutMs: 220_000 });
    // A failing check (exit 1) still makes a report to look at; a usage error (2) does not.
    expect([0, 1], run.stderr).toContain(run.code);
    expect(run.stdout).toContain(`Open the run report: ${join(reportsDir, "index.html")}`);
    ({ page, log } = await open(join(reportsDir, "index.html")));
  });

  it("names the target and the versions, and no token", async () => {
    await expect(page.title()).resolves.toMatch(/^bleepay-qa: (passed|failed) — embedded reference provider/);
    expect(await page.locator('[data-field="target"]').textContent()).toMatch(
      /^embedded reference provider \(http:\/\/127\.0\.0\.1:\d+\)$/,
    );
    expect(await page.locator('[data-field="versions"]').textContent()).toMatch(
      /bleepay-qa \d+\.\d+\.\d+ · node v\d+/,
    );
    expect(await page.content()).not.toContain("dev-payee-token");
  });

  it("renders a section for every stage, each with its outcome, summary and checks", async () => {
    for (const stage of STAGES) {
      const section = page.locator(`[data-stage="${stage}"]`);
      await expect(section.count()).resolves.toBe(1);
      expect(await section.isVisible()).toBe(true);
      expect(await section.locator("h2 .badge").textContent()).toMatch(/^(passed|failed|not run)$/);
      expect(await section.locator("tr[data-check]").count()).toBeGreaterThan(0);
    }
    const summary = JSON.parse(await readFile(join(reportsDir, "summary.json"), "utf8")) as RunSummary;
    const fuzzRows = page.locator('[data-stage="fuzz"] tr[data-check]');
    expect(await fuzzRows.first().textContent()).toMatch(
      String(summary.stages.find((s) => s.stage === "fuzz")?.figures?.seed),
    );
  });

  it("shows the load figures, and both charts draw data", async () => {
    const figures = await page.locator('[data-figures="load"] .figure').allInnerTexts();
    expect(figures.join(" ")).toMatch(/\d[\d.]*\s+req\/s/);
    expect(figures.join(" ")).toMatch(/\d[\d.]*\s+p99 ms/);
    const curve = page.locator('[data-chart="percentiles"] svg polyline');
    expect(await curve.count()).toBeGreaterThan(0);
    const points = (await curve.last().getAttribute("points"))?.trim().split(/\s+/) ?? [];
    expect(points.length).toBeGreaterThan(5);
    const box = await page.locator('[data-chart="percentiles"] svg').boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    const bars = page.locator('[data-chart="over-time"] svg rect');
    expect(await bars.count()).toBeGreaterThan(0);
    const heights = await bars.evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("height"))));
    expect(heights.some((h) => h > 0)).toBe(true);
    expect(await page.locator('[data-stage="load"] table.gates').count()).toBeGreaterThan(0);
  });

  it("shows the coverage matrix with a cell per documented answer and layer", async () => {
    const rows = page.locator("#coverage table.matrix tr");
    expect(await rows.count()).toBeGreaterThanOrEqual(5);
    const covered = await page.locator("#coverage td.passed, #coverage td.failed").count();
    expect(covered).toBeGreaterThan(5);
    const consumer200 = page.locator('#coverage td[data-layer="consumer pact"][data-answer="200"]');
    expect(await consumer200.textContent()).toMatch(/[✓✗] \d+/);
  });

  it("logs no error and fetches nothing but the page itself", () => {
    expect(log.errors).toEqual([]);
    expect(log.requests.filter((url) => !url.startsWith("file:"))).toEqual([]);
    expect(log.requests).toHaveLength(1);
  });

  it("saves a screenshot of the whole page to reports/run-report.png", async () => {
    await mkdir(join(REPO_ROOT, "reports"), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });
});

describe("hostile text in the run report, in Chromium", () => {
  it("shows a <script> payload in names, counterexamples and answers as text, and runs none of it", async () => {
    const payload = `<script>document.title="pwned";window.pwned=1</script><img src=x onerror="alert(1)">`;
    const stage: StageResult = {
      stage: "fuzz",
      outcome: "failed",
      summary: payload,
      checks: [
        {
          name: payload,
          outcome: "failed",
          detail: `counterexample: ${payload}\nprovider answered: ${payload}`,
          reproduce: `curl --data-binary '${payload}'`,
        },
      ],
      coverage: [{ layer: payload, answer: payload, count: 1, outcome: "failed" }],
      durationMs: 1,
    };
    const summary: RunSummary = {
      schema: SUMMARY_SCHEMA,
      outcome: "failed",
      target: { baseUrl: `http://127.0.0.1:1/${payload}`, embedded: false },
      startedAt: "2026-01-01T00:00:00.000Z",
      finishedAt: "2026-01-01T00:00:01.000Z",
      versions: { "bleepay-qa": payload },
      rules: { policy: "doc", overrides: {}, description: "the API doc's rules (--rules doc)" },
      deviations: [],
      stages: [stage],
      coverage: buildCoverageMatrix([stage]),
    };
    const path = join(work, "hostile.html");
    await writeFile(path, renderRunReport(summary));
    const { page, log } = await open(path);
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.title()).not.toBe("pwned");
    expect(log.dialogs).toEqual([]);
    expect(await page.locator("script, img").count()).toBe(0);
    expect(await page.locator("#failures").textContent()).toContain(payload);
    expect(log.requests.filter((url) => !url.startsWith("file:"))).toEqual([]);
    await page.close();
  });
});
