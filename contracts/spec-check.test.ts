/**
 * The spec check: the contract's own pact conforms to the spec, and a pact the spec forbids is
 * rejected with the comparator's finding.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeContractPactsOrThrow } from "../test-support/write-contract-pacts.js";
import { openSessionSharedCode, unknownToken } from "./interactions/index.js";
import { checkPactAgainstSpec, describeFinding } from "./spec-check.js";

const dir = mkdtempSync(join(tmpdir(), "bleepay-spec-check-"));
let pact: {
  interactions: {
    description: string;
    response: { status: number; body: { content: Record<string, unknown> } };
  }[];
};

beforeAll(async () => {
  const { pactFile } = await writeContractPactsOrThrow(dir);
  pact = JSON.parse(readFileSync(pactFile, "utf8"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const errorsOf = async (candidate: unknown) =>
  (await checkPactAgainstSpec(candidate)).filter((f) => f.type === "error");

describe("checkPactAgainstSpec", () => {
  it("should find nothing wrong with the contract's own pact", async () => {
    expect((await checkPactAgainstSpec(pact)).map(describeFinding)).toEqual([]);
  });

  it("should reject a pact that expects a session status the spec does not allow", async () => {
    const forbidden = structuredClone(pact);
    const interaction = forbidden.interactions.find(
      (i) => i.description === openSessionSharedCode.description,
    );
    if (!interaction) throw new Error("the pact lacks the shared-code interaction");
    interaction.response.body.content.status = "CLOSED";
    const errors = await errorsOf(forbidden);
    expect(errors.map((e) => [e.code, e.interaction, e.pactLocation])).toEqual([
      [
        "response.body.incompatible",
        openSessionSharedCode.description,
        `[root].interactions[${forbidden.interactions.indexOf(interaction)}].response.body.status`,
      ],
    ]);
    expect(describeFinding(errors[0] as never)).toContain('"CLOSED"');
  });

  it("should reject a pact that expects a status code the spec does not define", async () => {
    const forbidden = structuredClone(pact);
    const interaction = forbidden.interactions.find((i) => i.description === unknownToken.description);
    if (!interaction) throw new Error("the pact lacks the unknown-token interaction");
    interaction.response.status = 403;
    expect((await errorsOf(forbidden)).map((e) => e.code)).toEqual(["response.status.unknown"]);
  });
});
