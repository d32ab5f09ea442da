import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { INLINE_BODY_LIMIT, toCurl } from "./curl.js";

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

  it("never prints a body over 1 KiB: it goes to a file the command reads back exactly", () => {
    const dir = mkdtempSync(join(tmpdir(), "bleepay-curl-"));
    try {
      const body = JSON.stringify({ code: "A1B2C3", pad: "x".repeat(17 * 1024) });
      const curl = toCurl({ ...request, body }, { realToken: "real-secret", bodyDir: dir });
      expect(curl.length).toBeLessThan(INLINE_BODY_LIMIT);
      const words = shellWords(curl, "real-secret");
      const file = words.at(-1) ?? "";
      expect(words.at(-2)).toBe("--data-binary");
      expect(file.startsWith(`@${join(dir, "replays")}/`)).toBe(true);
      expect(readFileSync(file.slice(1), "utf8")).toBe(body);
      // A body of 1 KiB exactly is still shown inline.
      const small = "y".repeat(INLINE_BODY_LIMIT);
      expect(shellWords(toCurl({ ...request, body: small }, { bodyDir: dir }), "t").at(-1)).toBe(small);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
