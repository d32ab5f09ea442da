/**
 * The open model's rate ladder: at each rate, `bleepay-qa load --rate R` (through `runLoad`, one
 * generator thread as the CLI's default `--workers 1`) and, right after it, a plain 20-line
 * open-model client (`node:http` with a keep-alive `http.Agent`, a `setImmediate` loop, latency
 * from the intended send time) and a raw-socket floor client (see FLOOR_CLIENT), all against the
 * same minimal `node:http` server (bench/minimal-server.ts) in its own process. Per rate it prints:
 * valid or not (the CLI's verdict), sent/scheduled, the generator's CPU per request and the
 * floor's, dispatch lag p99 and the floor's, corrected and service p99, and the plain client's
 * corrected p99. "If the naive version wins, the engine is wrong."
 *
 * CPU per request is measured the same way for every engine version: the process's CPU time
 * between two progress ticks (after the warmup, and at the end) over the requests answered between
 * them. The server is another process and this thread only waits, so that CPU is the generator's
 * (its thread, plus V8's helper threads working for it).
 *
 * Run by hand (never in `npm test`), on a machine as quiet as you can get; the load average is
 * printed per row, since other load on the machine shows up in every figure:
 *   npm run bench:open-model                              # rates 100…15k, 1 s warmup + 5 s, 2 rounds
 *   npm run bench:open-model -- --before-ref 983ce5a      # the engine before the slice scheduler, beside
 *   npm run bench:open-model -- --rates 5000,10000,20000 --workers 1,2 --no-plain   # scaling
 *   npm run bench:open-model -- --save bench/open-model-before.json   # keep this run's figures
 *
 * `--before-ref REF` builds the engine at REF into node_modules/.cache and runs it in the same
 * run, each engine judged by its own rules. Without it, bench/open-model-before.json (figures of
 * the engine before the slice scheduler, from an earlier run) is printed next to this run's. All
 * traffic goes to 127.0.0.1.
 */
