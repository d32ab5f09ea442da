/** Replaying a failed interaction with curl: the placeholder becomes $BLEEPAY_TOKEN, nothing else. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDER_STATES } from "../../src/rules/provider-states.js";
import { writeContractPactsOrThrow } from "../../test-support/write-contract-pacts.js";
import { openSessionSharedCode, unknownToken } from "../interactions/index.js";
import { PLACEHOLDER_TOKEN, UNKNOWN_TOKEN } from "../pact-names.js";
import { reproduceInteraction } from "./reproduce.js";

const dir = mkdtempSync(join(tmpdir(), "bleepay-reproduce-"));
let pacts: unknown[];
const BASE = "http://127.0.0.1:8080";

beforeAll(async () => {
  const { pactFile } = await writeContractPactsOrThrow(dir);
  pacts = [JSON.parse(readFileSync(pactFile, "utf8"))];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("reproduceInteraction", () => {
  it("should show the placeholder as $BLEEPAY_TOKEN and name the state of an injected code", () => {
    const curl = reproduceInteraction(pacts, openSessionSharedCode.description, BASE, PLACEHOLDER_TOKEN);
    expect(curl).toContain('"Authorization: Bearer $BLEEPAY_TOKEN"');
    expect(curl).not.toContain(PLACEHOLDER_TOKEN);
    expect(curl).toContain(`<code from state: ${PROVIDER_STATES.codeShared}>`);
    expect(curl).toContain(`'${BASE}/api/v1/vouchers/sessions/session-open'`);
  });

  it("should keep a deliberately unknown token as the pact has it", () => {
    const curl = reproduceInteraction(pacts, unknownToken.description, BASE, PLACEHOLDER_TOKEN);
    expect(curl).toContain(`Bearer ${UNKNOWN_TOKEN}`);
    expect(curl).not.toContain("$BLEEPAY_TOKEN");
  });

  it("should give nothing for an interaction no pact holds", () => {
    expect(reproduceInteraction(pacts, "no such interaction", BASE, PLACEHOLDER_TOKEN)).toBeUndefined();
  });
});
