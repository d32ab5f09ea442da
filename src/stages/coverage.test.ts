import { describe, expect, it } from "vitest";
import { answerKey, createCoverageTally, pactInteractionAnswer } from "./coverage.js";

describe("coverage", () => {
  it("keys answers as the matrix rows name them", () => {
    expect(answerKey(200)).toBe("200");
    expect(answerKey(200, "ignored")).toBe("200");
    expect(answerKey(400, "invalid_code")).toBe("400 invalid_code");
  });

  it("reads the promised answer of Pact V4 and V3 interactions", () => {
    expect(
      pactInteractionAnswer({ response: { status: 401, body: { content: { code: "unauthorized" } } } }),
    ).toBe("401 unauthorized");
    expect(pactInteractionAnswer({ response: { status: 400, body: { code: "invalid_request" } } })).toBe(
      "400 invalid_request",
    );
    expect(pactInteractionAnswer({ response: { status: 200, body: { content: { code: "D4E5F6" } } } })).toBe(
      "200",
    );
    expect(pactInteractionAnswer({ type: "Asynchronous/Messages" })).toBeUndefined();
    expect(pactInteractionAnswer(undefined)).toBeUndefined();
  });

  it("tallies by layer and answer: failed if any failed, not-run only if nothing ran", () => {
    const tally = createCoverageTally();
    tally.add("load", "200", "passed", 10);
    tally.add("load", "200", "failed");
    tally.add("load", "200", "passed");
    tally.add("consumer pact", "200", "not-run");
    expect(tally.cells()).toEqual([
      { layer: "load", answer: "200", count: 12, outcome: "failed" },
      { layer: "consumer pact", answer: "200", count: 1, outcome: "not-run" },
    ]);
  });
});
