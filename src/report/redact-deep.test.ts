import { describe, expect, it } from "vitest";
import { redact } from "../util/redact.js";
import { escapeHtml } from "./escape-html.js";
import { redactDeep } from "./redact-deep.js";

describe("redactDeep", () => {
  const token = `t0k<&"en'42`;
  const clean = (text: string): string => redact(text, [token]);

  it("redacts every string, nested in arrays and objects, keys included, and keeps the rest", () => {
    const data = { a: [`x ${token}`, 3, null, { [token]: true, b: `${token}${token}` }], n: 1.5, ok: false };
    expect(redactDeep(data, clean)).toEqual({
      a: ["x [REDACTED]", 3, null, { "[REDACTED]": true, b: "[REDACTED][REDACTED]" }],
      n: 1.5,
      ok: false,
    });
  });

  it("catches a token with HTML and JSON special characters, which escaping first would hide", () => {
    const escapedFirst = clean(escapeHtml(`answer echoed ${token}`));
    expect(escapedFirst).not.toContain("[REDACTED]");
    expect(escapeHtml(redactDeep(`answer echoed ${token}`, clean))).toBe("answer echoed [REDACTED]");
  });
});
