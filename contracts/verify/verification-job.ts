/**
 * What the verify stage asks the verification worker to do, and what the worker answers. The job
 * travels over the child's IPC channel (never argv or the environment), because it holds the real
 * token.
 */

/** Where the pacts come from when a Pact Broker serves them. */
export interface BrokerSource {
  readonly url: string;
  readonly token: string | undefined;
  /** Consumer version selectors, as the broker's JSON objects. */
  readonly consumerVersionSelectors: readonly Record<string, unknown>[];
  readonly enablePending: boolean;
  /** `YYYY-MM-DD`: include work-in-progress pacts since then. */
  readonly includeWipPactsSince: string | undefined;
}

/** A verification to run. */
export interface VerificationJob {
  /** The provider's name in the pacts. */
  readonly provider: string;
  readonly providerBaseUrl: string;
  /** The real bearer token: replaces the pacts' placeholder token, and only it. */
  readonly token: string;
  /** The placeholder the pacts carry in place of the real token. */
  readonly placeholderToken: string;
  /** The provider-state endpoint; without one, interactions with a state fail naming it. */
  readonly stateSetupUrl: string | undefined;
  /** Pact files or folders. */
  readonly pactSources: readonly string[];
  readonly broker: BrokerSource | undefined;
  /** Set to publish results to the broker. */
  readonly publish:
    | { readonly providerVersion: string; readonly providerBranch: string | undefined }
    | undefined;
  /** The provider version and branch, given to the broker for pending/WIP calculation. */
  readonly providerVersion: string | undefined;
  readonly providerBranch: string | undefined;
  /** Per-request timeout in milliseconds. */
  readonly requestTimeoutMs: number;
  /**
   * Pact's log level: "error" normally; "debug" when the user asked for debug logging
   * (`BLEEPAY_QA_DEBUG=1`), in which case the parent redacts and prints every line.
   */
  readonly logLevel?: "error" | "debug";
}

/** A provider state that could not be set up. */
export interface StateFailure {
  readonly state: string;
  readonly message: string;
}

/** One mismatch as Pact's verifier reports it. */
export interface VerifierMismatch {
  readonly type: string;
  readonly mismatch?: string;
  readonly path?: string;
  readonly key?: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
  readonly actualBody?: string;
}

/** One failed interaction as Pact's verifier reports it. */
export interface VerifierError {
  /** "Verifying a pact between C and P Given STATE - DESCRIPTION". */
  readonly interaction: string;
  readonly mismatch:
    | { readonly type: "mismatches"; readonly mismatches: readonly VerifierMismatch[] }
    | { readonly type: "error"; readonly message: string };
}

/** Pact's verifier JSON report (`pactffi_verifier_json`), the parts read here. */
export interface VerifierReport {
  readonly result: boolean;
  readonly interactionResults?: readonly { readonly description: string; readonly result: string }[];
  readonly errors?: readonly VerifierError[];
  readonly pendingErrors?: readonly VerifierError[];
  readonly notices?: readonly unknown[];
  readonly output?: readonly string[];
}

/** What the worker answers. */
export type VerificationOutcome =
  | {
      readonly kind: "report";
      readonly report: VerifierReport;
      readonly stateFailures: readonly StateFailure[];
      /** The verifier's error-level log lines of the job (redacted), e.g. a failed publication. */
      readonly logErrors?: readonly string[];
    }
  | { readonly kind: "error"; readonly message: string; readonly stateFailures: readonly StateFailure[] };
