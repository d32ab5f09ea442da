/**
 * Resolves the target of a run: the embedded reference provider on a free port, or the provider at
 * `--base-url`, checked to answer HTTP within 5 s before any stage starts.
 */

import { OptionError, type OptionSet, type OptionValuesOf, option } from "../options/index.js";
import { DEVELOPMENT_TOKEN } from "../provider/defaults.js";
import {
  OPEN_SESSION_PATH,
  parseRuleOverride,
  RULES_POLICIES,
  type RuleId,
  type RuleVerdict,
  type VerdictPolicy,
} from "../rules/index.js";
import { PROVIDER_STATES_PATH } from "../rules/provider-states.js";
import type { Target } from "../stages/stage.js";
import { CliError, usageError } from "./cli-error.js";
import { EXIT } from "./exit-codes.js";

/** The options every command that talks to a target shares. */
export const TARGET_OPTIONS = {
  "base-url": option.url({
    env: "BLEEPAY_BASE_URL",
    description: "Provider to test; absent: start the embedded reference provider on a free port",
  }),
  token: option.string({
    valueName: "TOKEN",
    env: "BLEEPAY_TOKEN",
    secret: true,
    description: "Payee bearer token (required with --base-url; never printed or written)",
  }),
  "state-setup-url": option.url({
    env: "BLEEPAY_STATE_SETUP_URL",
    description: "Pact provider-state endpoint of the target (embedded: its own)",
  }),
  "reports-dir": option.string({
    valueName: "DIR",
    env: "BLEEPAY_REPORTS_DIR",
    default: "reports",
    description: "Where reports are written",
  }),
  rules: option.choice({
    valueName: "POLICY",
    choices: RULES_POLICIES,
    default: "doc",
    env: "BLEEPAY_RULES",
    description:
      "Which findings fail: doc (the API doc's rules; a finding on an assumption of the spec is a deviation) or spec (every rule)",
  }),
  rule: option.list({
    valueName: "ID=VERDICT",
    description: "Override one rule's verdict: off, warn or fail (e.g. json-media-type=fail)",
    item: (text: string, name: string): [RuleId, RuleVerdict] => {
      const parsed = parseRuleOverride(text);
      if (typeof parsed === "string") throw new OptionError(`--${name} ${parsed}`);
      return parsed;
    },
  }),
} satisfies OptionSet;

/** The verdict policy the target options ask for. */
export function policyOf(options: Pick<TargetOptions, "rules" | "rule">): VerdictPolicy {
  return { policy: options.rules, overrides: Object.fromEntries(options.rule) };
}

/** The target options, read. */
export type TargetOptions = OptionValuesOf<typeof TARGET_OPTIONS>;

/** A resolved target and how to let it go. */
export interface ResolvedTarget extends Target {
  /** Stops the embedded provider (no-op for a remote target). */
  close(): Promise<void>;
}

const PREFLIGHT_TIMEOUT_MS = 5_000;

/** Why a connection failed, as a short phrase. */
export function describeConnectionError(error: unknown): string {
  const e = error as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return "no answer within 5 s";
  const code = e?.cause?.code;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return "connection reset";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "host not found";
  if (code?.startsWith("HPE_")) return "the answer is not HTTP";
  return code ?? e?.cause?.message ?? e?.message ?? String(error);
}

/**
 * Checks that a URL answers HTTP at all (any status will do).
 * Throws a `CliError` (exit 2) naming the URL and the cause.
 */
export async function checkReachable(baseUrl: string, timeoutMs = PREFLIGHT_TIMEOUT_MS): Promise<void> {
  const url = `${baseUrl}${OPEN_SESSION_PATH}`;
  try {
    const response = await fetch(url, { method: "HEAD", signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
  } catch (error) {
    throw new CliError(`cannot reach ${baseUrl}: ${describeConnectionError(error)}`, EXIT.usage, {
      cause: error,
    });
  }
}

/** Starts the embedded provider or checks the remote one, from the target options. */
export async function resolveTarget(options: TargetOptions): Promise<ResolvedTarget> {
  const { baseUrl, stateSetupUrl, token } = options;
  if (token !== undefined && token.trim().length === 0) throw usageError("--token must not be empty");
  if (baseUrl === undefined) {
    // Loaded on use: a run against --base-url, and every command's --help, need no provider.
    const { createReferenceProvider } = await import("../provider/create-reference-provider.js");
    const provider = createReferenceProvider({ tokens: [token ?? DEVELOPMENT_TOKEN] });
    const url = await provider.listen(0, "127.0.0.1");
    return {
      baseUrl: url,
      token: token ?? DEVELOPMENT_TOKEN,
      stateSetupUrl: stateSetupUrl ?? `${url}${PROVIDER_STATES_PATH}`,
      embedded: true,
      close: () => provider.close(1_000),
    };
  }
  if (token === undefined) {
    throw usageError(`a token is required for ${baseUrl}: give --token or set BLEEPAY_TOKEN`);
  }
  await checkReachable(baseUrl);
  return { baseUrl, token, stateSetupUrl, embedded: false, close: async () => {} };
}
