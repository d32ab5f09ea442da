/**
 * Speed of the load generator: `bleepay-qa load`'s closed model (autocannon under our per-request
 * timestamps and HDR histograms) against wrk, with the same connections and duration, side by side
 * against the same minimal `node:http` server (bench/minimal-server.ts, its own process), rounds
 * alternating so drift and noise hit both alike. Prints requests/s of each, the ratio (target
 * ≥ 0.90), and the CPU time per request of each generator. Plain autocannon (the engine alone) is
 * run in each round too, for reference. Exit code 1 when the target is missed.
 *
 * Run by hand (never in `npm test`):
 *   npm run bench:load                                   # 3 rounds × 5 s, 50 connections
 *   npm run bench:load -- --rounds 5 --duration 10 --connections 100
 *
 * Needs wrk on the PATH (`apt-get install wrk`). All traffic goes to 127.0.0.1.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { runLoad } from "../load/engine/run-load.js";
import { OPEN_SESSION_PATH, SESSION_TYPE } from "../src/rules/index.js";
import { startMinimalServer } from "./start-minimal-server.js";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    duration: { type: "string", default: "5" },
    connections: { type: "string", default: "50" },
  },
});
const rounds = Number(values.rounds);
const durationS = Number(values.duration);
const connections = Number(values.connections);

try {
  execFileSync("wrk", ["--version"], { stdio: "ignore" });
} catch (error) {
  // wrk --version exits 1 after printing; only a missing binary throws ENOENT.
  if ((error as NodeJS.ErrnoException).code === "ENOENT") {
    process.stderr.write("wrk is not installed: apt-get install wrk (or brew install wrk)\n");
    process.exit(2);
  }
}

const body = JSON.stringify({ code: "A1B2C3", type: SESSION_TYPE });
const work = mkdtempSync(join(tmpdir(), "bleepay-bench-load-"));
const lua = join(work, "post.lua");
writeFileSync(
  lua,
  `wrk.method = "POST"\nwrk.body = '${body}'\nwrk.headers["Content-Type"] = "application/json"\nwrk.headers["Authorization"] = "Bearer dev-payee-token"\n`,
);

/** wrk's requests/s and CPU seconds (bash's `times` reports the children's user and system time). */
function runWrk(url: string): { rps: number; cpuS: number; requests: number } {
  const out = execFileSync(
    "bash",
    ["-c", `wrk -t1 -c${connections} -d${durationS}s -s ${lua} ${url}${OPEN_SESSION_PATH}; times`],
    { encoding: "utf8" },
  );
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
  const lines = out.trim().split("\n");
  const children = lines[lines.length - 1] ?? "";
  const cpuS = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
    (s, m) => s + Number(m[1]) * 60 + Number(m[2]),
    0,
  );
  return { rps, cpuS, requests };
}

async function runOurs(url: string, workers: number): Promise<{ rps: number; cpuUsPerRequest: number }> {
  const cpu = process.cpuUsage();
  const outcome = await runLoad(
    {
      url: `${url}${OPEN_SESSION_PATH}`,
      token: "dev-payee-token",
      scenario: "open-session",
      weights: { valid: 100, malformed: 0, "bad-token": 0 },
      codes: ["A1B2C3"],
      model: "closed",
      rate: 0,
      connections,
      pipelining: 1,
      durationMs: durationS * 1000,
      warmupMs: 0,
      timeoutMs: 10_000,
      validateSample: 0,
    },
    { workers },
  );
  const used = process.cpuUsage(cpu);
  const { total } = outcome.run.requests;
  return { rps: total / durationS, cpuUsPerRequest: (used.user + used.system) / total };
}

/** Plain autocannon, same connections and duration: the engine alone, without our measurement. */
async function runPlainAutocannon(url: string): Promise<{ rps: number; cpuUsPerRequest: number }> {
  const cpu = process.cpuUsage();
  const result = await autocannon({
    url: `${url}${OPEN_SESSION_PATH}`,
    connections,
    duration: durationS,
    method: "POST",
    body,
    headers: { "content-type": "application/json", authorization: "Bearer dev-payee-token" },
  });
  const used = process.cpuUsage(cpu);
  return {
    rps: result.requests.total / durationS,
    cpuUsPerRequest: (used.user + used.system) / result.requests.total,
  };
}

const server = await startMinimalServer();
const rows: Array<{
  round: number;
  wrk: number;
  ours: number;
  plain: number;
  wrkCpuUs: number;
  oursCpuUs: number;
  plainCpuUs: number;
}> = [];
try {
  // Warm both paths once (JIT of the server and of our generator).
  await runOurs(server.url, 0);
  for (let round = 1; round <= rounds; round++) {
    const wrk = runWrk(server.url);
    // In this thread (workers 0): process CPU is then the generator's alone (the server is a child).
    const ours = await runOurs(server.url, 0);
    const plain = await runPlainAutocannon(server.url);
    rows.push({
      round,
      wrk: wrk.rps,
      ours: ours.rps,
      plain: plain.rps,
      plainCpuUs: plain.cpuUsPerRequest,
      wrkCpuUs: (wrk.cpuS * 1e6) / wrk.requests,
      oursCpuUs: ours.cpuUsPerRequest,
    });
    const last = rows[rows.length - 1];
    process.stdout.write(
      `round ${round}: wrk ${wrk.rps.toFixed(0)} req/s (${last?.wrkCpuUs.toFixed(1)} µs CPU/req), bleepay-qa load ${ours.rps.toFixed(0)} req/s (${ours.cpuUsPerRequest.toFixed(1)} µs CPU/req), ratio ${(ours.rps / wrk.rps).toFixed(3)}; plain autocannon ${plain.rps.toFixed(0)} req/s (${plain.cpuUsPerRequest.toFixed(1)} µs CPU/req)\n`,
    );
  }
} finally {
  server.child.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
}
const sum = (pick: (r: (typeof rows)[number]) => number): number => rows.reduce((s, r) => s + pick(r), 0);
const ratio = sum((r) => r.ours) / sum((r) => r.wrk);
process.stdout.write(
  `\n${connections} connections, ${durationS} s × ${rounds} rounds, one generator thread each\n` +
    `wrk:             ${(sum((r) => r.wrk) / rows.length).toFixed(0)} req/s, ${(sum((r) => r.wrkCpuUs) / rows.length).toFixed(1)} µs CPU per request\n` +
    `bleepay-qa load: ${(sum((r) => r.ours) / rows.length).toFixed(0)} req/s, ${(sum((r) => r.oursCpuUs) / rows.length).toFixed(1)} µs CPU per request\n` +
    `plain autocannon: ${(sum((r) => r.plain) / rows.length).toFixed(0)} req/s, ${(sum((r) => r.plainCpuUs) / rows.length).toFixed(1)} µs CPU per request (the engine alone, for reference)\n` +
    `ratio: ${ratio.toFixed(3)} (target ≥ 0.90) ${ratio >= 0.9 ? "MET" : "MISSED"}\n`,
);
process.exitCode = ratio >= 0.9 ? 0 : 1;
