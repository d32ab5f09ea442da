import { describe, expect, it } from "vitest";
import { checkAnswerBody, ERROR_CODES, OPEN_SESSION_METHOD, schemaForStatus } from "../rules/index.js";
import { hardenedServerOptions, RAW_ANSWERS } from "./wire-hardening.js";

describe("RAW_ANSWERS", () => {
  it.each(Object.entries(RAW_ANSWERS))(
    "should frame the %s answer as HTTP/1.1 with a JSON error body that closes the connection",
    (_name, answer) => {
      const end = answer.text.indexOf("\r\n\r\n");
      const [statusLine, ...lines] = answer.text.slice(0, end).split("\r\n");
      const body = answer.text.slice(end + 4);
      expect(statusLine).toMatch(new RegExp(`^HTTP/1\\.1 ${answer.status} [A-Za-z ]+$`));
      expect(lines).toContain("content-type: application/json");
      expect(lines).toContain(`content-length: ${Buffer.byteLength(body)}`);
      expect(lines).toContain("connection: close");
      const parsed = JSON.parse(body) as { code?: unknown; message?: unknown };
      expect(typeof parsed.message).toBe("string");
      // 408 and 431 are HTTP's own, not the spec's: they share its error shape and code.
      if (schemaForStatus(answer.status)) expect(checkAnswerBody(answer.status, parsed)).toEqual([]);
      else expect(parsed.code).toBe(ERROR_CODES.invalidRequest);
    },
  );

  it("should tell a CONNECT client which method is allowed", () => {
    expect(RAW_ANSWERS.connect.text).toContain(`\r\nallow: ${OPEN_SESSION_METHOD}\r\n`);
  });
});

describe("hardenedServerOptions", () => {
  it("should default to 5 s for headers and 10 s for the whole request, checked every second", () => {
    expect(hardenedServerOptions({})).toMatchObject({
      headersTimeout: 5_000,
      requestTimeout: 10_000,
      connectionsCheckingInterval: 1_000,
      requireHostHeader: false,
    });
  });

  it("should never let the request timeout fall below the headers timeout", () => {
    expect(hardenedServerOptions({ headersTimeoutMs: 3_000, requestTimeoutMs: 1_000 })).toMatchObject({
      headersTimeout: 3_000,
      requestTimeout: 3_000,
    });
  });

  it("should check the timeouts at least as often as the headers timeout", () => {
    expect(hardenedServerOptions({ headersTimeoutMs: 200 }).connectionsCheckingInterval).toBe(200);
  });
});
