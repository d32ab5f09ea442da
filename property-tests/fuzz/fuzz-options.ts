/**
 * The fuzz stage's options and their readers. Each bad value is one line naming the option and
 * what it expects (exit 2).
 */
import { OptionError, type OptionValuesOf, option } from "../../src/options/index.js";
import { requestTimeoutOption } from "../../src/stages/request-timeout.js";

/** Default inputs per property: with the bursts and model sequences, over 2,000 requests. */
export const DEFAULT_RUNS = 300;

const INT32 = 2 ** 31;

/** The options of `bleepay-qa fuzz`. */
export const FUZZ_OPTIONS = {
  runs: option.int({
    default: DEFAULT_RUNS,
    min: 1,
    max: 100_000,
    description:
      "Inputs per property (expired codes: a tenth; model sequences: a fifth; bursts: a twentieth)",
  }),
  seed: option.custom({
    valueName: "N",
    env: "BLEEPAY_FUZZ_SEED",
    description: "Seed of the run (default: random, printed); a seed always draws the same inputs",
    read: (raw, name): number | undefined => {
      if (raw === undefined) return undefined;
      const value = Number(raw.trim());
      if (!/^\s*-?\d+\s*$/.test(raw) || value < -INT32 || value >= INT32) {
        throw new OptionError(
          `--${name} expects a whole number from ${-INT32} to ${INT32 - 1}, got ${JSON.stringify(raw)}`,
        );
      }
      return value;
    },
  }),
  property: option.list({ valueName: "ID", description: "Run only this property; ids as listed above" }),
  path: option.string({
    valueName: "PATH",
    description: "Replay a failure's fast-check path (e.g. 17:2:0) with --seed and --property",
  }),
  timeout: requestTimeoutOption(
    "Per-request timeout, of the provider-state calls too; a request without an answer in time fails its property",
  ),
  "fail-fast": option.flag({
    description: "Stop every search once a property fails (that one is still shrunk; inputs stay the same)",
  }),
  concurrency: option.int({ default: 16, min: 1, max: 256, description: "Requests in flight at once" }),
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

/**
 * The fuzz settings from the typed options, checked against each other; `ids` are the known
 * property ids. A run without `--seed` draws one at random (printed, so it can be replayed).
 */
export function fuzzSettings(o: OptionValuesOf<typeof FUZZ_OPTIONS>, ids: readonly string[]): FuzzSettings {
  const properties = o.property;
  const unknown = properties.filter((p) => !ids.includes(p));
  if (unknown.length > 0) {
    throw new OptionError(`--property expects one of ${ids.join(", ")}, got ${unknown.join(", ")}`);
  }
  const path = o.path;
  if (path !== undefined) {
    if (!/^\d+(:\d+)*$/.test(path)) {
      throw new OptionError(`--path expects a fast-check path such as 17:2:0, got ${JSON.stringify(path)}`);
    }
    if (o.seed === undefined) throw new OptionError("--path replays a failure of one seed: give --seed too");
    if (new Set(properties).size !== 1) {
      throw new OptionError("--path replays one property's failure: give exactly one --property too");
    }
  }
  return {
    runs: o.runs,
    seed: o.seed ?? Math.floor(Math.random() * INT32),
    seedGiven: o.seed !== undefined,
    properties,
    path,
    timeoutMs: o.timeout,
    concurrency: o.concurrency,
    failFast: o.failFast,
  };
}
