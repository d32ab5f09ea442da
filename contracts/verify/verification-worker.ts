/**
 * The verification worker: a child process that runs Pact's Verifier for one job and answers over
 * IPC. It is a separate process because Pact's native verifier prints its own report straight to
 * file descriptor 1: in a child, that text is captured instead of mixing into bleepay-qa's output,
 * and a crash of the native core cannot take the CLI down with it.
 */
import { Verifier } from "@pact-foundation/pact";
import { createStateChangeFilter } from "./state-change-filter.js";
import type {
  StateFailure,
  VerificationJob,
  VerificationOutcome,
  VerifierReport,
} from "./verification-job.js";

async function verify(job: VerificationJob): Promise<VerificationOutcome> {
  const stateFailures: StateFailure[] = [];
  const requestFilter = createStateChangeFilter({
    stateSetupUrl: job.stateSetupUrl,
    token: job.token,
    placeholderToken: job.placeholderToken,
    timeoutMs: job.requestTimeoutMs,
    onStateFailure: (failure) => stateFailures.push(failure),
  });
  const verifier = new Verifier({
    provider: job.provider,
    providerBaseUrl: job.providerBaseUrl,
    // Error level unless the user asked for debug logs: those show request details, so the parent
    // redacts every line before printing it (see run-verification.ts).
    logLevel: job.logLevel ?? "error",
    timeout: job.requestTimeoutMs,
    failIfNoPactsFound: true,
    ...(job.pactSources.length ? { pactUrls: [...job.pactSources] } : {}),
    ...(job.broker
      ? {
          pactBrokerUrl: job.broker.url,
          ...(job.broker.token ? { pactBrokerToken: job.broker.token } : {}),
          consumerVersionSelectors: job.broker.consumerVersionSelectors.map((s) => ({ ...s })),
          enablePending: job.broker.enablePending,
          ...(job.broker.includeWipPactsSince
            ? { includeWipPactsSince: job.broker.includeWipPactsSince }
            : {}),
        }
      : {}),
    ...(job.providerVersion ? { providerVersion: job.providerVersion } : {}),
    ...(job.providerBranch ? { providerVersionBranch: job.providerBranch } : {}),
    ...(job.publish ? { publishVerificationResult: true } : {}),
    requestFilter: requestFilter as never,
  });
  let text: string;
  try {
    text = await verifier.verifyProvider();
  } catch (error) {
    // A failed verification rejects with the JSON report as the message; anything else is a crash.
    text = error instanceof Error ? error.message : String(error);
  }
  try {
    const report = JSON.parse(text) as VerifierReport;
    if (typeof report === "object" && report !== null && typeof report.result === "boolean") {
      return { kind: "report", report, stateFailures };
    }
  } catch {
    // Not a report: fall through.
  }
  return { kind: "error", message: text, stateFailures };
}

// Jobs come one at a time (the parent queues them); the worker lives until the parent lets go.
process.on("message", (job: VerificationJob) => {
  verify(job)
    .catch(
      (error: unknown): VerificationOutcome => ({
        kind: "error",
        message: error instanceof Error ? error.message : String(error),
        stateFailures: [],
      }),
    )
    .then((outcome) => process.send?.(outcome));
});
process.on("disconnect", () => process.exit(0));
