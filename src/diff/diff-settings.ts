/**
 * The settings of a diff, typed, and their one parser from the command's options. Kept apart from
 * the engine (`run-diff.ts`) so that `bleepay-qa diff --help` and a usage error load no engine.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { verifyStage } from "../../contracts/verify-stage.js";
import { usageError } from "../cli/cli-error.js";
import {
  flagOption,
  listOption,
  type OptionDefinitions,
  type OptionValues,
  stringOption,
  urlOption,
} from "../cli/options.js";
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

const broker = verifyStage.options;

/** The options of `bleepay-qa diff`; the broker flags are verify's own. */
export const DIFF_OPTIONS: OptionDefinitions = {
  base: {
    type: "string",
    valueName: "FILE",
    description: "The old spec, YAML or JSON (default: bleepay-qa's own openapi/bleepay-vouchers.yaml)",
  },
  head: { type: "string", valueName: "FILE", description: "The new spec, YAML or JSON (required)" },
  "pact-dir": {
    type: "string",
    valueName: "DIR",
    env: "BLEEPAY_PACT_DIR",
    description:
      "Check the pacts of this folder, or this pact file (default: the payee app's pact, written afresh)",
  },
  "broker-url": broker["broker-url"] as OptionDefinitions[string],
  "broker-token": broker["broker-token"] as OptionDefinitions[string],
  "consumer-version-selector": broker["consumer-version-selector"] as OptionDefinitions[string],
  "no-pacts": {
    type: "boolean",
    description: "Check no pact: the spec findings only (wins over --pact-dir and --broker-url)",
  },
  "reports-dir": {
    type: "string",
    valueName: "DIR",
    env: "BLEEPAY_REPORTS_DIR",
    default: "reports",
    description: "Where diff.json, diff.md and junit-diff.xml are written",
  },
};

function selectorsOf(values: OptionValues): Record<string, unknown>[] {
  return listOption(values, "consumer-version-selector").map((raw) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw usageError(
        `--consumer-version-selector expects a JSON object such as '{"mainBranch":true}', got ${JSON.stringify(raw)}`,
      );
    }
    return parsed as Record<string, unknown>;
  });
}

/**
 * Resolves the options into settings. Throws a usage error naming the option when one is wrong.
 *
 * @example
 * parseDiffSettings({ head: "new.yaml", "no-pacts": true });
 * // { base: ".../openapi/bleepay-vouchers.yaml", head: "new.yaml", pacts: [] }
 */
export function parseDiffSettings(values: OptionValues): DiffSettings {
  const head = stringOption(values, "head");
  if (head === undefined || head === "")
    throw usageError("--head expects the new spec file, e.g. --head openapi/bleepay-vouchers.yaml");
  const base = stringOption(values, "base") ?? ownSpecPath();
  if (base === "") throw usageError("--base expects the old spec file");
  const pactDir = stringOption(values, "pact-dir");
  const brokerUrl = urlOption(values, "broker-url");
  const selectors = selectorsOf(values);
  const noPacts = flagOption(values, "no-pacts");
  if (selectors.length && brokerUrl === undefined)
    throw usageError("--consumer-version-selector needs a Pact Broker: give --broker-url");
  // --no-pacts wins over a pact folder or broker a CI job's environment names for verify.
  if (noPacts) return { base, head, pacts: [] };
  // Like verify: a pact folder and a broker together are both read.
  const pacts: PactSource[] = [];
  if (pactDir !== undefined) pacts.push({ kind: "dir", path: resolve(pactDir) });
  if (brokerUrl !== undefined) {
    pacts.push({
      kind: "broker",
      url: brokerUrl,
      token: stringOption(values, "broker-token"),
      consumerVersionSelectors: selectors.length
        ? selectors
        : [{ mainBranch: true }, { deployedOrReleased: true }],
    });
  }
  return { base, head, pacts: pacts.length ? pacts : [{ kind: "fresh" }] };
}
