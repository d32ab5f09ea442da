/**
 * Wall time of `bleepay-qa contracts && bleepay-qa verify` against the embedded reference provider,
 * spawning the built binary as a user runs it. Side by side in the same rounds, for scale:
 * `bleepay-qa --help` (the CLI's start-up alone). Prints the median, min and max of each over the
 * runs and checks the target: the pair under 10 s. Exit code 1 when the target is missed.
 *
 * Run by hand (never in `npm test`):
 *   npm run bench:contracts                 # 5 runs
 *   npm run bench:contracts -- --runs 9
 *
 * Everything runs on 127.0.0.1; reports go to a temporary folder removed at the end.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "bin", "bleepay-qa.js");
const TARGET_MS = 10_000;

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 50) {
  console.error(`--runs expects a whole number from 1 to 50, got ${JSON.stringify(args.runs)}`);
  process.exit(2);
}

const reportsDir = mkdtempSync(join(tmpdir(), "bleepay-bench-contracts-"));

/** Runs the binary; returns its wall time in milliseconds, or exits when it fails. */
function timeCli(argv: string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [BIN, ...argv], {
    cwd: ROOT,
    env: { ...process.env, BLEEPAY_REPORTS_DIR: reportsDir, BLEEPAY_BASE_URL: "", BLEEPAY_TOKEN: "" },
    encoding: "utf8",
    timeout: 60_000,
  });
  const elapsed = performance.now() - started;
  if (run.status !== 0) {
    console.error(
      `bleepay-qa ${argv.join(" ")} exited ${run.status ?? run.signal}:\n${run.stdout}${run.stderr}`,
    );
    rmSync(reportsDir, { recursive: true, force: true });
    process.exit(2);
  }
  return elapsed;
}

const samples = {
  contracts: [] as number[],
  verify: [] as number[],
  pair: [] as number[],
  help: [] as number[],
};
try {
  for (let i = 0; i < runs; i++) {
    samples.help.push(timeCli(["--help"]));
    const contracts = timeCli(["contracts"]);
    const verify = timeCli(["verify"]);
    samples.contracts.push(contracts);
    samples.verify.push(verify);
    samples.pair.push(contracts + verify);
    process.stderr.write(
      `run ${i + 1}/${runs}: contracts ${(contracts / 1000).toFixed(2)} s, verify ${(verify / 1000).toFixed(2)} s\n`,
    );
  }
} finally {
  rmSync(reportsDir, { recursive: true, force: true });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

console.log(`bleepay-qa contracts && verify, embedded provider, ${runs} runs (wall time)`);
console.log(`  ${"command".padEnd(30)}${"median".padStart(9)}${"min".padStart(9)}${"max".padStart(9)}`);
for (const [name, values] of [
  ["--help (start-up only)", samples.help],
  ["contracts", samples.contracts],
  ["verify", samples.verify],
  ["contracts && verify", samples.pair],
] as const) {
  console.log(
    `  ${name.padEnd(30)}${s(median(values)).padStart(9)}${s(Math.min(...values)).padStart(9)}${s(Math.max(...values)).padStart(9)}`,
  );
}
const pairMedian = median(samples.pair);
const met = pairMedian < TARGET_MS;
console.log(
  `  target: contracts && verify under ${s(TARGET_MS)}: ${met ? "MET" : "MISSED"} (median ${s(pairMedian)})`,
);
process.exit(met ? 0 : 1);