import { execFileSync, execSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { summarize } from "../load/engine/histogram.js";
import type { LoadPlan } from "../load/engine/load-plan.js";
import { runHistograms } from "../load/engine/merge-runs.js";
import { runLoad as runLoadNow } from "../load/engine/run-load.js";
import { selfCheckProblems } from "../load/engine/self-check.js";
import { OPEN_SESSION_PATH, SESSION_TYPE } from "../src/rules/index.js";
import { startMinimalServer } from "./start-minimal-server.js";

const { values } = parseArgs({
  options: {
    rates: { type: "string", default: "100,500,1000,2000,5000,10000,15000" },
    rounds: { type: "string", default: "2" },
    duration: { type: "string", default: "5" },
    warmup: { type: "string", default: "1" },
    workers: { type: "string", default: "1" },
    connections: { type: "string", default: "50" },
    "no-plain": { type: "boolean" },
    save: { type: "string" },
    "before-ref": { type: "string" },
    before: { type: "string", default: "bench/open-model-before.json" },
  },
});
const rates = (values.rates ?? "").split(",").map(Number);
const rounds = Number(values.rounds);
const durationS = Number(values.duration);
const warmupS = Number(values.warmup);
const workerCounts = (values.workers ?? "1").split(",").map(Number);
const connections = Number(values.connections);
const withPlain = !values["no-plain"];

/** One rate, one round. */
interface Row {
  /** Which engine: this tree's, or the one at `--before-ref`. */
  engine?: "before" | "after";
  /** Generator threads (`--workers`). */
  workers?: number;
  /** Answers per second, measured part. */
  answeredPerS?: number;
  rate: number;
  round: number;
  load1: number;
  valid: boolean;
  reasons: string[];
  sent: number;
  scheduled: number;
  cpuUsPerRequest: number;
  dispatchLagP99Ms: number;
  correctedP99Ms: number;
  serviceP99Ms: number;
  /** The engine's own self-check figures, as load.json's `generator` shows them. */
  selfCheckCpuUsPerRequest: number[];
  loopUtilization: number[];
  plainP99Ms?: number;
  /** The floor client's CPU per request and dispatch lag p99 (see FLOOR_CLIENT). */
  floorCpuUsPerRequest?: number;
  floorLagP99Ms?: number;
  plainAnswered?: number;
  plainScheduled?: number;
}

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

type RunLoad = typeof runLoadNow;
/** An engine to measure: its `runLoad`, and its own self-check verdict (each engine is judged by its own rules). */
interface Engine {
  readonly name: "before" | "after";
  readonly runLoad: RunLoad;
  readonly selfCheckProblems: typeof selfCheckProblems;
}

/**
 * The engine at a git ref, built once into node_modules/.cache (ignored by git; its imports resolve
 * against this tree's node_modules), so before and after run side by side in one bench run.
 */
async function loadEngineAt(ref: string): Promise<Engine> {
  const dir = resolve("node_modules", ".cache", "bleepay-bench-before", ref.replace(/[^\w.-]/g, "_"));
  const entry = join(dir, "dist", "load", "engine", "run-load.js");
  if (!existsSync(entry)) {
    process.stdout.write(`building the engine at ${ref} into ${dir}\n`);
    mkdirSync(dir, { recursive: true });
    execSync(`git archive ${JSON.stringify(ref)} | tar -x -C ${JSON.stringify(dir)}`);
    execFileSync(
      process.execPath,
      ["node_modules/typescript/bin/tsc", "-p", join(dir, "tsconfig.build.json")],
      {
        stdio: "inherit",
      },
    );
  }
  const { runLoad } = (await import(pathToFileURL(entry).href)) as { runLoad: RunLoad };
  const check = (await import(pathToFileURL(join(dir, "dist", "load", "engine", "self-check.js")).href)) as {
    selfCheckProblems: typeof selfCheckProblems;
  };
  return { name: "before", runLoad, selfCheckProblems: check.selfCheckProblems };
}

async function runOurs(
  url: string,
  rate: number,
  engine: Engine,
  workers: number,
): Promise<Omit<Row, "round" | "load1">> {
  const plan: LoadPlan = {
    url: `${url}${OPEN_SESSION_PATH}`,
    token: "dev-payee-token",
    scenario: "open-session",
    weights: { valid: 100, malformed: 0, "bad-token": 0 },
    codes: ["A1B2C3"],
    model: "open",
    rate,
    connections,
    pipelining: 1,
    durationMs: durationS * 1000,
    warmupMs: warmupS * 1000,
    timeoutMs: 10_000,
    validateSample: 0,
  };
  // Progress ticks come about once a second from each generator, the first about 1 s into the run:
  // the tick at the warmup's end starts the CPU window (with no warmup, the call itself does), the
  // last tick ends it.
  const ticks: Array<{ at: number; cpu: number; requests: number }> = [
    { at: Number.NEGATIVE_INFINITY, cpu: cpuNow(), requests: 0 },
  ];
  const outcome = await engine.runLoad(plan, {
    workers,
    onProgress: (live) => ticks.push({ at: performance.now(), cpu: cpuNow(), requests: live.requests }),
  });
  const firstTickAt = ticks[1]?.at ?? 0;
  const first = warmupS > 0 ? ticks.find((t) => t.at >= firstTickAt + (warmupS - 1) * 1000 - 300) : ticks[0];
  const last = ticks.length > 2 ? ticks[ticks.length - 1] : undefined;
  const { run, selfChecks } = outcome;
  const { corrected, service } = runHistograms(run);
  const correctedP99 = summarize(corrected).p99;
  const reasons = selfChecks.flatMap((f) => engine.selfCheckProblems(f, "open", correctedP99));
  if (run.scheduled > 0 && run.sent < run.scheduled * 0.99)
    reasons.push(`only ${run.sent} of ${run.scheduled} scheduled requests went out`);
  const windowRequests = first && last ? last.requests - first.requests : 0;
  return {
    rate,
    answeredPerS: run.requests.total / durationS,
    valid: reasons.length === 0,
    reasons,
    sent: run.sent,
    scheduled: run.scheduled,
    cpuUsPerRequest:
      first && last && windowRequests > 0 ? (last.cpu - first.cpu) / windowRequests : Number.NaN,
    dispatchLagP99Ms: Math.max(...selfChecks.map((f) => f.dispatchLagP99Ms)),
    correctedP99Ms: correctedP99,
    serviceP99Ms: summarize(service).p99,
    selfCheckCpuUsPerRequest: selfChecks.map((f) => f.cpuUsPerRequest),
    loopUtilization: selfChecks.map((f) => f.loopUtilization),
  };
}

// The plain client: what anyone would write in twenty lines. Plain JS evaluated in a worker thread
// (like the generator's own thread), so it needs no compiled file.
const PLAIN_CLIENT = `
const { parentPort, workerData: w } = require("node:worker_threads");
const http = require("node:http");
const agent = new http.Agent({ keepAlive: true, maxSockets: w.connections });
const headers = { "content-type": "application/json", authorization: "Bearer dev-payee-token" };
const latencies = [];
const start = performance.now() + 20, warm = start + w.warmupMs, end = warm + w.durationMs;
let i = 0, scheduled = 0, pending = 0, done = false;
const finish = () => { latencies.sort((a, b) => a - b); parentPort.postMessage({ type: "done", scheduled, answered: latencies.length, p99: latencies[Math.ceil(latencies.length * 0.99) - 1] ?? 0 }); };
const fire = (due) => {
  const measured = due >= warm; if (measured) scheduled++; pending++;
  const req = http.request(w.url, { method: "POST", agent, headers }, (res) => {
    res.resume();
    res.on("end", () => { if (measured) latencies.push(performance.now() - due); if (--pending === 0 && done) finish(); });
  });
  req.on("error", () => { if (--pending === 0 && done) finish(); });
  req.end(w.body);
};
let marked = false;
const loop = () => {
  const now = performance.now();
  if (!marked && now >= warm) { marked = true; parentPort.postMessage({ type: "mark" }); }
  for (let due = start + (i * 1000) / w.rate; due <= now && due < end; due = start + (++i * 1000) / w.rate) fire(due);
  if (start + (i * 1000) / w.rate < end) setImmediate(loop); else { done = true; parentPort.postMessage({ type: "end" }); if (pending === 0) finish(); }
};
setTimeout(loop, 20);
`;

// The floor: the least an open-model generator can spend per request on this machine, whatever its
// language. One timer per due time (or per millisecond when they come faster), a prebuilt request
// written to a raw keep-alive socket, answers counted by their status line, not parsed. At low rates
// its CPU is mostly the kernel's: the loopback write carries the server's side of TCP and its wake-up.
const FLOOR_CLIENT = `
const { parentPort, workerData: w } = require("node:worker_threads");
const net = require("node:net");
const url = new URL(w.url);
const request = Buffer.from("POST " + url.pathname + " HTTP/1.1\\r\\nHost: " + url.host + "\\r\\ncontent-type: application/json\\r\\nauthorization: Bearer dev-payee-token\\r\\ncontent-length: " + Buffer.byteLength(w.body) + "\\r\\n\\r\\n" + w.body);
const idle = [], sockets = [], lags = [];
let pending = 0, done = false;
const open = () => {
  const s = net.connect({ host: url.hostname, port: Number(url.port) }); s.setNoDelay(true); s.inFlight = 0; sockets.push(s);
  s.on("data", (chunk) => { for (let i = chunk.indexOf("HTTP/1.1 "); i !== -1; i = chunk.indexOf("HTTP/1.1 ", i + 9)) { pending--; if (--s.inFlight === 0) idle.push(s); } if (done && pending === 0) finish(); });
  return s;
};
const pick = () => { for (let s = idle.pop(); s; s = idle.pop()) if (s.inFlight === 0) return s; return sockets.length < w.connections ? open() : sockets.reduce((a, b) => (b.inFlight < a.inFlight ? b : a)); };
const start = performance.now() + 20, warm = start + w.warmupMs, end = warm + w.durationMs;
let i = 0, marked = false;
const finish = () => { for (const s of sockets) s.destroy(); lags.sort((a, b) => a - b); parentPort.postMessage({ type: "done", scheduled: i, lagP99: lags[Math.ceil(lags.length * 0.99) - 1] ?? 0 }); };
const tick = () => {
  const now = performance.now();
  if (!marked && now >= warm) { marked = true; parentPort.postMessage({ type: "mark" }); }
  for (let due = start + (i * 1000) / w.rate; due <= now && due < end; due = start + (++i * 1000) / w.rate) { const s = pick(); s.inFlight++; pending++; s.write(request); if (due >= warm) lags.push(performance.now() - due); }
  const next = start + (i * 1000) / w.rate;
  if (next < end) setTimeout(tick, Math.max(1, Math.ceil(next - performance.now()))); else { done = true; if (pending === 0) finish(); }
};
setTimeout(tick, 20);
`;

/** The floor client's CPU per request, between its warmup mark and its end. */
function runFloor(url: string, rate: number): Promise<{ cpuUsPerRequest: number; lagP99Ms: number }> {
  const worker = new Worker(FLOOR_CLIENT, {
    eval: true,
    workerData: {
      url: `${url}${OPEN_SESSION_PATH}`,
      rate,
      connections,
      warmupMs: warmupS * 1000,
      durationMs: durationS * 1000,
      body: JSON.stringify({ code: "A1B2C3", type: SESSION_TYPE }),
    },
  });
  let mark = cpuNow();
  return new Promise((resolve, reject) => {
    worker.once("error", reject);
    worker.on("message", (m: { type: string; lagP99: number }) => {
      if (m.type === "mark") mark = cpuNow();
      if (m.type !== "done") return;
      resolve({ cpuUsPerRequest: (cpuNow() - mark) / (rate * durationS), lagP99Ms: m.lagP99 });
      void worker.terminate();
    });
  });
}

function runPlain(
  url: string,
  rate: number,
): Promise<{ p99Ms: number; answered: number; scheduled: number }> {
  const worker = new Worker(PLAIN_CLIENT, {
    eval: true,
    workerData: {
      url: `${url}${OPEN_SESSION_PATH}`,
      rate,
      connections,
      warmupMs: warmupS * 1000,
      durationMs: durationS * 1000,
      body: JSON.stringify({ code: "A1B2C3", type: SESSION_TYPE }),
    },
  });
  return new Promise((resolve, reject) => {
    worker.once("error", reject);
    worker.on("message", (m: { type: string; p99: number; answered: number; scheduled: number }) => {
      if (m.type !== "done") return;
      resolve({ p99Ms: Math.round(m.p99 * 1000) / 1000, answered: m.answered, scheduled: m.scheduled });
      void worker.terminate();
    });
  });
}

const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : "–");

