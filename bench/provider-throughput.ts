/**
 * Throughput of the reference provider, measured side by side in one run against
 *   (a) a minimal `node:http` server answering the same 200 JSON (bench/minimal-server.ts),
 *   (b) the reference provider, built, as a user runs it (`bleepay-qa serve` from dist/),
 *   (c) a Prism mock server of the same spec (`prism mock openapi/bleepay-vouchers.yaml`).
 * wrk drives each with valid Open Session requests (a code minted through the provider-state
 * endpoint, the bearer header), the three alternating round after round so drift and noise hit
 * all alike. It prints requests/s and p99 per server and the ratios against the targets:
 * provider/minimal ≥ 0.80, provider/prism ≥ 10. Exit code 1 when a target is missed.
 *
 * Run by hand (never in `npm test`):
 *   npm run bench:provider                      # 5 rounds × 6 s, 50 connections
 *   npm run bench:provider -- --rounds 5 --duration 15 --connections 50
 *   npm run bench:provider -- --profile /tmp/prof   # also writes a .cpuprofile of the provider
 *
 * Needs:
 *   - wrk on the PATH (`apt-get install wrk`).
 *   - Prism, which is large and so lives in bench/'s own package.json and lock file, apart from
 *     the main install. The script runs `npm ci --prefix bench` itself when bench/node_modules is
 *     missing.
 * All traffic goes to 127.0.0.1; every server is a child process stopped at the end.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { OPEN_SESSION_PATH, SESSION_TYPE } from "../src/rules/index.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BENCH = join(ROOT, "bench");
// Not a real credential: the benchmark's own provider accepts it.
const TOKEN = "bench-token-not-a-secret";
const TARGET_VS_MINIMAL = 0.8;
const TARGET_VS_PRISM = 10;

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "5" },
    duration: { type: "string", default: "6" },
    connections: { type: "string", default: "50" },
    warmup: { type: "string", default: "3" },
    profile: { type: "string" },
  },
});
const positive = (name: keyof typeof args): number => {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`bench: --${name} expects a whole number ≥ 1, got ${String(args[name])}\n`);
    process.exit(2);
  }
  return value;
};
const rounds = positive("rounds");
const durationS = positive("duration");
const connections = positive("connections");
const warmupS = positive("warmup");

/** One server under test. */
interface Contender {
  readonly name: string;
  readonly child: ChildProcess;
  readonly baseUrl: string;
}

/** What wrk measured in one run. */
interface WrkRun {
  readonly requests: number;
  readonly rps: number;
  readonly p99Ms: number;
  readonly errors: number;
  /** CPU time the server process spent per request, in microseconds (Linux; NaN elsewhere). */
  cpuUsPerRequest: number;
}

const CLOCK_TICKS = ((): number => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU seconds (user + system) a process has used so far, from /proc. Unlike requests/s it does not
 * depend on how much of the machine other processes took, so it compares servers fairly on a
 * shared machine.
 */
function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start at state: utime is 14th overall.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

function requireWrk(): void {
  try {
    execFileSync("wrk", ["--version"], { stdio: "ignore" });
  } catch (error) {
    // wrk --version exits 1 after printing its version; only a missing binary matters.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      process.stderr.write("bench: wrk is not installed: apt-get install wrk\n");
      process.exit(2);
    }
  }
}

function ensurePrism(): string {
  const bin = join(BENCH, "node_modules", ".bin", "prism");
  if (!existsSync(bin)) {
    process.stderr.write("bench: installing Prism into bench/node_modules (npm ci --prefix bench)…\n");
    execFileSync("npm", ["ci", "--prefix", BENCH, "--no-audit", "--no-fund"], { stdio: "inherit" });
  }
  return bin;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Starts a server process and waits until `ready` matches a line of its output. */
function startServer(
  name: string,
  command: string,
  argv: string[],
  ready: RegExp,
  baseUrl: (match: RegExpExecArray) => string,
): Promise<Contender> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let seen = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${name} did not start within 60 s; its output:\n${seen.slice(-2000)}`));
    }, 60_000);
    const onData = (chunk: Buffer): void => {
      if (seen.length < 100_000) seen += chunk.toString();
      const match = ready.exec(seen);
      if (match) {
        clearTimeout(timer);
        // Keep draining its output (Prism logs every request) so a full pipe never stalls it.
        resolve({ name, child, baseUrl: baseUrl(match) });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready; its output:\n${seen.slice(-2000)}`));
    });
  });
}

