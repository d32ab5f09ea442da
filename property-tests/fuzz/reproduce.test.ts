import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { jsonBody, literalBody } from "./body-text.js";
import { curlFor } from "./reproduce.js";
import type { RequestStep } from "./trace.js";

const step = (overrides: Partial<RequestStep>): RequestStep => ({
  kind: "request",
  seq: 1,
  contentType: "application/json",
  auth: { kind: "real" },
  body: jsonBody({ code: "A1B2C3", type: "SESSION_DEFAULT" }),
  facts: {},
  answer: { status: 200, contentType: "application/json", body: "{}" },
  problems: [],
  rules: [],
  deviations: [],
  ...overrides,
});

/** Runs the command with `curl` replaced by a function that prints its arguments and stdin. */
function expand(command: string, token: string): string[] {
  const script = `curl() { for a in "$@"; do printf '%s\\n' "$a"; done; if [ "\${@: -1}" = "@-" ]; then od -An -c; fi; }\n${command}`;
  return execFileSync("bash", ["-c", script], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, BLEEPAY_TOKEN: token },
    encoding: "utf8",
  }).split("\n");
}

describe("curlFor", () => {
  it("should show the real token as $BLEEPAY_TOKEN and expand to it", () => {
    const command = curlFor(step({}), "http://127.0.0.1:1/x");
    expect(command).toContain("$BLEEPAY_TOKEN");
    expect(expand(command, "s3cret-token")).toContain("authorization: Bearer s3cret-token");
  });

  it("should show a near miss of the token as an expression of $BLEEPAY_TOKEN", () => {
    const command = curlFor(
      step({ auth: { kind: "bad", recipe: { kind: "append", extra: "x" } } }),
      "http://h/x",
    );
    expect(command).not.toContain("s3cret");
    expect(expand(command, "s3cret-token")).toContain("Authorization: Bearer s3cret-tokenx");
  });

  it("should pipe a body with a NUL character through printf", () => {
    const command = curlFor(step({ body: literalBody('{"code":"A\u0000B"}') }), "http://h/x");
    const out = expand(command, "t").join(" ");
    expect(out).toContain("@-");
    expect(out).toMatch(/A\s+\\0\s+B/);
  });
});
