import { describe, expect, it } from "vitest";
import {
  AUTH_SCHEME,
  CODE_ALPHABET,
  CODE_LENGTH,
  CODE_PATTERN,
  checkAnswerBody,
  ERROR_CODES,
  ERROR_STATUS,
  isWellFormedCode,
  MAX_BODY_BYTES,
  OPEN_SESSION_PATH,
  openapiSpec,
  SESSION_STATUS,
  SESSION_TYPE,
  schemaForStatus,
  schemaValidator,
} from "./index.js";

const docResponse =
  openapiSpec.paths[OPEN_SESSION_PATH].post.responses["200"].content["application/json"].examples.doc.value;

describe("the rules read from the spec", () => {
  it("match the doc and the spec's recorded decisions", () => {
    expect(OPEN_SESSION_PATH).toBe("/api/v1/vouchers/sessions/session-open");
    expect(CODE_PATTERN).toBe("^[A-Z0-9]{6}$");
    expect(CODE_LENGTH).toBe(6);
    expect(CODE_ALPHABET).toBe("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    expect(SESSION_TYPE).toBe("SESSION_DEFAULT");
    expect(SESSION_STATUS).toBe("OPEN");
    expect(MAX_BODY_BYTES).toBe(16_384);
    expect(AUTH_SCHEME).toBe("Bearer");
  });

  it("give every error code its status", () => {
    expect(ERROR_STATUS).toEqual({
      invalid_code: 400,
      invalid_request: 400,
      unauthorized: 401,
      not_found: 404,
      method_not_allowed: 405,
      payload_too_large: 413,
      unsupported_media_type: 415,
    });
    expect(Object.values(ERROR_CODES).sort()).toEqual(Object.keys(ERROR_STATUS).sort());
  });

  it.each(["A1B2C3", "D4E5F6", "ZZZZZZ", "000000"])("accept the code %j", (code) => {
    expect(isWellFormedCode(code)).toBe(true);
  });

  it.each([
    "a1b2c3",
    "A1B2C",
    "A1B2C3D",
    "A1B2C3\n",
    " A1B2C",
    "A1-2C3",
    "ＡＢＣＤＥＦ",
    "",
    123456,
    null,
    undefined,
  ])("refuse the code %j", (code) => {
    expect(isWellFormedCode(code)).toBe(false);
  });
});

describe("checkAnswerBody", () => {
  it("accepts the doc's example response", () => {
    expect(checkAnswerBody(200, docResponse)).toEqual([]);
  });

  it.each([
    ["a missing field", { ...docResponse, createdAt: undefined }],
    ["another status", { ...docResponse, status: "CLOSED" }],
    ["a lowercase session code", { ...docResponse, code: "d4e5f6" }],
    ["an id without ses_", { ...docResponse, id: "xyz" }],
    ["a date without milliseconds", { ...docResponse, createdAt: "2026-06-09T12:00:00Z" }],
    ["a date with an offset", { ...docResponse, createdAt: "2026-06-09T12:00:00.000+02:00" }],
  ])("reports %s in a 200 body", (_name, body) => {
    expect(checkAnswerBody(200, JSON.parse(JSON.stringify(body)))).not.toEqual([]);
  });

  it.each(Object.entries(ERROR_STATUS))(
    "accepts %s under %d and refuses it under another error status",
    (code, status) => {
      expect(checkAnswerBody(status, { code, message: "m" })).toEqual([]);
      const other = status === 401 ? 404 : 401;
      expect(checkAnswerBody(other, { code, message: "m" })).not.toEqual([]);
    },
  );

  it("requires a message in error bodies", () => {
    expect(checkAnswerBody(400, { code: "invalid_code" })).not.toEqual([]);
  });

  it("reports a status the spec does not define", () => {
    expect(checkAnswerBody(500, {})).toEqual(["status 500 is not an answer the spec defines"]);
    expect(schemaForStatus(500)).toBeUndefined();
  });

  it("compiles each named schema once", () => {
    expect(schemaValidator("Session")).toBe(schemaValidator("Session"));
  });
});
