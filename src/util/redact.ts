/**
 * Redaction of secrets from anything bleepay-qa prints or writes: the token given to it, and any
 * `Authorization` value, are replaced before text leaves the process.
 */

/** What a redacted secret is shown as. */
export const REDACTED = "[REDACTED]";

// Any scheme's credentials go (Basic carries a password). The value may sit in a list, as in
// Pact's debug log (`"Authorization": ["Bearer …"]`). The placeholder of a curl reproduction
// (`Bearer $BLEEPAY_TOKEN`, or `${BLEEPAY_TOKEN}` where a recipe glues text to it) is no secret and is what makes the reproduction runnable, so it is
// left alone.
// Text already redacted is left as it is, so that redacting twice changes nothing.
const AUTH_VALUE =
  /(\bauthorization["']?\s*[:=]\s*\[?\s*["']?)(?!\[?REDACTED\])(?!(?:bearer\s+)?\$\{?BLEEPAY_TOKEN\b)(?:[a-z][\w-]*\s+)?[^\s"',}[\]]+/gi;
// Case-sensitive: the header spells it "Bearer"; prose such as "a bearer token" stays readable.
// A challenge's parameters (`WWW-Authenticate: Bearer realm="api", error="invalid_token"`) are no
// credential and are what explains a 401, so they stay readable too.
const BEARER_VALUE =
  /\b(Bearer\s+)(?!(?:realm|scope|error|error_description|error_uri)=)[A-Za-z0-9._~+/=-]+/g;

/**
 * Replaces every occurrence of the given secrets, and every bearer credential or `Authorization`
 * value, with {@link REDACTED}.
 *
 * @example
 * redact("curl -H 'Authorization: Bearer s3cret'", ["s3cret"]); // "curl -H 'Authorization: [REDACTED]'"
 */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would redact ordinary words; a real token is longer than this.
    if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out.replace(AUTH_VALUE, `$1${REDACTED}`).replace(BEARER_VALUE, `$1${REDACTED}`);
}
