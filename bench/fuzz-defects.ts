/**
 * How many requests `bleepay-qa fuzz` (default settings) needs to find each defect of the
 * project's broken providers: the position of the first failing request in the run, median over
 * five seeds (properties run side by side, so requests interleave), which input of the property
 * that found it failed first, and which property that was. The conforming variant must never fail.
 * Usage: node --import tsx bench/fuzz-defects.ts [--seeds 1,2,3,4,5]
 */
import { fuzzStage } from "../property-tests/fuzz/fuzz-stage.js";
import { PROPERTIES } from "../property-tests/fuzz/properties/index.js";
import { runFuzz } from "../property-tests/fuzz/run-fuzz.js";
import { stageSettings } from "../src/stages/stage.js";
import { DEFECTS, startConformingVariant } from "../test-support/defective-providers/index.js";

const seedsAt = process.argv.indexOf("--seeds");
const SEEDS = (seedsAt === -1 ? "1,2,3,4,5" : (process.argv[seedsAt + 1] ?? "")).split(",");
const _ids = PROPERTIES.map((p) => p.id);

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const subjects = [
  ...DEFECTS,
  { id: "(conforming variant)", kind: "none", description: "follows the doc", start: startConformingVariant },
];
console.log(`seeds ${SEEDS.join(", ")}; default settings; --fail-fast (the first failure is the same)`);
console.log(
  "| defect | kind | caught | median requests | min–max | failing input of that property (median) | found by |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- |");
for (const subject of subjects) {
  const found: number[] = [];
  const within: number[] = [];
  const by = new Map<string, number>();
  for (const seed of SEEDS) {
    const provider = await subject.start();
    try {
      const run = await runFuzz(
        { baseUrl: provider.url, token: provider.token, stateSetupUrl: provider.stateSetupUrl },
        stageSettings(fuzzStage, { seed, "fail-fast": true }),
        AbortSignal.timeout(120_000),
      );
      const failed = run.reports.find((r) => r.outcome === "failed");
      if (failed?.failure) {
        found.push(failed.failure.foundAtRequest);
        within.push(failed.failure.foundAtInput);
        by.set(failed.id, (by.get(failed.id) ?? 0) + 1);
      }
    } finally {
      await provider.close();
    }
  }
  const range = found.length ? `${Math.min(...found)}–${Math.max(...found)}` : "–";
  console.log(
    `| ${subject.id} | ${subject.kind} | ${found.length}/${SEEDS.length} | ${found.length ? median(found) : "–"} | ${range} | ${within.length ? median(within) : "–"} | ${[...by].map(([id, n]) => `${id} ×${n}`).join(", ") || "–"} |`,
  );
}