function printRow(r: Row): void {
  process.stdout.write(
    `${String(r.rate).padStart(6)} r${r.round} ${labelOf(r).padEnd(9)} ${(r.valid ? "valid" : "INVALID").padEnd(7)}  ${`${r.sent}/${r.scheduled}`.padStart(13)}  ${fmt(r.cpuUsPerRequest).padStart(7)} µs ${fmt(r.floorCpuUsPerRequest ?? Number.NaN).padStart(7)} µs  ${fmt(r.dispatchLagP99Ms, 2).padStart(7)} ms ${fmt(r.floorLagP99Ms ?? Number.NaN, 2).padStart(6)} ms  ${fmt(r.correctedP99Ms, 2).padStart(8)} ms  ${fmt(r.serviceP99Ms, 2).padStart(7)} ms  ${r.plainP99Ms === undefined ? "–".padStart(8) : `${fmt(r.plainP99Ms, 2).padStart(8)} ms`}  load ${r.load1.toFixed(2)}${r.valid ? "" : `  (${r.reasons.join("; ")})`}\n`,
  );
}

const HEADER = `  rate round engine    valid    sent/scheduled  CPU/req   floor CPU/req  lag p99  floor lag  corr. p99   svc p99   plain p99\n`;

const engines: Engine[] = [
  ...(values["before-ref"] ? [await loadEngineAt(values["before-ref"])] : []),
  { name: "after", runLoad: runLoadNow, selfCheckProblems },
];
// The before engine runs with the first worker count; this tree's with each.
const runs = engines.flatMap((engine) =>
  engine.name === "before"
    ? [{ engine, workers: workerCounts[0] ?? 1 }]
    : workerCounts.map((workers) => ({ engine, workers })),
);
const labelOf = (r: Pick<Row, "engine" | "workers">): string =>
  `${r.engine ?? ""}${workerCounts.length > 1 ? ` w${r.workers}` : ""}`;
