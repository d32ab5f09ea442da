/**
 * Turns a request into a curl command a person can paste to reproduce a finding. The token is
 * always shown as `$BLEEPAY_TOKEN`, never its value. A body over 1 KiB is never printed inline: it
 * goes to a file (named by its content, under `replays/` of the reports folder) that the command
 * reads with `--data-binary @FILE`, so a failure stays a line a person can paste.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A request as bleepay-qa sent it. */
export interface ReproducibleRequest {
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

const quote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/** Largest body, in bytes, a curl command shows inline. */
export const INLINE_BODY_LIMIT = 1024;

/** Options of {@link toCurl}. */
export interface CurlOptions {
  /** The real token: an `Authorization` header carrying it shows `$BLEEPAY_TOKEN` instead. */
  readonly realToken?: string | undefined;
  /** Where bodies over {@link INLINE_BODY_LIMIT} go (`<dir>/replays/`); the system's temp folder if absent. */
  readonly bodyDir?: string;
}

/**
 * Writes a body to `<dir>/replays/body-<hash>.txt` (the same body, the same file) and returns the
 * path, for `--data-binary @PATH`.
 */
export function writeBodyFile(body: string | Uint8Array, dir: string = tmpdir()): string {
  const folder = join(dir, "replays");
  const path = join(folder, `body-${createHash("sha256").update(body).digest("hex").slice(0, 16)}.txt`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path, body);
  return path;
}

/**
 * A curl command for the request. A bearer `Authorization` header becomes
 * `Authorization: Bearer $BLEEPAY_TOKEN` (double-quoted so the shell expands it) when `realToken`
 * says the request carried the real token; other tokens (deliberately bad ones) are shown as sent.
 *
 * @example
 * toCurl({ method: "POST", url, headers: { authorization: "Bearer x" }, body: "{}" }, { realToken: "x" });
 */
export function toCurl(request: ReproducibleRequest, options: CurlOptions = {}): string {
  const parts = ["curl", "-sS", "-i", "-X", request.method, quote(request.url)];
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (name.toLowerCase() === "authorization" && options.realToken && value.includes(options.realToken)) {
      parts.push("-H", `"${name}: ${value.split(options.realToken).join("$BLEEPAY_TOKEN")}"`);
    } else parts.push("-H", quote(`${name}: ${value}`));
  }
  if (request.body !== undefined) {
    if (Buffer.byteLength(request.body) > INLINE_BODY_LIMIT)
      parts.push("--data-binary", quote(`@${writeBodyFile(request.body, options.bodyDir)}`));
    else parts.push("--data-binary", quote(request.body));
  }
  return parts.join(" ");
}
