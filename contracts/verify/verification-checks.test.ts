/** Pact's verifier report as checks: the field, expected vs actual, the failed state by name. */
import { describe, expect, it } from "vitest";
import { PROVIDER_STATES } from "../../src/rules/provider-states.js";
import { REDACTED } from "../../src/util/redact.js";
import { describeMismatch, verificationChecks } from "./verification-checks.js";
import type { VerificationOutcome } from "./verification-job.js";

const label = (state: string | undefined, description: string): string =>
  `Verifying a pact between a and b${state ? ` Given ${state}` : ""} - ${description}`;

describe("describeMismatch", () => {
  it("should name the field and give expected and actual values", () => {
    expect(describeMismatch({ type: "StatusMismatch", expected: 200, actual: 201 })).toBe(
      "status: expected 200, got 201",
    );
    expect(
      describeMismatch({ type: "HeaderMismatch", key: "WWW-Authenticate", expected: '"Bearer"', actual: "" }),
    ).toBe('header WWW-Authenticate: expected "Bearer", got no header');
    expect(
      describeMismatch({
        type: "BodyMismatch",
        path: "$.status",
        mismatch: "Expected 'ACTIVE' to be equal to 'OPEN'",
      }),
    ).toBe("body $.status: Expected 'ACTIVE' to be equal to 'OPEN'");
  });
});

describe("verificationChecks", () => {
  const secret = "tok_live_checks_secret_1";
  const outcome: VerificationOutcome = {
    kind: "report",
    report: {
      result: false,
      interactionResults: [
        { description: "opens", result: "Error" },
        { description: "rejects", result: "Error" },
        { description: "fine", result: "OK" },
      ],
      errors: [
        {
          interaction: label(PROVIDER_STATES.codeShared, "opens"),
          mismatch: { type: "error", message: "One or more of the setup state change handlers has failed" },
        },
        {
          interaction: label(undefined, "rejects"),
          mismatch: {
            type: "mismatches",
            mismatches: [
              {
                type: "BodyTypeMismatch",
                expected: "application/json",
                actual: "text/html",
                actualBody: `token ${secret}`,
              },
              { type: "StatusMismatch", expected: 401, actual: 200 },
            ],
          },
        },
      ],
    },
    stateFailures: [
      {
        state: PROVIDER_STATES.codeShared,
        message: `provider state "${PROVIDER_STATES.codeShared}": refused`,
      },
    ],
  };

  it("should fail an interaction whose state failed, naming the state", () => {
    const [opens] = verificationChecks(outcome, [secret]);
    expect(opens?.outcome).toBe("failed");
    expect(opens?.detail).toContain(`provider state "${PROVIDER_STATES.codeShared}"`);
  });

  it("should list the status mismatch first and redact secrets from details", () => {
    const rejects = verificationChecks(outcome, [secret])[1];
    expect(rejects?.detail?.split("\n")[0]).toBe("status: expected 401, got 200");
    expect(rejects?.detail).not.toContain(secret);
    expect(rejects?.detail).toContain(REDACTED);
  });

  it("should pass an interaction without errors, and count a pending failure as not run", () => {
    const pending: VerificationOutcome = {
      ...outcome,
      report: { ...outcome.report, errors: [], pendingErrors: outcome.report.errors ?? [] },
    } as VerificationOutcome;
    expect(verificationChecks(pending, []).map((c) => c.outcome)).toEqual(["not-run", "not-run", "passed"]);
  });

  it("should fail when the verifier gave no report", () => {
    const checks = verificationChecks({ kind: "error", message: "boom", stateFailures: [] }, []);
    expect(checks.map((c) => [c.outcome, c.detail])).toEqual([["failed", "boom"]]);
  });
});
