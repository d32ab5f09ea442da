/**
 * Throughput of `bleepay-qa fuzz` against the embedded provider, as a user runs it: spawns the built
 * binary (run `npm run build` first; `npm run bench:fuzz` does) with a fixed seed at several
 * concurrencies, side by side in one run, and prints requests/s and wall time for each.
 * Usage: node --import tsx bench/fuzz-throughput.ts [--repeat N]
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const repeatAt = process.argv.indexOf("--repeat");
const repeat = repeatAt === -1 ? 3 : Number(process.argv[repeatAt + 1] ?? 3);
const SEED = "424242";
const CONCURRENCIES = ["16", "1", "4", "64"];

function run(args: string[]): Promise<{ code: number | null; wallMs: number; stdout: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, "bin", "bleepay-qa.js"), ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      stdout += text;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, wallMs: performance.now() - started, stdout }));
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const dir = await mkdtemp(join(tmpdir(), "bleepay-bench-fuzz-"));
try {
  console.log(
    `bleepay-qa fuzz, embedded provider, seed ${SEED}, default --runs, ${repeat} runs each (median)`,
  );
  console.log("concurrency  requests  wall s  fuzz s  requests/s (fuzz)  requests/s (wall)");
  for (const concurrency of CONCURRENCIES) {
    const walls: number[] = [];
    const fuzzTimes: number[] = [];
    let requests = 0;
    for (let i = 0; i < repeat; i++) {
      const reports = join(dir, `${concurrency}-${i}`);
      const { code, wallMs, stdout } = await run([
        "fuzz",
        "--seed",
        SEED,
        "--concurrency",
        concurrency,
        "--reports-dir",
        reports,
      ]);
      if (code !== 0) {
        console.log(
          stdout
            .split("\n")
            .filter((line) => !line.includes("PASS"))
            .join("\n"),
        );
        throw new Error(`bleepay-qa fuzz --concurrency ${concurrency} exited ${code}`);
      }
      const result = JSON.parse(await readFile(join(reports, "fuzz-result.json"), "utf8"));
      requests = result.figures.requests;
      walls.push(wallMs);
      fuzzTimes.push(result.durationMs);
    }
    const wall = median(walls);
    const fuzz = median(fuzzTimes);
    console.log(
      `${concurrency.padStart(11)}  ${String(requests).padStart(8)}  ${(wall / 1000).toFixed(2).padStart(6)}  ${(fuzz / 1000).toFixed(2).padStart(6)}  ${Math.round(
        requests / (fuzz / 1000),
      )
        .toString()
        .padStart(17)}  ${Math.round(requests / (wall / 1000))
        .toString()
        .padStart(17)}`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
