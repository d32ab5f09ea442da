/**
 * `bleepay-qa load` end to end: the real binary against the embedded provider (short runs), its
 * reports, gates, merge and exports, and one-line usage errors.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { type FaultServer, startFaultServer } from "../test-support/fault-servers.js";
import { runCli } from "../test-support/run-cli.js";
import { LOAD_REPORT_SCHEMA, type LoadReport } from "./report/load-report.js";

const STACK_TRACE = /^\s+at .+[:(]/m;
const TOKEN = "load-secret-Kx7Qp2";
let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "bleepay-load-"));
});
afterAll(() => rm(work, { recursive: true, force: true }));

const readReport = async (dir: string): Promise<LoadReport> =>
  JSON.parse(await readFile(join(dir, "load.json"), "utf8")) as LoadReport;

/** Runs the CLI in this process (same code path as the binary, without a spawn). */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: { BLEEPAY_REPORTS_DIR: join(work, "usage") },
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr };
}

describe("bleepay-qa load: usage errors", () => {
  it.each([
    [["load", "--rate", "fast"], /--rate expects requests per second/],
    [["load", "--slo", "p99<50"], /--slo p99 needs a time unit/],
    [["load", "--scenario", "browse"], /--scenario expects open-session or mixed/],
    [["load", "--scenario", "mixed", "--weights", "valid=90,oops=10"], /--weights expects KIND=WEIGHT/],
    [["load", "--export", "jmeter", "--rate", "10"], /--export expects k6 or artillery/],
    [["load", "--export", "k6"], /--export writes an open-model script: give --rate/],
    [["load", "--validate-sample", "150%"], /--validate-sample expects a share/],
    [["load", "merge"], /load merge expects one or more HDR log files/],
    [["load", "merge", "/nonexistent/x.hdrlog"], /cannot read \/nonexistent\/x.hdrlog: ENOENT/],
    [["load", "fire"], /unknown subcommand "fire"/],
    [
      ["load", "--baseline", "/nonexistent/old-load.json", "--duration", "1s"],
      /--baseline: cannot read \/nonexistent\/old-load.json: ENOENT/,
    ],
  ])("should reject %j with one line and exit 2", async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("should say so in one line from the real binary too, without a stack trace", async () => {
    const run = await runCli(["load", "--duration", "forever"], {
      env: { BLEEPAY_REPORTS_DIR: join(work, "usage") },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--duration expects a duration/);
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });
});

describe("bleepay-qa load against the embedded provider", () => {
  const dir = (name: string): string => join(work, name);

  it("should run the open model and write a versioned report, markdown, html and an HDR log", async () => {
    const run = await runCli(
      [
        "load",
        "--rate",
        "200",
        "--duration",
        "1s",
        "--scenario",
        "mixed",
        "--slo",
        "p99<2s",
        "--slo",
        "error_rate<1%",
        "--validate-sample",
        "20%",
        "--token",
        TOKEN,
      ],
      { env: { BLEEPAY_REPORTS_DIR: dir("open") }, timeoutMs: 30_000 },
    );
    expect(run.stderr).not.toMatch(STACK_TRACE);
    const report = await readReport(dir("open"));
    expect(report.schema).toBe(LOAD_REPORT_SCHEMA);
    expect(report.model).toMatchObject({ type: "open", rate: 200 });
    expect(report.requests.scheduled).toBe(200);
    expect(report.requests.sent).toBe(200);
    expect(report.requests.unexpected + report.requests.errors + report.requests.timeouts).toBe(0);
    expect(Object.keys(report.statusCodes).sort()).toEqual(["200", "400", "401"]);
    expect(report.contract.sampled).toBeGreaterThan(0);
    expect(report.slo.map((s) => s.expr)).toEqual(["p99<2s", "error_rate<1%"]);
    // Exit 0 when the gates pass; an invalid run (a loaded machine) is "not run", never failed.
    expect(run.code).toBe(0);
    const html = await readFile(join(dir("open"), "load.html"), "utf8");
    expect(html).toContain("<svg");
    expect(html).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)/);
    expect(await readFile(join(dir("open"), "load.md"), "utf8")).toMatch(/\| `p99<2s` \|/);
    expect(await readFile(join(dir("open"), "load.hdrlog"), "utf8")).toMatch(
      /^#\[Histogram log format version/,
    );
    for (const file of ["load.json", "load.md", "load.html", "load.hdrlog"]) {
      expect(await readFile(join(dir("open"), file), "utf8")).not.toContain(TOKEN);
    }
  });

  it("should fail a breached gate with exit 1 and print the failing line", async () => {
    const run = await runCli(
      ["load", "--rate", "100", "--duration", "1s", "--slo", "p50<1us", "--slo", "rps>=10000000"],
      {
        env: { BLEEPAY_REPORTS_DIR: dir("breach") },
        timeoutMs: 30_000,
      },
    );
    const report = await readReport(dir("breach"));
    if (report.valid) {
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/FAIL\s+gate p50<1us/);
      expect(run.stdout).toMatch(/FAIL\s+gate rps>=10000000/);
    } else {
      // On a saturated machine the generator cannot judge the provider: gates not run, never passed.
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/SKIP\s+gate p50<1us/);
    }
  });

  it("should merge the HDR logs of two runs exactly into one report", async () => {
    const log = join(dir("open"), "load.hdrlog");
    const run = await runCli(["load", "merge", log, log, "--slo", "p99<60s"], {
      env: { BLEEPAY_REPORTS_DIR: dir("merged") },
    });
    expect(run.stderr).toBe("");
    const single = await readReport(dir("open"));
    const merged = await readReport(dir("merged"));
    expect(merged.requests.total).toBe(2 * single.requests.total);
    // The same samples twice: every percentile stays the same.
    expect(merged.latencyMs).toEqual(single.latencyMs);
    expect(merged.valid).toBe(single.valid);
    expect(run.code).toBe(0);
  });

  it("should split an open-model run across worker threads and merge their counts", async () => {
    const run = await runCli(
      ["load", "--rate", "200", "--duration", "1s", "--workers", "2", "--slo", "p99<5s"],
      {
        env: { BLEEPAY_REPORTS_DIR: dir("workers") },
        timeoutMs: 30_000,
      },
    );
    expect(run.stderr).not.toMatch(STACK_TRACE);
    const report = await readReport(dir("workers"));
    expect(report.model.workers).toBe(2);
    expect(report.generator).toHaveLength(2);
    expect(report.requests.scheduled).toBe(200);
    expect(report.requests.total).toBe(200);
  });

  it("should export a k6 script with the codes it minted", async () => {
    const run = await runCli(
      [
        "load",
        "--export",
        "k6",
        "--rate",
        "500",
        "--codes",
        "20",
        "--state-setup-url",
        "http://127.0.0.1:9/none",
      ],
      {
        env: { BLEEPAY_REPORTS_DIR: dir("export") },
      },
    );
    // The state-setup URL is unreachable: one clear line, exit 2.
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /cannot set up a provider state: provider state "a context code has been shared by the payer"/,
    );
    const codes = join(work, "codes.txt");
    await (await import("node:fs/promises")).writeFile(codes, "A1B2C3\n# comment\nD4E5F6\n");
    const ok = await runCli(["load", "--export", "k6", "--rate", "500", "--codes-file", codes], {
      env: { BLEEPAY_REPORTS_DIR: dir("export") },
    });
    expect(ok.code).toBe(0);
    expect(await readFile(join(dir("export"), "load-k6.js"), "utf8")).toMatch(/constant-arrival-rate/);
    expect(await readFile(join(dir("export"), "load-codes.csv"), "utf8")).toBe("A1B2C3\nD4E5F6\n");
  });
});

