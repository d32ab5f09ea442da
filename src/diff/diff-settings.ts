/**
 * The settings of a diff, typed, and their one parser from the command's options. Kept apart from
 * the engine (`run-diff.ts`) so that `bleepay-qa diff --help` and a usage error load no engine.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { BROKER_OPTIONS, DEFAULT_CONSUMER_VERSION_SELECTORS } from "../../contracts/broker-options.js";
import { OptionError, type OptionValuesOf, option } from "../options/index.js";
import type { PactSource } from "./pact-sources.js";

/** What a diff compares and against which pacts. */
export interface DiffSettings {
  /** The old spec file. */
  readonly base: string;
  /** The new spec file. */
  readonly head: string;
  /** Where the consumers' pacts come from (all of them; none: no pact is checked). */
  readonly pacts: readonly PactSource[];
}

/** The project's own spec: in the repository and in the installed package alike. */
export function ownSpecPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "openapi", "bleepay-vouchers.yaml");
    if (existsSync(candidate) && existsSync(join(dir, "package.json"))) return candidate;
    dir = dirname(dir);
  }
  return resolve("openapi", "bleepay-vouchers.yaml");
}

/** The options of `bleepay-qa diff`; the broker flags are verify's own. */
export const DIFF_OPTIONS = {
  base: option.string({
    valueName: "FILE",
    description: "The old spec, YAML or JSON (default: bleepay-qa's own openapi/bleepay-vouchers.yaml)",
  }),
  head: option.string({ valueName: "FILE", description: "The new spec, YAML or JSON (required)" }),
  "pact-dir": option.string({
    valueName: "DIR",
    env: "BLEEPAY_PACT_DIR",
    description:
      "Check the pacts of this folder, or this pact file (default: the payee app's pact, written afresh)",
  }),
  ...BROKER_OPTIONS,
  "no-pacts": option.flag({
    description: "Check no pact: the spec findings only (wins over --pact-dir and --broker-url)",
  }),
  "reports-dir": option.string({
    valueName: "DIR",
    env: "BLEEPAY_REPORTS_DIR",
    default: "reports",
    description: "Where diff.json, diff.md and junit-diff.xml are written",
  }),
};

/** The diff's options, typed. */
export type DiffOptionValues = OptionValuesOf<typeof DIFF_OPTIONS>;

/**
 * Resolves the options into settings. Throws a usage error naming the option when one is wrong.
 *
 * @example
 * parseDiffSettings(readOptions(DIFF_OPTIONS, { head: "new.yaml", "no-pacts": true }));
 * // { base: ".../openapi/bleepay-vouchers.yaml", head: "new.yaml", pacts: [] }
 */
export function parseDiffSettings(o: DiffOptionValues): DiffSettings {
  const head = o.head;
  if (head === undefined || head === "")
    throw new OptionError("--head expects the new spec file, e.g. --head openapi/bleepay-vouchers.yaml");
  const base = o.base ?? ownSpecPath();
  if (base === "") throw new OptionError("--base expects the old spec file");
  const selectors = o.consumerVersionSelector;
  if (selectors.length && o.brokerUrl === undefined)
    throw new OptionError("--consumer-version-selector needs a Pact Broker: give --broker-url");
  // --no-pacts wins over a pact folder or broker a CI job's environment names for verify.
  if (o.noPacts) return { base, head, pacts: [] };
  // Like verify: a pact folder and a broker together are both read.
  const pacts: PactSource[] = [];
  if (o.pactDir !== undefined) pacts.push({ kind: "dir", path: resolve(o.pactDir) });
  if (o.brokerUrl !== undefined) {
    pacts.push({
      kind: "broker",
      url: o.brokerUrl,
      token: o.brokerToken,
      consumerVersionSelectors: selectors.length ? selectors : [...DEFAULT_CONSUMER_VERSION_SELECTORS],
    });
  }
  return { base, head, pacts: pacts.length ? pacts : [{ kind: "fresh" }] };
}
