/**
 * `bleepay-qa verify`: Pact's Verifier against the target, with pacts from a folder or a Pact
 * Broker, provider states through the target's state-change endpoint, and the real token swapped
 * in for the pacts' placeholder only.
 */
import { stat } from "node:fs/promises";
import { dirname } from "node:path";
import { usageError } from "../src/cli/cli-error.js";
import {
  durationOption,
  flagOption,
  listOption,
  type OptionValues,
  stringOption,
  urlOption,
} from "../src/cli/options.js";
import { PROVIDER_STATES_PATH } from "../src/rules/provider-states.js";
import { createCoverageTally, pactInteractionAnswer } from "../src/stages/coverage.js";
import { overallOutcome, type Stage, type StageResult } from "../src/stages/stage.js";
import { PACT_DIR_OPTION, pactDirOf, readPactFiles } from "./pact-dir.js";
import { PLACEHOLDER_TOKEN, PROVIDER_NAME } from "./pact-names.js";
import { reproduceInteraction } from "./verify/reproduce.js";
import { runVerification } from "./verify/run-verification.js";
import { verificationChecks } from "./verify/verification-checks.js";
import type { BrokerSource, VerificationJob } from "./verify/verification-job.js";

/** Parses the repeated `--consumer-version-selector` JSON objects. */
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

/** The broker source from the options, or `undefined` without `--broker-url`. */
function brokerOf(values: OptionValues): BrokerSource | undefined {
  const url = urlOption(values, "broker-url");
  const selectors = selectorsOf(values);
  const wip = stringOption(values, "include-wip-pacts-since");
  const pending = flagOption(values, "enable-pending");
  if (url === undefined) {
    const brokerOnly = [
      "consumer-version-selector",
      "include-wip-pacts-since",
      "enable-pending",
      "publish-verification-results",
    ];
    const given = brokerOnly.find(
      (name) =>
        values[name] !== undefined &&
        values[name] !== false &&
        !(Array.isArray(values[name]) && (values[name] as unknown[]).length === 0),
    );
    if (given) throw usageError(`--${given} needs a Pact Broker: give --broker-url`);
    return undefined;
  }
  if (wip !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(wip) || Number.isNaN(Date.parse(wip))) {
      throw usageError(`--include-wip-pacts-since expects a date YYYY-MM-DD, got ${JSON.stringify(wip)}`);
    }
    // The broker computes WIP pacts from pending status: WIP without pending would verify nothing new.
    if (!pending) throw usageError("--include-wip-pacts-since needs --enable-pending");
  }
  return {
    url,
    token: stringOption(values, "broker-token"),
    consumerVersionSelectors: selectors.length
      ? selectors
      : [{ mainBranch: true }, { deployedOrReleased: true }],
    enablePending: pending,
    includeWipPactsSince: wip,
  };
}

/** Verify's result when `all` skipped contracts and no pact was there to verify. */
function notRunForLackOfPacts(dir: string, durationMs: number): StageResult {
  return {
    stage: "verify",
    outcome: "not-run",
    summary: "nothing to verify: contracts was skipped and no pact was there",
    checks: [
      {
        name: "the target honours the pacts",
        outcome: "not-run",
        detail: `no pact for ${PROVIDER_NAME} in ${dir}, and contracts (which writes them) was skipped`,
      },
    ],
    figures: { interactions: 0, failed: 0 },
    durationMs,
  };
}