describe("bleepay-qa load against a target that answers too late", () => {
  // Answers the reachability check at once and Open Session only after a minute.
  let slow: FaultServer;
  beforeAll(async () => {
    slow = await startFaultServer("slow", { token: TOKEN });
  });
  afterAll(() => slow.close());

  it.each([
    ["closed model, every request timed out", ["--duration", "1s", "--timeout", "1s"]],
    ["open model, every request timed out", ["--rate", "20", "--duration", "1s", "--timeout", "1s"]],
  ])("fails its gates (%s): no answer never reads as a fast one", async (_name, args) => {
    const reportsDir = join(work, `silent-${args.join("")}`);
    const codes = join(work, "silent-codes.txt");
    await writeFile(codes, "AAAAAA\nBBBBBB\n");
    const run = await runCli(
      [
        "load",
        "--base-url",
        slow.url,
        "--token",
        TOKEN,
        "--codes-file",
        codes,
        "--warmup",
        "0s",
        "--reports-dir",
        reportsDir,
        ...args,
      ],
      { timeoutMs: 40_000 },
    );
    const context = `exit ${run.code}:\n${run.stdout}\n${run.stderr}`;
    expect(run.code, context).toBe(1);
    expect(run.stdout, context).not.toMatch(/PASS\s+gate/);
    expect(run.stdout, context).toMatch(/FAIL\s+gate p99<50ms/);
    expect(run.stdout, context).toMatch(/FAIL\s+the target kept answering/);
    const report = await readReport(reportsDir);
    expect(report.slo.every((gate) => !gate.pass)).toBe(true);
  });

  it("counts the requests still in flight when the closed model's duration ends, once answered", async () => {
    // Answers (503) after 1.5 s: every request of a 1 s run is still in flight at its end.
    const late = await startFaultServer("slow", { token: TOKEN, slowMs: 1_500 });
    try {
      const reportsDir = join(work, "late-closed");
      const codes = join(work, "late-codes.txt");
      await writeFile(codes, "AAAAAA\n");
      const run = await runCli(
        [
          "load",
          ...["--base-url", late.url, "--token", TOKEN, "--codes-file", codes, "--reports-dir", reportsDir],
          ...["--connections", "4", "--duration", "1s", "--timeout", "5s", "--warmup", "0s"],
        ],
        { timeoutMs: 30_000 },
      );
      const report = await readReport(reportsDir);
      const context = `exit ${run.code}:\n${run.stdout}\n${run.stderr}`;
      // Cut off at the end, they were dropped or counted as connection errors. Now each is counted
      // with its answer. (On a busy machine a connection may open only after the 1 s: up to 4.)
      expect(report.requests.total, context).toBeGreaterThanOrEqual(1);
      expect(report.requests, context).toMatchObject({
        errors: 0,
        timeouts: 0,
        unexpected: report.requests.total,
      });
      expect(report.latencyMs.p50, context).toBeGreaterThanOrEqual(1_400);
      expect(run.code, context).toBe(1);
    } finally {
      await late.close();
    }
  });
});
