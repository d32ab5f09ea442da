/**
 * The fuzz stage's options and their readers. Each bad value is one line naming the option and
 * what it expects (exit 2).
 */
import { usageError } from "../../src/cli/cli-error.js";
import {
  durationOption,
  flagOption,
  intOption,
  listOption,
  type OptionDefinitions,
  type OptionValues,
  stringOption,
} from "../../src/cli/options.js";

/** Default inputs per property: with the bursts and model sequences, over 2,000 requests. */
export const DEFAULT_RUNS = 300;

/** The options of `bleepay-qa fuzz`. */
export const FUZZ_OPTIONS: OptionDefinitions = {
  runs: {
    type: "string",
    valueName: "N",
    default: String(DEFAULT_RUNS),
    description:
      "Inputs per property (expired codes: a tenth; model sequences: a fifth; bursts: a twentieth)",
  },
  seed: {
    type: "string",
    valueName: "N",
    env: "BLEEPAY_FUZZ_SEED",
    description: "Seed of the run (default: random, printed); a seed always draws the same inputs",
  },
  property: {
    type: "string",
    valueName: "ID",
    multiple: true,
    description: "Run only this property; ids as listed above",
  },
  path: {
    type: "string",
    valueName: "PATH",
    description: "Replay a failure's fast-check path (e.g. 17:2:0) with --seed and --property",
  },
  timeout: {
    type: "string",
    valueName: "DURATION",
    default: "10s",
    description:
      "Per-request timeout, of the provider-state calls too; a request without an answer in time fails its property",
  },
  "fail-fast": {
    type: "boolean",
    description: "Stop every search once a property fails (that one is still shrunk; inputs stay the same)",
  },
  concurrency: {
    type: "string",
    valueName: "N",
    default: "16",
    description: "Requests in flight at once",
  },
};

/** The fuzz options, read and checked. */
export interface FuzzSettings {
  readonly runs: number;
  readonly seed: number;
  readonly seedGiven: boolean;
  /** Property ids to run (all when empty). */
  readonly properties: readonly string[];
  readonly path: string | undefined;
  readonly timeoutMs: number;
  readonly concurrency: number;
  /** Stop after the first failed property. */
  readonly failFast: boolean;
}

const INT32 = 2 ** 31;

/** Reads the fuzz options; `ids` are the known property ids. */
export function readFuzzSettings(values: OptionValues, ids: readonly string[]): FuzzSettings {
  const runs = intOption(values, "runs", { min: 1, max: 100_000, fallback: DEFAULT_RUNS });
  const concurrency = intOption(values, "concurrency", { min: 1, max: 256, fallback: 16 });
  const timeoutMs = durationOption(values, "timeout", { minMs: 100, maxMs: 120_000, fallbackMs: 10_000 });
  const rawSeed = stringOption(values, "seed");
  let seed = Math.floor(Math.random() * INT32);
  if (rawSeed !== undefined) {
    const value = Number(rawSeed.trim());
    if (!/^\s*-?\d+\s*$/.test(rawSeed) || value < -INT32 || value >= INT32) {
      throw usageError(
        `--seed expects a whole number from ${-INT32} to ${INT32 - 1}, got ${JSON.stringify(rawSeed)}`,
      );
    }
    seed = value;
  }
  const properties = listOption(values, "property");
  const unknown = properties.filter((p) => !ids.includes(p));
  if (unknown.length > 0) {
    throw usageError(`--property expects one of ${ids.join(", ")}, got ${unknown.join(", ")}`);
  }
  const path = stringOption(values, "path");
  if (path !== undefined) {
    if (!/^\d+(:\d+)*$/.test(path)) {
      throw usageError(`--path expects a fast-check path such as 17:2:0, got ${JSON.stringify(path)}`);
    }
    if (rawSeed === undefined) throw usageError("--path replays a failure of one seed: give --seed too");
    if (new Set(properties).size !== 1) {
      throw usageError("--path replays one property's failure: give exactly one --property too");
    }
  }
  return {
    runs,
    seed,
    seedGiven: rawSeed !== undefined,
    properties,
    path,
    timeoutMs,
    concurrency,
    failFast: flagOption(values, "fail-fast"),
  };
}