const server = await startMinimalServer();
const rows: Row[] = [];
process.stdout.write(
  `open model, ${warmupS} s warmup + ${durationS} s, ${connections} connections, workers ${workerCounts.join(",")}${values["before-ref"] ? `, before = engine at ${values["before-ref"]}` : ""}; load average at start ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}\n${HEADER}`,
);
try {
  // Warm the server's and this process's JIT once.
  for (const engine of engines) await runOurs(server.url, 500, engine, workerCounts[0] ?? 1);
  for (let round = 1; round <= rounds; round++) {
    for (const rate of rates) {
      // Each engine, then the plain client and the floor, back to back: noise hits all alike.
      for (const [i, { engine, workers }] of runs.entries()) {
        const load1 = loadavg()[0] ?? 0;
        const row: Row = {
          engine: engine.name,
          workers,
          ...(await runOurs(server.url, rate, engine, workers)),
          round,
          load1,
        };
        if (i === runs.length - 1 && withPlain) {
          const plain = await runPlain(server.url, rate);
          const floor = await runFloor(server.url, rate);
          Object.assign(row, {
            floorCpuUsPerRequest: floor.cpuUsPerRequest,
            floorLagP99Ms: floor.lagP99Ms,
            plainP99Ms: plain.p99Ms,
            plainAnswered: plain.answered,
            plainScheduled: plain.scheduled,
          });
        }
        rows.push(row);
        printRow(row);
      }
    }
  }
} finally {
  server.child.kill("SIGTERM");
}

