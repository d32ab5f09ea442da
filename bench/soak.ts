/**
 * Soak of the reference provider (issue 6 §2): `bleepay-qa serve` as a child process, under the
 * closed-model load of `bleepay-qa load` (50 connections, 60 s by default), then a flood of
 * distinct codes (bulk provider-state calls) and of opens with codes never shared. The provider's
 * resident memory (VmRSS from /proc/<pid>/status) is sampled every second throughout.
 *
 * It prints requests served, 5xx seen (must be 0), errors, RSS at start/peak/end, whether memory
 * plateaued (growth over the last third of each phase under 10 %), and the p99 of the first 10 s
 * against the last 10 s of the load run (must be ≤ 2×). Exit code 1 when a verdict fails.
 *
 * Run by hand (never in `npm test`; Linux only, for /proc):
 *   npm run bench:soak                                  # 60 s load, 40 × 100,000 minted codes
 *   npm run bench:soak -- --duration 20s                # a quick check
 *   npm run bench:soak -- --flood-batches 10 --flood-opens 5000
 *
 * The provider runs with `--max-codes 1000000`, so the flood reaches the cap a quarter of the way
 * through and the last three quarters show eviction holding memory flat.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { OPEN_SESSION_PATH, SESSION_TYPE } from "../src/rules/index.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "bin", "bleepay-qa.js");
// Not a real credential: the benchmark's own provider accepts it.
const TOKEN = "soak-token-not-a-secret";
const MAX_CODES = 1_000_000;
const PLATEAU_LIMIT = 0.1;
const P99_RATIO_LIMIT = 2;

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "60s" },
    connections: { type: "string", default: "50" },
    "flood-batches": { type: "string", default: "40" },
    "flood-batch-size": { type: "string", default: "100000" },
    "flood-opens": { type: "string", default: "20000" },
  },
});

function fail(message: string): never {
  process.stderr.write(`bench:soak: ${message}\n`);
  process.exit(2);
}
function wholeNumber(name: keyof typeof args): number {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < 1) fail(`--${name} expects a whole number ≥ 1, got ${args[name]}`);
  return value;
}
const durationMatch = /^(\d+)s?$/.exec(String(args.duration));
if (!durationMatch) fail(`--duration expects seconds such as 60s, got ${args.duration}`);
const durationS = Number(durationMatch[1]);
if (durationS < 20) fail("--duration must be at least 20s (two 10 s windows are compared)");
const connections = wholeNumber("connections");
const floodBatches = wholeNumber("flood-batches");
const floodBatchSize = wholeNumber("flood-batch-size");
const floodOpens = wholeNumber("flood-opens");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** Growth over the last third of a series of samples, as a fraction of its value at that point. */
function lastThirdGrowth(samples: readonly number[]): number {
  if (samples.length < 3) return 0;
  const from = samples[Math.floor((samples.length * 2) / 3)] ?? 0;
  const tail = samples.slice(Math.floor((samples.length * 2) / 3));
  return (Math.max(...tail) - from) / from;
}

function waitForListening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.setEncoding("utf8").on("data", (text: string) => {
      out += text;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`the provider exited (${code}) before listening: ${out}`)));
    setTimeout(() => reject(new Error("the provider did not start within 10 s")), 10_000).unref();
  });
}

function run(command: string, argv: readonly string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: ["ignore", "inherit", "inherit"] });
    child.once("error", reject);
    child.once("exit", (code) => resolve(code));
  });
}

const work = mkdtempSync(join(tmpdir(), "bleepay-soak-"));
const port = await freePort();
const provider = spawn(
  process.execPath,
  [BIN, "serve", "--port", String(port), "--token", TOKEN, "--max-codes", String(MAX_CODES)],
  { stdio: ["ignore", "pipe", "inherit"] },
);
const pid = provider.pid ?? fail("could not start the provider");
const stop = (): void => {
  provider.kill("SIGTERM");
};
process.on("exit", stop);

