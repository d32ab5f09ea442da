import { describe, expect, it } from "vitest";
import { briefPactFailure } from "./pact-failure.js";

describe("briefPactFailure", () => {
  it("keeps what the mock server said, on one line, without Pact's headers", () => {
    const detail =
      "Test failed for the following reasons:\n\n  Mock server failed with the following mismatches:\n\n\t0) The following request was expected but not received: \n\t    Method: POST\n\t    Path: /api/v1/vouchers/sessions/session-open";
    expect(briefPactFailure(detail)).toBe(
      "0) The following request was expected but not received: Method: POST Path: /api/v1/vouchers/sessions/session-open",
    );
  });

  it("says there was no detail rather than printing an empty reason", () => {
    expect(briefPactFailure("Test failed for the following reasons:\n\n")).toBe("no detail");
  });

  it("cuts a long message at the limit, marking the cut", () => {
    const brief = briefPactFailure(`request-mismatch ${"x".repeat(1000)}`, 50);
    expect(brief).toHaveLength(50);
    expect(brief.endsWith("…")).toBe(true);
  });
});