async function mintCode(providerUrl: string): Promise<string> {
  const response = await fetch(`${providerUrl}/_pact/provider-states`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ state: "a context code has been shared by the payer", action: "setup" }),
  });
  const body = (await response.json()) as { code?: unknown };
  if (typeof body.code !== "string")
    throw new Error(`the provider-state call answered ${JSON.stringify(body)}`);
  return body.code;
}

/** Checks a server answers the benchmark's request with 200, so wrk measures real answers. */
async function checkAnswers(contender: Contender, body: string): Promise<void> {
  const response = await fetch(`${contender.baseUrl}${OPEN_SESSION_PATH}`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body,
  });
  const text = await response.text();
  if (response.status !== 200) {
    throw new Error(`${contender.name} answered ${response.status} to the benchmark request: ${text}`);
  }
}

function wrkScript(dir: string, body: string): string {
  const path = join(dir, "open-session.lua");
  // done() prints one JSON line so the figures are read exactly, not scraped from wrk's table.
  writeFileSync(
    path,
    `wrk.method = "POST"
wrk.body = '${body}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer ${TOKEN}"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK_JSON {"requests":%d,"duration_us":%d,"p99_us":%d,"errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))
end
`,
  );
  return path;
}

function runWrk(url: string, script: string, seconds: number): WrkRun {
  const output = execFileSync(
    "wrk",
    ["-t1", `-c${connections}`, `-d${seconds}s`, "--timeout", "5s", "-s", script, url],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  );
  const line = /WRK_JSON (\{.*\})/.exec(output)?.[1];
  if (!line) throw new Error(`wrk printed no figures:\n${output}`);
  const figures = JSON.parse(line) as {
    requests: number;
    duration_us: number;
    p99_us: number;
    errors: number;
  };
  return {
    requests: figures.requests,
    rps: figures.requests / (figures.duration_us / 1e6),
    p99Ms: figures.p99_us / 1000,
    errors: figures.errors,
    cpuUsPerRequest: Number.NaN,
  };
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

async function main(): Promise<void> {
  requireWrk();
  const prism = ensurePrism();
  const providerBin = join(ROOT, "bin", "bleepay-qa.js");
  if (!existsSync(join(ROOT, "dist", "src", "cli", "run.js"))) {
    process.stderr.write("bench: dist/ is missing: run `npm run build` (npm run bench:provider does)\n");
    process.exit(2);
  }
  const profileArgs = args.profile ? ["--cpu-prof", "--cpu-prof-dir", args.profile] : [];
  const contenders: Contender[] = [];
  const work = mkdtempSync(join(tmpdir(), "bleepay-bench-"));
  try {
    contenders.push(
      await startServer(
        "minimal",
        process.execPath,
        ["--import", "tsx", join(BENCH, "minimal-server.ts"), "0"],
        /listening on (http:\/\/\S+)/,
        (m) => m[1] as string,
      ),
    );
    contenders.push(
      await startServer(
        "provider",
        process.execPath,
        [...profileArgs, providerBin, "serve", "--port", "0", "--token", TOKEN],
        /listening on (http:\/\/\S+)/,
        (m) => m[1] as string,
      ),
    );
    const prismPort = await freePort();
    contenders.push(
      await startServer(
        "prism",
        prism,
        ["mock", join(ROOT, "openapi", "bleepay-vouchers.yaml"), "-h", "127.0.0.1", "-p", String(prismPort)],
        /Prism is listening on (http:\/\/\S+)/,
        () => `http://127.0.0.1:${prismPort}`,
      ),
    );
    const provider = contenders[1] as Contender;
    const code = await mintCode(provider.baseUrl);
    const body = JSON.stringify({ code, type: SESSION_TYPE });
    for (const c of contenders) await checkAnswers(c, body);
    const script = wrkScript(work, body);

    process.stdout.write(
      `wrk -t1 -c${connections}, ${rounds} rounds × ${durationS} s, after ${warmupS} s warm-up each; node ${process.version}\n`,
    );
    for (const c of contenders) runWrk(`${c.baseUrl}${OPEN_SESSION_PATH}`, script, warmupS);

    const runs = new Map<string, WrkRun[]>(contenders.map((c) => [c.name, []]));
    for (let round = 1; round <= rounds; round++) {
      // Alternate the order each round so no server always runs first (or last) in a round.
      const order = round % 2 ? contenders : [...contenders].reverse();
      for (const c of order) {
        const cpuBefore = cpuSeconds(c.child.pid);
        const run = runWrk(`${c.baseUrl}${OPEN_SESSION_PATH}`, script, durationS);
        run.cpuUsPerRequest = ((cpuSeconds(c.child.pid) - cpuBefore) * 1e6) / run.requests;
        runs.get(c.name)?.push(run);
        process.stdout.write(
          `  round ${round}  ${c.name.padEnd(9)} ${run.rps.toFixed(0).padStart(8)} req/s   p99 ${run.p99Ms.toFixed(2).padStart(7)} ms   CPU ${run.cpuUsPerRequest.toFixed(1).padStart(7)} µs/req   errors ${run.errors}\n`,
        );
      }
    }

    const summary = contenders.map((c) => {
      const list = runs.get(c.name) ?? [];
      return {
        name: c.name,
        rps: median(list.map((r) => r.rps)),
        p99Ms: median(list.map((r) => r.p99Ms)),
        cpuUs: median(list.map((r) => r.cpuUsPerRequest)),
        errors: list.reduce((n, r) => n + r.errors, 0),
      };
    });
    process.stdout.write("\nmedian of rounds\n");
    for (const s of summary) {
      process.stdout.write(
        `  ${s.name.padEnd(9)} ${s.rps.toFixed(0).padStart(8)} req/s   p99 ${s.p99Ms.toFixed(2).padStart(7)} ms   CPU ${s.cpuUs.toFixed(1).padStart(7)} µs/req   errors ${s.errors}\n`,
      );
    }
    const [, ours] = summary as [(typeof summary)[0], (typeof summary)[0], (typeof summary)[0]];
    // Ratios are taken within each round (the servers ran back to back), then the median of the
    // rounds: on a shared machine this cancels drift that medians of each server alone would keep.
    const ratios = (a: string, b: string): number[] => {
      const as = runs.get(a) ?? [];
      const bs = runs.get(b) ?? [];
      return as.map((run, i) => run.rps / (bs[i]?.rps ?? Number.NaN));
    };
    const perRoundMinimal = ratios("provider", "minimal");
    const perRoundPrism = ratios("provider", "prism");
    const vsMinimal = median(perRoundMinimal);
    const vsPrism = median(perRoundPrism);
    const verdict = (ok: boolean): string => (ok ? "MET" : "MISSED");
    const list = (xs: number[], digits: number): string => xs.map((x) => x.toFixed(digits)).join(", ");
    process.stdout.write(
      `\nprovider/minimal ${vsMinimal.toFixed(2)} (target ≥ ${TARGET_VS_MINIMAL}: ${verdict(vsMinimal >= TARGET_VS_MINIMAL)}; rounds ${list(perRoundMinimal, 2)})\n`,
    );
    process.stdout.write(
      `provider/prism   ${vsPrism.toFixed(1)} (target ≥ ${TARGET_VS_PRISM}: ${verdict(vsPrism >= TARGET_VS_PRISM)}; rounds ${list(perRoundPrism, 1)})\n`,
    );
    const [minimalCpu, , prismCpu] = summary.map((x) => x.cpuUs);
    process.stdout.write(
      `CPU per request: provider/minimal ${((minimalCpu ?? Number.NaN) / ours.cpuUs).toFixed(2)}, provider/prism ${((prismCpu ?? Number.NaN) / ours.cpuUs).toFixed(1)} (inverse CPU-cost ratios: what requests/s would show on an idle machine; not affected by other load)\n`,
    );
    if (ours.errors > 0)
      process.stdout.write(`provider errors: ${ours.errors} (non-2xx, timeouts or socket errors)\n`);
    process.exitCode =
      vsMinimal >= TARGET_VS_MINIMAL && vsPrism >= TARGET_VS_PRISM && ours.errors === 0 ? 0 : 1;
  } finally {
    for (const c of contenders) c.child.kill("SIGTERM");
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