/** The verify stage. */
export const verifyStage: Stage = {
  name: "verify",
  summary: "Verify the target against the pacts (Pact Verifier), with provider states and the real token",
  help: `
Runs Pact's Verifier against the target: the embedded reference provider by default, or
--base-url with --token. Pacts come from the pact folder (what 'bleepay-qa contracts' wrote) or
from a Pact Broker (--broker-url). Provider states go to --state-setup-url with Pact's
state-change protocol (the embedded provider uses its own ${PROVIDER_STATES_PATH}); a state that
cannot be set up fails its interaction, naming the state. The real token replaces the pacts'
placeholder token "${PLACEHOLDER_TOKEN}" and nothing else: the 401 interactions keep their
missing or unknown token. The token is never printed or written. Each interaction is reported
with the field and the expected and actual values; reports/junit-verify.xml is written. Exit 1
when an interaction fails, 2 when the provider cannot be reached or an option is wrong.

Examples:
  bleepay-qa contracts && bleepay-qa verify
  bleepay-qa verify --base-url https://staging.example --token "$BLEEPAY_TOKEN" \\
    --state-setup-url https://staging.example/_pact/provider-states
  bleepay-qa verify --base-url https://staging.example --token "$BLEEPAY_TOKEN" \\
    --state-setup-url https://staging.example/_pact/provider-states \\
    --broker-url https://broker.example --broker-token "$PACT_BROKER_TOKEN" \\
    --consumer-version-selector '{"mainBranch":true}' --enable-pending \\
    --provider-version "$GIT_SHA" --provider-branch main --publish-verification-results`,
  options: {
    "pact-dir": PACT_DIR_OPTION,
    "broker-url": {
      type: "string",
      valueName: "URL",
      env: "PACT_BROKER_BASE_URL",
      description: "Fetch pacts from this Pact Broker instead of the pact folder",
    },
    "broker-token": {
      type: "string",
      valueName: "TOKEN",
      env: "PACT_BROKER_TOKEN",
      description: "The broker's bearer token (never printed or written)",
    },
    "consumer-version-selector": {
      type: "string",
      valueName: "JSON",
      multiple: true,
      description: `Which consumer versions to verify, as JSON (default {"mainBranch":true} and {"deployedOrReleased":true})`,
    },
    "provider-version": {
      type: "string",
      valueName: "VERSION",
      env: "PACT_PROVIDER_VERSION",
      description: "The provider's version (e.g. the git SHA); needed to publish results",
    },
    "provider-branch": {
      type: "string",
      valueName: "BRANCH",
      env: "PACT_PROVIDER_BRANCH",
      description: "The provider's branch, for the broker's pending and WIP calculation",
    },
    "publish-verification-results": {
      type: "boolean",
      description: "Publish the results to the broker (needs --broker-url and --provider-version)",
    },
    "enable-pending": { type: "boolean", description: "Pending pacts: their failures do not fail the run" },
    "include-wip-pacts-since": {
      type: "string",
      valueName: "DATE",
      description:
        "Also verify work-in-progress pacts published since DATE (YYYY-MM-DD; needs --enable-pending)",
    },
    "request-timeout": {
      type: "string",
      valueName: "DURATION",
      default: "10s",
      description: "Timeout of each request to the provider and to the state endpoint",
    },
  },
  timeoutOption: "request-timeout",
  async run({ target, values, reportsDir, out, signal, skipped }) {
    const started = performance.now();
    const brokerToken = stringOption(values, "broker-token");
    out.addSecret(brokerToken);
    const broker = brokerOf(values);
    const providerVersion = stringOption(values, "provider-version");
    const providerBranch = stringOption(values, "provider-branch");
    const publish = flagOption(values, "publish-verification-results");
    if (publish && providerVersion === undefined) {
      throw usageError("--publish-verification-results needs --provider-version");
    }
    const requestTimeoutMs = durationOption(values, "request-timeout", {
      minMs: 100,
      maxMs: 300_000,
      fallbackMs: 10_000,
    });
    const pactSources: string[] = [];
    const localPacts: unknown[] = [];
    if (!broker || stringOption(values, "pact-dir") !== undefined) {
      const dir = pactDirOf(values, reportsDir);
      const isFile = await stat(dir).then(
        (s) => s.isFile(),
        () => false,
      );
      const files = isFile
        ? (await readPactFiles(dirname(dir))).filter((f) => f.path === dir)
        : await readPactFiles(dir);
      // The verifier itself skips pacts of other providers; so do the curl reproductions.
      const pacts = files.filter((f) => f.pact?.provider?.name === PROVIDER_NAME);
      // In `all --skip contracts` on a fresh reports folder, no pact is the expected state, not a
      // mistake: nothing to verify, so not run (never passed), and `all` goes on. Run on its own,
      // or with a broker to read instead, it stays a usage error.
      if (pacts.length === 0 && !broker && skipped?.includes("contracts")) {
        return notRunForLackOfPacts(dir, performance.now() - started);
      }
      if (pacts.length === 0) {
        throw usageError(
          `no pact for ${PROVIDER_NAME} in ${dir}: run 'bleepay-qa contracts' first, or give --pact-dir or --broker-url`,
        );
      }
      pactSources.push(dir);
      localPacts.push(...pacts.map((f) => f.pact));
    }
    const debug = process.env.BLEEPAY_QA_DEBUG === "1";
    const job: VerificationJob = {
      provider: PROVIDER_NAME,
      providerBaseUrl: target.baseUrl,
      token: target.token,
      placeholderToken: PLACEHOLDER_TOKEN,
      stateSetupUrl: target.stateSetupUrl,
      pactSources,
      broker,
      publish: publish && providerVersion ? { providerVersion, providerBranch } : undefined,
      providerVersion,
      providerBranch,
      requestTimeoutMs,
      ...(debug ? { logLevel: "debug" as const } : {}),
    };
    // Debug logging shows Pact's own log, each line redacted, prefixed so it stands apart.
    const outcome = await runVerification(job, {
      signal,
      ...(debug ? { onLog: (line: string) => out.error(`pact: ${line}`) } : {}),
    });
    const checks = verificationChecks(outcome, [target.token, brokerToken]).map((check) => {
      const reproduce =
        check.outcome === "failed"
          ? reproduceInteraction(localPacts, check.name, target.baseUrl, PLACEHOLDER_TOKEN)
          : undefined;
      return reproduce ? { ...check, reproduce } : check;
    });
    const failed = checks.filter((c) => c.outcome === "failed").length;
    const passed = checks.filter((c) => c.outcome === "passed").length;
    const pending = checks.length - failed - passed;
    // Each verified interaction's promised answer, read from the local pacts (broker pacts are
    // not read here, so their interactions leave no coverage).
    const coverage = createCoverageTally();
    const promised = localPacts.flatMap((p) => (p as { interactions?: unknown[] }).interactions ?? []);
    for (const check of checks) {
      const interaction = promised.find((i) => (i as { description?: unknown }).description === check.name);
      const answer = pactInteractionAnswer(interaction);
      if (answer) coverage.add("provider verification", answer, check.outcome);
    }
    return {
      stage: "verify",
      outcome: overallOutcome(checks),
      summary: `${passed} of ${checks.length} interactions verified, ${failed} failed${pending ? `, ${pending} pending` : ""}`,
      checks,
      figures: { interactions: checks.length, failed },
      coverage: coverage.cells(),
      durationMs: performance.now() - started,
    };
  },
};