try {
  const baseUrl = await waitForListening(provider);
  const stateUrl = `${baseUrl}/_pact/provider-states`;
  const phase: { name: string; samples: number[] }[] = [];
  let current = { name: "start", samples: [rssMb(pid)] };
  phase.push(current);
  const all: number[] = [...current.samples];
  const sampler = setInterval(() => {
    const mb = rssMb(pid);
    current.samples.push(mb);
    all.push(mb);
  }, 1_000);
  const startMb = all[0] ?? 0;

  // 1. Full closed-model load.
  current = { name: "load", samples: [] };
  phase.push(current);
  const loadJson = join(work, "load.json");
  process.stdout.write(`soak: ${durationS} s of closed-model load, ${connections} connections…\n`);
  const loadExit = await run(process.execPath, [
    BIN,
    "load",
    "--base-url",
    baseUrl,
    "--token",
    TOKEN,
    "--state-setup-url",
    stateUrl,
    "--connections",
    String(connections),
    "--duration",
    `${durationS}s`,
    "--json",
    loadJson,
    "--reports-dir",
    join(work, "reports"),
  ]);
  const report = JSON.parse(readFileSync(loadJson, "utf8")) as {
    requests: { total: number; unexpected: number; errors: number; timeouts: number };
    statusCodes: Record<string, number>;
    rps: { mean: number; series: { second: number; rps: number; p99Ms: number }[] };
    valid: boolean;
  };

  // 2. A flood of distinct codes, then of opens with codes never shared.
  current = { name: "flood", samples: [] };
  phase.push(current);
  const floodBatchRss: number[] = [];
  let floodStatuses5xx = 0;
  let floodErrors = 0;
  let minted = 0;
  process.stdout.write(`soak: minting ${floodBatches} × ${floodBatchSize} codes…\n`);
  for (let batch = 0; batch < floodBatches; batch++) {
    try {
      const response = await fetch(stateUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          state: "a context code has been shared by the payer",
          params: { count: floodBatchSize },
          action: "setup",
        }),
      });
      if (response.status >= 500) floodStatuses5xx++;
      const body = (await response.json()) as { codes?: unknown[] };
      minted += body.codes?.length ?? 0;
    } catch {
      floodErrors++;
    }
    const mb = rssMb(pid);
    floodBatchRss.push(mb);
    all.push(mb);
  }
  process.stdout.write(`soak: ${floodOpens} opens with codes never shared…\n`);
  const openStatuses: Record<string, number> = {};
  let next = 0;
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const worker = async (): Promise<void> => {
    while (next < floodOpens) {
      next++;
      // Z9 prefix plus 4 random characters: distinct enough; an odd collision with a minted code
      // would answer 200, which is counted and not a failure.
      let code = "Z9";
      for (let i = 0; i < 4; i++) code += alphabet[Math.floor(Math.random() * alphabet.length)];
      try {
        const response = await fetch(`${baseUrl}${OPEN_SESSION_PATH}`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
          body: JSON.stringify({ code, type: SESSION_TYPE }),
        });
        await response.arrayBuffer();
        openStatuses[response.status] = (openStatuses[response.status] ?? 0) + 1;
        if (response.status >= 500) floodStatuses5xx++;
      } catch {
        floodErrors++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  clearInterval(sampler);
  const endMb = rssMb(pid);
  all.push(endMb);

  // Figures.
  const load5xx = Object.entries(report.statusCodes)
    .filter(([status]) => Number(status) >= 500)
    .reduce((sum, [, count]) => sum + count, 0);
  const series = report.rps.series;
  const windowP99 = (rows: typeof series): { weighted: number; max: number } => {
    const total = rows.reduce((sum, row) => sum + row.rps, 0);
    return {
      weighted: rows.reduce((sum, row) => sum + row.p99Ms * row.rps, 0) / Math.max(1, total),
      max: Math.max(...rows.map((row) => row.p99Ms)),
    };
  };
  const first = windowP99(series.slice(0, 10));
  const last = windowP99(series.slice(-10));
  const p99Ratio = last.weighted / first.weighted;
  const loadSamples = phase.find((p) => p.name === "load")?.samples ?? [];
  const loadGrowth = lastThirdGrowth(loadSamples);
  const floodGrowth = lastThirdGrowth(floodBatchRss);
  const peakMb = Math.max(...all);
  const total5xx = load5xx + floodStatuses5xx;
  const fmt = (mb: number): string => `${mb.toFixed(1)} MB`;
  const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

  const lines = [
    "",
    "soak of the reference provider",
    `  load: ${durationS} s closed model, ${connections} connections (exit ${loadExit}, valid ${report.valid})`,
    `    requests served      ${report.requests.total} (${Math.round(report.rps.mean)} req/s mean)`,
    `    status codes         ${JSON.stringify(report.statusCodes)}`,
    `    unexpected/errors/timeouts  ${report.requests.unexpected}/${report.requests.errors}/${report.requests.timeouts}`,
    `    p99 first 10 s       ${first.weighted.toFixed(3)} ms (rps-weighted mean of per-second p99; max ${first.max.toFixed(3)} ms)`,
    `    p99 last 10 s        ${last.weighted.toFixed(3)} ms (max ${last.max.toFixed(3)} ms)`,
    `    p99 last/first       ${p99Ratio.toFixed(2)}× → ${p99Ratio <= P99_RATIO_LIMIT ? "PASS" : "FAIL"} (≤ ${P99_RATIO_LIMIT}×)`,
    `    RSS every 5 s        ${loadSamples
      .filter((_, i) => i % 5 === 4)
      .map((mb) => mb.toFixed(0))
      .join(" ")} MB`,
    `  flood: ${minted} codes minted in ${floodBatches} bulk calls (cap --max-codes ${MAX_CODES}), ${floodOpens} opens with unshared codes`,
    `    open statuses        ${JSON.stringify(openStatuses)}; errors ${floodErrors}`,
    `    RSS after each batch ${floodBatchRss.map((mb) => mb.toFixed(0)).join(" ")} MB`,
    `  5xx seen               ${total5xx} → ${total5xx === 0 ? "PASS" : "FAIL"} (must be 0)`,
    `  errors                 ${report.requests.errors + report.requests.timeouts + floodErrors}`,
    `  RSS start/peak/end     ${fmt(startMb)} / ${fmt(peakMb)} / ${fmt(endMb)}`,
    `  plateau under load     last-third growth ${pct(loadGrowth)} → ${loadGrowth < PLATEAU_LIMIT ? "PASS" : "FAIL"} (< ${pct(PLATEAU_LIMIT)})`,
    `  plateau under flood    last-third growth ${pct(floodGrowth)} → ${floodGrowth < PLATEAU_LIMIT ? "PASS" : "FAIL"} (< ${pct(PLATEAU_LIMIT)})`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  const ok =
    total5xx === 0 &&
    p99Ratio <= P99_RATIO_LIMIT &&
    loadGrowth < PLATEAU_LIMIT &&
    floodGrowth < PLATEAU_LIMIT &&
    report.requests.errors === 0;
  process.exitCode = ok ? 0 : 1;
} finally {
  stop();
  rmSync(work, { recursive: true, force: true });
}
