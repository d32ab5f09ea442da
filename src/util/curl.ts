/**
 * Turns a request into a curl command a person can paste to reproduce a finding. The token is
 * always shown as `$BLEEPAY_TOKEN`, never its value.
 */

/** A request as bleepay-qa sent it. */
export interface ReproducibleRequest {
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

const quote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * A curl command for the request. A bearer `Authorization` header becomes
 * `Authorization: Bearer $BLEEPAY_TOKEN` (double-quoted so the shell expands it) when `realToken`
 * says the request carried the real token; other tokens (deliberately bad ones) are shown as sent.
 *
 * @example
 * toCurl({ method: "POST", url, headers: { authorization: "Bearer x" }, body: "{}" }, { realToken: "x" });
 */
export function toCurl(
  request: ReproducibleRequest,
  options: { realToken?: string | undefined } = {},
): string {
  const parts = ["curl", "-sS", "-i", "-X", request.method, quote(request.url)];
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (name.toLowerCase() === "authorization" && options.realToken && value.includes(options.realToken)) {
      parts.push("-H", `"${name}: ${value.split(options.realToken).join("$BLEEPAY_TOKEN")}"`);
    } else parts.push("-H", quote(`${name}: ${value}`));
  }
  if (request.body !== undefined) parts.push("--data-binary", quote(request.body));
  return parts.join(" ");
}
