import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { toCurl } from "./curl.js";

/** How a POSIX shell splits a command line, with $BLEEPAY_TOKEN set as given. */
function shellWords(command: string, token: string): string[] {
  const script = `for w in ${command.replace(/^curl /, "")}; do printf '%s\\0' "$w"; done`;
  return execFileSync("sh", ["-c", script], { env: { BLEEPAY_TOKEN: token }, encoding: "utf8" })
    .split("\0")
    .slice(0, -1);
}

describe("toCurl", () => {
  const request = {
    method: "POST",
    url: "http://127.0.0.1:8080/api/v1/vouchers/sessions/session-open",
    headers: { authorization: "Bearer real-secret", "content-type": "application/json" },
    body: `{"code":"A1B2C3","note":"it's"}`,
  };

  it("shows the real token as $BLEEPAY_TOKEN, never its value", () => {
    const curl = toCurl(request, { realToken: "real-secret" });
    expect(curl).not.toContain("real-secret");
    expect(curl).toContain('"authorization: Bearer $BLEEPAY_TOKEN"');
  });

  it("is a command a shell reads back into exactly the request sent", () => {
    const words = shellWords(toCurl(request, { realToken: "real-secret" }), "real-secret");
    expect(words).toEqual([
      "-sS",
      "-i",
      "-X",
      "POST",
      request.url,
      "-H",
      "authorization: Bearer real-secret",
      "-H",
      "content-type: application/json",
      "--data-binary",
      request.body,
    ]);
  });

  it("shows a deliberately bad token as sent", () => {
    expect(
      toCurl({ ...request, headers: { authorization: "Bearer wrong" } }, { realToken: "real-secret" }),
    ).toContain("'authorization: Bearer wrong'");
  });
});
