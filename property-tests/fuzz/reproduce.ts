/**
 * A curl command that reproduces a request of a trace. The real token is `$BLEEPAY_TOKEN`; a bad
 * token derived from it is a shell expression of `$BLEEPAY_TOKEN`, never its value.
 */
import { AUTH_SCHEME } from "../../src/rules/index.js";
import { INLINE_BODY_LIMIT, toCurl } from "../../src/util/curl.js";
import { authorizationShell } from "../arbitraries/authorization.js";
import type { RequestStep } from "./trace.js";

// Stands in for the token, so the real one never reaches toCurl.
const TOKEN_STAND_IN = "\u0001bleepay-token\u0001";
// biome-ignore lint/suspicious/noControlCharactersInRegex: bodies with control characters need printf.
const UNSAFE_IN_SHELL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Escapes text for `printf '%b'`: backslashes doubled, control characters as octal escapes. */
function printfEscape(text: string): string {
  const escaped = text
    .replaceAll("\\", "\\\\")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping them is the point.
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\0${c.charCodeAt(0).toString(8).padStart(3, "0")}`);
  return `'${escaped.replaceAll("'", `'\\''`)}'`;
}

/**
 * The curl command for a request sent to `url`. A body over 1 KiB goes to a file under
 * `bodyDir`'s `replays/` (read with `--data-binary @FILE`); a shorter one with control characters
 * is piped through `printf`.
 */
export function curlFor(step: RequestStep, url: string, bodyDir?: string): string {
  const headers: Record<string, string> = { "content-type": step.contentType };
  if (step.auth.kind === "real") headers.authorization = `${AUTH_SCHEME} ${TOKEN_STAND_IN}`;
  const large = Buffer.byteLength(step.body.text) > INLINE_BODY_LIMIT;
  const binaryBody = !large && UNSAFE_IN_SHELL.test(step.body.text);
  const command = toCurl(
    { method: "POST", url, headers, ...(binaryBody ? {} : { body: step.body.text }) },
    { realToken: TOKEN_STAND_IN, ...(bodyDir ? { bodyDir } : {}) },
  );
  let out = command;
  if (step.auth.kind === "bad") {
    const word = authorizationShell(step.auth.recipe);
    if (word !== undefined) {
      const head = toCurl({ method: "POST", url });
      out = `${head} -H ${word}${command.slice(head.length)}`;
    }
  }
  return binaryBody ? `printf '%b' ${printfEscape(step.body.text)} | ${out} --data-binary @-` : out;
}
