/**
 * The reference provider's code store against the `Map<string, number>` store it replaced (kept
 * below as the baseline), side by side in one run, each in its own process so memory figures do
 * not mix: memory at the cap and after a flood of 4× the cap, and the speed of minting and of
 * lookups (the provider's hot path asks `isUsable` once per valid request).
 *
 * Run by hand: `npm run bench:code-store` (or `-- --max-codes 2000000`, the provider's default).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { CodeStore } from "../src/provider/code-store.js";
import { RandomSource } from "../src/provider/random-source.js";
import { CODE_ALPHABET, CODE_LENGTH } from "../src/rules/index.js";

interface Store {
  share(): string;
  isUsable(code: string): boolean;
  readonly size: number;
}

/** The previous store: a Map in insertion order plus its own queue of codes to sweep from. */
class MapCodeStore implements Store {
  readonly #expiry = new Map<string, number>();
  #order: string[] = [];
  #head = 0;
  constructor(
    private readonly ttlMs: number,
    private readonly maxCodes: number,
    private readonly random: RandomSource,
  ) {}
  get size(): number {
    return this.#expiry.size;
  }
  isUsable(code: string): boolean {
    const expiresAt = this.#expiry.get(code);
    return expiresAt !== undefined && expiresAt > Date.now();
  }
  share(): string {
    const now = Date.now();
    while (this.#head < this.#order.length) {
      const code = this.#order[this.#head] as string;
      const expiresAt = this.#expiry.get(code);
      if (expiresAt !== undefined && expiresAt > now && this.#expiry.size < this.maxCodes) break;
      this.#expiry.delete(code);
      this.#head++;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#order.length) {
      this.#order = this.#order.slice(this.#head);
      this.#head = 0;
    }
    let code: string;
    do code = this.random.string(CODE_ALPHABET, CODE_LENGTH);
    while (this.#expiry.has(code));
    this.#expiry.set(code, now + this.ttlMs);
    this.#order.push(code);
    return code;
  }
}

interface Figures {
  variant: string;
  rssAtCapMb: number;
  heapAtCapMb: number;
  rssAfterFloodMb: number;
  heapAfterFloodMb: number;
  rssGrowthPastCap: number;
  sharesPerSecond: number;
  lookupsPerSecond: number;
}

const { values } = parseArgs({
  options: { variant: { type: "string" }, "max-codes": { type: "string", default: "1000000" } },
});
const maxCodes = Number(values["max-codes"]);
if (!Number.isSafeInteger(maxCodes) || maxCodes < 1000) {
  process.stderr.write(
    `bench:code-store: --max-codes expects a whole number ≥ 1000, got ${values["max-codes"]}\n`,
  );
  process.exit(2);
}

const gc = (globalThis as { gc?: () => void }).gc;

function measure(variant: string): Figures {
  const random = new RandomSource();
  const store: Store =
    variant === "typed-arrays"
      ? new CodeStore({ ttlMs: 3_600_000, maxCodes }, random)
      : new MapCodeStore(3_600_000, maxCodes, random);
  const settle = (): { rss: number; heap: number } => {
    gc?.();
    const usage = process.memoryUsage();
    return { rss: usage.rss / 2 ** 20, heap: (usage.heapUsed + usage.arrayBuffers) / 2 ** 20 };
  };
  for (let i = 0; i < maxCodes; i++) store.share();
  const atCap = settle();
  const floodStart = performance.now();
  let last = "";
  for (let i = 0; i < 4 * maxCodes; i++) last = store.share();
  const sharesPerSecond = (4 * maxCodes) / ((performance.now() - floodStart) / 1000);
  const afterFlood = settle();
  // Half hits, half misses, as a fuzz run or a load run with stale codes would send.
  const held = Array.from({ length: 1000 }, () => store.share());
  const probes = held.flatMap((code) => [code, `${code.slice(0, -1)}${code.endsWith("Z") ? "Y" : "Z"}`]);
  const lookups = 5_000_000;
  let hits = 0;
  const lookupStart = performance.now();
  for (let i = 0; i < lookups; i++) if (store.isUsable(probes[i % probes.length] as string)) hits++;
  const lookupsPerSecond = lookups / ((performance.now() - lookupStart) / 1000);
  if (hits === 0 || !store.isUsable(last) || store.size !== maxCodes)
    throw new Error(`${variant} lost codes`);
  return {
    variant,
    rssAtCapMb: atCap.rss,
    heapAtCapMb: atCap.heap,
    rssAfterFloodMb: afterFlood.rss,
    heapAfterFloodMb: afterFlood.heap,
    rssGrowthPastCap: afterFlood.rss / atCap.rss - 1,
    sharesPerSecond,
    lookupsPerSecond,
  };
}

if (values.variant) {
  process.stdout.write(JSON.stringify(measure(values.variant)));
} else {
  const self = fileURLToPath(import.meta.url);
  const run = (variant: string): Figures => {
    const child = spawnSync(
      process.execPath,
      ["--expose-gc", "--import", "tsx", self, "--variant", variant, "--max-codes", String(maxCodes)],
      { encoding: "utf8", maxBuffer: 1 << 20 },
    );
    if (child.status !== 0) throw new Error(`${variant} failed: ${child.stderr}`);
    return JSON.parse(child.stdout) as Figures;
  };
  process.stdout.write(
    `code store, cap ${maxCodes} codes, flood of ${4 * maxCodes} more (each variant in its own process)\n`,
  );
  const [typed, map] = [run("typed-arrays"), run("map")];
  const mb = (x: number): string => `${x.toFixed(0)} MB`;
  const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
  const k = (x: number): string => `${(x / 1000).toFixed(0)}k/s`;
  const rows: [string, (f: Figures) => string, string][] = [
    ["RSS at cap", (f) => mb(f.rssAtCapMb), `${(map.rssAtCapMb / typed.rssAtCapMb).toFixed(2)}× less`],
    [
      "heap+buffers at cap",
      (f) => mb(f.heapAtCapMb),
      `${(map.heapAtCapMb / typed.heapAtCapMb).toFixed(2)}× less`,
    ],
    [
      "RSS after flood",
      (f) => mb(f.rssAfterFloodMb),
      `${(map.rssAfterFloodMb / typed.rssAfterFloodMb).toFixed(2)}× less`,
    ],
    ["RSS growth past cap", (f) => pct(f.rssGrowthPastCap), ""],
    [
      "shares (at cap)",
      (f) => k(f.sharesPerSecond),
      `${(typed.sharesPerSecond / map.sharesPerSecond).toFixed(2)}×`,
    ],
    [
      "lookups",
      (f) => k(f.lookupsPerSecond),
      `${(typed.lookupsPerSecond / map.lookupsPerSecond).toFixed(2)}×`,
    ],
  ];
  process.stdout.write(`${"".padEnd(22)}${"typed arrays".padStart(14)}${"Map".padStart(14)}   typed/Map\n`);
  for (const [label, cell, ratio] of rows) {
    process.stdout.write(
      `${label.padEnd(22)}${cell(typed).padStart(14)}${cell(map).padStart(14)}   ${ratio}\n`,
    );
  }
}
