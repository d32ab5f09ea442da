/**
 * The Open Session consumer contract: one interaction per test, each driving the real client
 * against Pact's mock server. The pact goes to a fresh temporary folder, so parallel runs never
 * merge into each other's file; `bleepay-qa contracts` writes the one users publish.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEVELOPMENT_TOKEN } from "../src/provider/index.js";
import { CODE_REGEXP, ERROR_CODES, SESSION_STATUS } from "../src/rules/index.js";
import { PROVIDER_STATES } from "../src/rules/provider-states.js";
import {
  expiredCode,
  INTERACTIONS,
  malformedCode,
  missingAuthorization,
  openSessionSharedCode,
  openSessionWithPayeeInfo,
  unknownToken,
  unsharedCode,
} from "./interactions/index.js";
import { PACT_FILE_NAME, PLACEHOLDER_TOKEN, UNKNOWN_TOKEN } from "./pact-names.js";
import { createContractPact } from "./write-pacts.js";

const dir = mkdtempSync(join(tmpdir(), "bleepay-pact-"));
const pact = createContractPact(dir);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("Open Session consumer contract (bleepay-payee-app → bleepay-vouchers-api)", () => {
  it("opens a session with a code the payer shared", async () => {
    const result = await openSessionSharedCode.run(pact);
    expect(result.ok && CODE_REGEXP.test(result.session.code)).toBe(true);
    expect(result.ok && result.session.status).toBe(SESSION_STATUS);
  });

  it("opens a session with a shared code and payee information", async () => {
    const result = await openSessionWithPayeeInfo.run(pact);
    expect(result.ok).toBe(true);
  });

  it("gets 400 invalid_code for a malformed code", async () => {
    const result = await malformedCode.run(pact);
    expect(result.ok ? undefined : [result.status, result.error.code]).toEqual([
      400,
      ERROR_CODES.invalidCode,
    ]);
  });

  it("gets 400 invalid_code for an expired code", async () => {
    const result = await expiredCode.run(pact);
    expect(result.ok ? undefined : [result.status, result.error.code]).toEqual([
      400,
      ERROR_CODES.invalidCode,
    ]);
  });

  it("gets 400 invalid_code for a well-formed code no payer shared", async () => {
    const result = await unsharedCode.run(pact);
    expect(result.ok ? undefined : [result.status, result.error.code]).toEqual([
      400,
      ERROR_CODES.invalidCode,
    ]);
  });

  it("gets 401 unauthorized without an Authorization header", async () => {
    const result = await missingAuthorization.run(pact);
    expect(result.ok ? undefined : [result.status, result.error.code]).toEqual([
      401,
      ERROR_CODES.unauthorized,
    ]);
  });

  it("gets 401 unauthorized with a token the provider does not know", async () => {
    const result = await unknownToken.run(pact);
    expect(result.ok ? undefined : [result.status, result.error.code]).toEqual([
      401,
      ERROR_CODES.unauthorized,
    ]);
  });

  it("writes a V4 pact that pins formats, injects codes from provider states and holds no real token", () => {
    const text = readFileSync(join(dir, PACT_FILE_NAME), "utf8");
    const written = JSON.parse(text) as {
      metadata: { pactSpecification: { version: string } };
      interactions: {
        description: string;
        providerStates?: { name: string }[];
        request: { headers: Record<string, string[]>; generators?: { body?: Record<string, unknown> } };
        response: { matchingRules?: { body?: Record<string, unknown> } };
      }[];
    };
    expect(written.metadata.pactSpecification.version).toBe("4.0");
    expect(written.interactions.map((i) => i.description).sort()).toEqual(
      INTERACTIONS.map((i) => i.description).sort(),
    );
    expect(text).not.toContain(DEVELOPMENT_TOKEN);
    const byName = new Map(written.interactions.map((i) => [i.description, i]));
    const shared = byName.get(openSessionSharedCode.description);
    expect(shared?.providerStates?.map((s) => s.name)).toEqual([PROVIDER_STATES.codeShared]);
    expect(Object.keys(shared?.request.generators?.body ?? {})).toEqual(["$.code"]);
    expect(Object.keys(shared?.response.matchingRules?.body ?? {}).sort()).toEqual([
      "$.code",
      "$.createdAt",
      "$.id",
    ]);
    expect(shared?.request.headers.Authorization).toEqual([`Bearer ${PLACEHOLDER_TOKEN}`]);
    expect(byName.get(missingAuthorization.description)?.request.headers.Authorization).toBeUndefined();
    expect(byName.get(unknownToken.description)?.request.headers.Authorization).toEqual([
      `Bearer ${UNKNOWN_TOKEN}`,
    ]);
  });
});