const median = (xs: number[]): number => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** Per rate: the median of the rounds, and whether every round was valid. */
function byRate(list: readonly Row[]): Map<number, { valid: string; figures: number[] }> {
  const out = new Map<number, { valid: string; figures: number[] }>();
  for (const rate of [...new Set(list.map((r) => r.rate))]) {
    const rs = list.filter((r) => r.rate === rate);
    out.set(rate, {
      valid: `${rs.filter((r) => r.valid).length}/${rs.length}`,
      figures: [
        median(rs.map((r) => r.sent / r.scheduled)),
        median(rs.map((r) => r.cpuUsPerRequest)),
        median(rs.map((r) => r.dispatchLagP99Ms)),
        median(rs.map((r) => r.correctedP99Ms)),
        median(rs.map((r) => r.serviceP99Ms)),
        median(rs.map((r) => r.plainP99Ms ?? Number.NaN)),
        median(rs.map((r) => r.floorCpuUsPerRequest ?? Number.NaN)),
        median(rs.map((r) => r.answeredPerS ?? Number.NaN)),
        median(rs.map((r) => r.floorLagP99Ms ?? Number.NaN)),
      ],
    });
  }
  return out;
}

const line = (label: string, rate: number, v: { valid: string; figures: number[] }): string => {
  const [sent, cpu, lag, corr, svc, plain, floor, answered, floorLag] = v.figures as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return `${String(rate).padStart(6)} ${label.padEnd(9)} valid ${v.valid.padEnd(4)} sent ${fmt(sent * 100, 1).padStart(5)} %  answered ${fmt(answered, 0).padStart(6)}/s  CPU ${fmt(cpu).padStart(7)} µs/req (floor ${fmt(floor).padStart(6)}, ×${fmt(cpu / floor, 2)})  lag p99 ${fmt(lag, 2).padStart(6)} ms (floor ${fmt(floorLag, 2)})  corr. p99 ${fmt(corr, 2).padStart(7)} ms  svc p99 ${fmt(svc, 2).padStart(6)} ms  plain p99 ${fmt(plain, 2).padStart(7)} ms\n`;
};

const labels = [...new Set(rows.filter((r) => r.engine !== "before").map(labelOf))];
// "before": measured in this run (--before-ref), else the figures saved in --before.
const beforeRows: Row[] | undefined = values["before-ref"]
  ? rows.filter((r) => r.engine === "before")
  : !values.save && values.before && existsSync(values.before)
    ? (JSON.parse(readFileSync(values.before, "utf8")) as { rows: Row[] }).rows
    : undefined;
const before = beforeRows ? byRate(beforeRows) : undefined;
process.stdout.write(
  `\nmedian of ${rounds} round(s) per rate; load average at end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(
      " ",
    )}${before ? `; "before" ${values["before-ref"] ? `= the engine at ${values["before-ref"]}, in this run` : `from ${values.before}`}` : ""}\n`,
);
const after = labels.map((label) => ({ label, byRate: byRate(rows.filter((r) => labelOf(r) === label)) }));
for (const rate of [...new Set(rates)]) {
  const b = before?.get(rate);
  if (b) process.stdout.write(line("before", rate, b));
  for (const a of after) {
    const v = a.byRate.get(rate);
    if (v) process.stdout.write(line(a.label || (before ? "after" : ""), rate, v));
  }
}
if (values.save) {
  writeFileSync(
    values.save,
    `${JSON.stringify({ date: new Date().toISOString(), workers: workerCounts, connections, warmupS, durationS, rows }, null, 2)}\n`,
  );
  process.stdout.write(`saved to ${values.save}\n`);
}
