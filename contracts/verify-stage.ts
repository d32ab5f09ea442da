/**
 * `bleepay-qa verify`: Pact's Verifier against the target, with pacts from a folder or a Pact
 * Broker, provider states through the target's state-change endpoint, and the real token swapped
 * in for the pacts' placeholder only.
 */
import { stat } from "node:fs/promises";
import { dirname } from "node:path";
import { OptionError, type OptionValuesOf, option } from "../src/options/index.js";
import { PROVIDER_STATES_PATH } from "../src/rules/provider-states.js";
import { createCoverageTally, pactInteractionAnswer } from "../src/stages/coverage.js";
import {
  type CheckResult,
  defineStage,
  overallOutcome,
  StageInputError,
  type StageResult,
} from "../src/stages/stage.js";
import { redact } from "../src/util/redact.js";
import { BROKER_OPTIONS, DEFAULT_CONSUMER_VERSION_SELECTORS } from "./broker-options.js";
import { PACT_DIR_OPTION, pactDirOf, readPactFiles } from "./pact-dir.js";
import { PLACEHOLDER_TOKEN, PROVIDER_NAME } from "./pact-names.js";
import { explainFailures } from "./verify/explain-failures.js";
import { openVerificationWorker } from "./verify/run-verification.js";
import { verificationChecks } from "./verify/verification-checks.js";
import type { BrokerSource, VerificationJob } from "./verify/verification-job.js";

/** The options of `bleepay-qa verify`. */
const VERIFY_OPTIONS = {
  "pact-dir": PACT_DIR_OPTION,
  ...BROKER_OPTIONS,
  "provider-version": option.string({
    valueName: "VERSION",
    env: "PACT_PROVIDER_VERSION",
    description: "The provider's version (e.g. the git SHA); needed to publish results",
  }),
  "provider-branch": option.string({
    valueName: "BRANCH",
    env: "PACT_PROVIDER_BRANCH",
    description: "The provider's branch, for the broker's pending and WIP calculation",
  }),
  "publish-verification-results": option.flag({
    description: "Publish the results to the broker (needs --broker-url and --provider-version)",
  }),
  "enable-pending": option.flag({ description: "Pending pacts: their failures do not fail the run" }),
  "include-wip-pacts-since": option.string({
    valueName: "DATE",
    description:
      "Also verify work-in-progress pacts published since DATE (YYYY-MM-DD; needs --enable-pending)",
  }),
  "request-timeout": option.duration({
    default: "10s",
    minMs: 100,
    maxMs: 300_000,
    description: "Timeout of each request to the provider and to the state endpoint",
  }),
};

/** What a verification run takes. */
interface VerifySettings {
  readonly pactDir: string | undefined;
  readonly broker: BrokerSource | undefined;
  readonly brokerToken: string | undefined;
  readonly providerVersion: string | undefined;
  readonly providerBranch: string | undefined;
  readonly publish: boolean;
  readonly requestTimeoutMs: number;
}

/** The broker source from the options, or `undefined` without `--broker-url`. */
function brokerOf(o: OptionValuesOf<typeof VERIFY_OPTIONS>): BrokerSource | undefined {
  const url = o.brokerUrl;
  const selectors = o.consumerVersionSelector;
  const wip = o.includeWipPactsSince;
  const pending = o.enablePending;
  if (url === undefined) {
    const given: [string, boolean][] = [
      ["consumer-version-selector", selectors.length > 0],
      ["include-wip-pacts-since", wip !== undefined],
      ["enable-pending", pending],
      ["publish-verification-results", o.publishVerificationResults],
    ];
    const first = given.find(([, isGiven]) => isGiven);
    if (first) throw new OptionError(`--${first[0]} needs a Pact Broker: give --broker-url`);
    return undefined;
  }
  if (wip !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(wip) || Number.isNaN(Date.parse(wip))) {
      throw new OptionError(
        `--include-wip-pacts-since expects a date YYYY-MM-DD, got ${JSON.stringify(wip)}`,
      );
    }
    // The broker computes WIP pacts from pending status: WIP without pending would verify nothing new.
    if (!pending) throw new OptionError("--include-wip-pacts-since needs --enable-pending");
  }
  return {
    url,
    token: o.brokerToken,
    consumerVersionSelectors: selectors.length ? selectors : [...DEFAULT_CONSUMER_VERSION_SELECTORS],
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
export const verifyStage = defineStage({
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
  options: VERIFY_OPTIONS,
  timeoutOption: "request-timeout",
  settings(o): VerifySettings {
    const broker = brokerOf(o);
    if (o.publishVerificationResults && o.providerVersion === undefined) {
      throw new OptionError("--publish-verification-results needs --provider-version");
    }
    return {
      pactDir: o.pactDir,
      broker,
      brokerToken: o.brokerToken,
      providerVersion: o.providerVersion,
      providerBranch: o.providerBranch,
      publish: o.publishVerificationResults,
      requestTimeoutMs: o.requestTimeout,
    };
  },
  async run(settings, { target, reportsDir, reporter, signal, skipped, debug }) {
    const started = performance.now();
    const { broker, brokerToken, providerVersion, providerBranch, publish, requestTimeoutMs } = settings;
    reporter.addSecret(brokerToken);
    const pactSources: string[] = [];
    const localPacts: unknown[] = [];
    if (!broker || settings.pactDir !== undefined) {
      const dir = pactDirOf(settings.pactDir, reportsDir);
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
        throw new StageInputError(
          `no pact for ${PROVIDER_NAME} in ${dir}: run 'bleepay-qa contracts' first, or give --pact-dir or --broker-url`,
        );
      }
      pactSources.push(dir);
      localPacts.push(...pacts.map((f) => f.pact));
    }
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
    // One worker for the verification and its replays: Pact loads once (about a second of CPU).
    const worker = openVerificationWorker();
    let checks: CheckResult[];
    try {
      // Debug logging shows Pact's own log, each line redacted, prefixed so it stands apart.
      const outcome = await worker.verify(job, {
        signal,
        ...(debug ? { onLog: (line: string) => reporter.log(`pact: ${line}`) } : {}),
      });
      const first = verificationChecks(outcome, [target.token, brokerToken]);
      checks = await explainFailures(first, {
        worker,
        job,
        localPacts,
        reportsDir,
        target: {
          baseUrl: target.baseUrl,
          token: target.token,
          placeholderToken: PLACEHOLDER_TOKEN,
          stateSetupUrl: target.stateSetupUrl,
          timeoutMs: requestTimeoutMs,
          signal,
        },
        clean: (text) => redact(reporter.redact(text), [target.token, brokerToken]),
      });
    } finally {
      await worker.close();
    }
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
});
