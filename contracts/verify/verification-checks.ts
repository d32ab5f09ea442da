/**
 * Turns Pact's verifier report into bleepay-qa checks: one per interaction, passed or failed with
 * each mismatch as "field: expected X, got Y", and a failed provider state named loudly.
 */
import type { CheckResult } from "../../src/stages/stage.js";
import { redact } from "../../src/util/redact.js";
import type {
  StateFailure,
  VerificationOutcome,
  VerifierError,
  VerifierMismatch,
} from "./verification-job.js";

const SNIPPET_CHARS = 200;

const show = (value: unknown): string => {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text === undefined
    ? "nothing"
    : text.length > SNIPPET_CHARS
      ? `${text.slice(0, SNIPPET_CHARS)}…`
      : text;
};

/** One line for one mismatch: the field, then expected vs actual. */
export function describeMismatch(m: VerifierMismatch): string {
  switch (m.type) {
    case "StatusMismatch":
      return `status: expected ${show(m.expected)}, got ${show(m.actual)}`;
    case "HeaderMismatch":
      return `header ${m.key ?? "?"}: expected ${show(m.expected)}, got ${m.actual === "" ? "no header" : show(m.actual)}`;
    case "BodyMismatch":
      return `body ${m.path ?? "$"}: ${m.mismatch ?? `expected ${show(m.expected)}, got ${show(m.actual)}`}`;
    case "BodyTypeMismatch":
      return `body: expected ${show(m.expected)}, got ${show(m.actual)}${m.actualBody ? ` ${show(m.actualBody)}` : ""}`;
    default:
      return `${m.type}: ${m.mismatch ?? `expected ${show(m.expected)}, got ${show(m.actual)}`}`;
  }
}

/** The interaction's description, from the verifier's "… Given STATE - DESCRIPTION" label. */
function matches(error: VerifierError, description: string): boolean {
  return error.interaction === description || error.interaction.endsWith(` - ${description}`);
}

function detailOf(error: VerifierError, stateFailures: readonly StateFailure[]): string {
  if (error.mismatch.type === "mismatches") {
    // Status first: it explains the rest.
    const ordered = [...error.mismatch.mismatches].sort(
      (a, b) => Number(b.type === "StatusMismatch") - Number(a.type === "StatusMismatch"),
    );
    return ordered.map(describeMismatch).join("\n");
  }
  const failedStates = stateFailures.filter((f) => error.interaction.includes(`Given ${f.state}`));
  return failedStates.length
    ? failedStates.map((f) => `provider state setup failed: ${f.message}`).join("\n")
    : error.mismatch.message;
}

/**
 * The checks of a verification outcome. `secrets` are redacted from every detail, because these
 * checks go into report files as well as onto the console.
 */
export function verificationChecks(
  outcome: VerificationOutcome,
  secrets: readonly (string | undefined)[],
): CheckResult[] {
  const clean = (text: string): string => redact(text, secrets);
  if (outcome.kind === "error") {
    const states = outcome.stateFailures.map((f) => `\nprovider state setup failed: ${f.message}`).join("");
    return [
      { name: "Pact verification ran", outcome: "failed", detail: clean(`${outcome.message}${states}`) },
    ];
  }
  const { report, stateFailures } = outcome;
  const errors = report.errors ?? [];
  const pending = report.pendingErrors ?? [];
  const checks: CheckResult[] = (report.interactionResults ?? []).map(({ description }) => {
    const error = errors.find((e) => matches(e, description));
    if (error) return { name: description, outcome: "failed", detail: clean(detailOf(error, stateFailures)) };
    const pendingError = pending.find((e) => matches(e, description));
    if (pendingError) {
      // A pending pact's failure must not break the provider's build (that is what pending means);
      // it is shown, and never counted as passed.
      return {
        name: description,
        outcome: "not-run",
        detail: clean(`pending pact, failure not counted:\n${detailOf(pendingError, stateFailures)}`),
      };
    }
    return { name: description, outcome: "passed" };
  });
  // Errors Pact reports outside any interaction (e.g. no pacts found, a broker that refused).
  const orphans = errors.filter((e) => !checks.some((c) => matches(e, c.name)));
  for (const orphan of orphans) {
    checks.push({
      name: orphan.interaction || "Pact verification",
      outcome: "failed",
      detail: clean(detailOf(orphan, stateFailures)),
    });
  }
  // Pact's verifier reports a failure to publish results (or another broker error) only in its
  // log, and still calls the verification a success: a CI job that publishes for can-i-deploy must
  // not pass when the broker never got the results.
  const brokerErrors = (outcome.logErrors ?? []).filter((line) => /publish|broker/i.test(line));
  if (brokerErrors.length) {
    checks.push({ name: "Pact Broker", outcome: "failed", detail: clean(brokerErrors.join("\n")) });
  }
  // A failed report must never come out as a pass, even when no interaction is named.
  if (!report.result && !checks.some((c) => c.outcome === "failed") && !pending.length) {
    checks.push({
      name: "Pact verification",
      outcome: "failed",
      detail: clean(
        (outcome.logErrors ?? []).join("\n") ||
          "the verifier reported a failure without naming an interaction",
      ),
    });
  }
  if (checks.length === 0) {
    checks.push({
      name: "Pact verification found interactions to verify",
      outcome: report.result ? "not-run" : "failed",
      detail: "the verifier reported no interaction",
    });
  }
  return checks;
}
