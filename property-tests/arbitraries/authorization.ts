/**
 * Bad `Authorization` headers: missing, empty bearer, other schemes, no scheme, random tokens, and
 * near misses of the real token (a character changed, dropped or added, case changed, cut short).
 *
 * A bad header is a recipe (plain data) applied to the real token at send time, so counterexamples,
 * reports and curl commands never hold the token or anything derived from it: curl shows the
 * recipe as a shell expression of `$BLEEPAY_TOKEN` ({@link authorizationShell}) and regression tests
 * as a JavaScript expression of `token` ({@link authorizationJs}).
 */
import fc from "fast-check";
import { AUTH_SCHEME } from "../../src/rules/index.js";

/** How a bad header is made from the real token. Positions are within the real token. */
export type BadAuthorization =
  | { readonly kind: "missing" }
  | { readonly kind: "empty-bearer" }
  | {
      readonly kind: "other-scheme";
      readonly scheme: string;
      readonly withToken: boolean;
      readonly credentials: string;
    }
  | { readonly kind: "no-scheme" }
  | { readonly kind: "random"; readonly token: string }
  | { readonly kind: "append"; readonly extra: string }
  | { readonly kind: "prepend"; readonly extra: string }
  | { readonly kind: "drop-last" }
  | { readonly kind: "drop-first" }
  | { readonly kind: "truncate"; readonly keep: number }
  | { readonly kind: "swap-case"; readonly at: number }
  | { readonly kind: "replace"; readonly at: number; readonly with: string }
  | { readonly kind: "upper-case" }
  | { readonly kind: "lower-case" }
  | { readonly kind: "doubled" };

const TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/";

/** Applies a recipe to the real token: the header value, or `undefined` for no header. */
export function authorizationHeader(recipe: BadAuthorization, token: string): string | undefined {
  const bearer = (t: string): string => `${AUTH_SCHEME} ${t}`;
  switch (recipe.kind) {
    case "missing":
      return undefined;
    case "empty-bearer":
      return AUTH_SCHEME;
    case "other-scheme":
      return `${recipe.scheme} ${recipe.withToken ? token : recipe.credentials}`;
    case "no-scheme":
      return token;
    case "random":
      return bearer(recipe.token);
    case "append":
      return bearer(token + recipe.extra);
    case "prepend":
      return bearer(recipe.extra + token);
    case "drop-last":
      return bearer(token.slice(0, -1));
    case "drop-first":
      return bearer(token.slice(1));
    case "truncate":
      return bearer(token.slice(0, recipe.keep));
    case "swap-case":
      return bearer(
        token.slice(0, recipe.at) + swapCase(token.charAt(recipe.at)) + token.slice(recipe.at + 1),
      );
    case "replace":
      return bearer(token.slice(0, recipe.at) + recipe.with + token.slice(recipe.at + 1));
    case "upper-case":
      return bearer(token.toUpperCase());
    case "lower-case":
      return bearer(token.toLowerCase());
    case "doubled":
      return bearer(token + token);
  }
}

function swapCase(c: string): string {
  return c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
}

/** Whether a header value carries the real credential (the scheme is case-insensitive, RFC 9110). */
export function isRealCredential(header: string | undefined, token: string): boolean {
  if (header === undefined) return false;
  const space = header.indexOf(" ");
  return (
    space > 0 &&
    header.slice(0, space).toLowerCase() === AUTH_SCHEME.toLowerCase() &&
    header.slice(space + 1) === token
  );
}

/**
 * A bad `Authorization` recipe for `token` (the real one): never a recipe that yields the real
 * credential (the upper case of an upper-case token, a replacement by the same character).
 */
export function badAuthorization(token: string): fc.Arbitrary<BadAuthorization> {
  const at = fc.nat({ max: Math.max(0, token.length - 1) });
  const extra = fc.string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 1, maxLength: 3 });
  return fc
    .oneof(
      fc.constant({ kind: "missing" as const }),
      fc.constant({ kind: "empty-bearer" as const }),
      fc
        .record({
          scheme: fc.constantFrom("Basic", "Token", "Digest", "Bearer:", "Bearerx", "OAuth", "ApiKey", "JWT"),
          withToken: fc.boolean(),
          credentials: fc.base64String({ minLength: 4, maxLength: 24 }),
        })
        .map((r) => ({ kind: "other-scheme" as const, ...r })),
      fc.constant({ kind: "no-scheme" as const }),
      fc
        .string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 1, maxLength: 64 })
        .map((t) => ({ kind: "random" as const, token: t })),
      extra.map((e) => ({ kind: "append" as const, extra: e })),
      extra.map((e) => ({ kind: "prepend" as const, extra: e })),
      fc.constant({ kind: "drop-last" as const }),
      fc.constant({ kind: "drop-first" as const }),
      fc.nat({ max: Math.max(0, token.length - 2) }).map((keep) => ({ kind: "truncate" as const, keep })),
      at.map((i) => ({ kind: "swap-case" as const, at: i })),
      fc
        .tuple(at, fc.constantFrom(...TOKEN_CHARS))
        .map(([i, c]) => ({ kind: "replace" as const, at: i, with: c })),
      fc.constant({ kind: "upper-case" as const }),
      fc.constant({ kind: "lower-case" as const }),
      fc.constant({ kind: "doubled" as const }),
    )
    .filter((recipe) => !isRealCredential(authorizationHeader(recipe, token), token));
}

const sq = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * The header as a bash word for curl (`-H <word>`), the token written as `$BLEEPAY_TOKEN`; or
 * `undefined` when no header is sent.
 *
 * @example
 * authorizationShell({ kind: "append", extra: "x" }); // "Authorization: Bearer ${BLEEPAY_TOKEN}"'x'
 */
export function authorizationShell(recipe: BadAuthorization): string | undefined {
  const header = (expression: string): string => `"Authorization: ${AUTH_SCHEME} ${expression}"`;
  const v = "BLEEPAY_TOKEN";
  switch (recipe.kind) {
    case "missing":
      return undefined;
    case "empty-bearer":
      return sq(`Authorization: ${AUTH_SCHEME}`);
    case "other-scheme":
      return recipe.withToken
        ? `"Authorization: ${recipe.scheme} \${${v}}"`
        : sq(`Authorization: ${recipe.scheme} ${recipe.credentials}`);
    case "no-scheme":
      return `"Authorization: \${${v}}"`;
    case "random":
      return sq(`Authorization: ${AUTH_SCHEME} ${recipe.token}`);
    case "append":
      return `${header(`\${${v}}`)}${sq(recipe.extra)}`;
    case "prepend":
      return `${sq(`Authorization: ${AUTH_SCHEME} ${recipe.extra}`)}"\${${v}}"`;
    case "drop-last":
      return header(`\${${v}%?}`);
    case "drop-first":
      return header(`\${${v}#?}`);
    case "truncate":
      return header(`\${${v}:0:${recipe.keep}}`);
    case "swap-case":
      return header(
        `\${${v}:0:${recipe.at}}$(printf %s "\${${v}:${recipe.at}:1}" | tr a-zA-Z A-Za-z)\${${v}:${recipe.at + 1}}`,
      );
    case "replace":
      return `${header(`\${${v}:0:${recipe.at}}`)}${sq(recipe.with)}"\${${v}:${recipe.at + 1}}"`;
    case "upper-case":
      return header(`\${${v}^^}`);
    case "lower-case":
      return header(`\${${v},,}`);
    case "doubled":
      return header(`\${${v}}\${${v}}`);
  }
}

/**
 * The header as a JavaScript expression over the variable `token` (for regression tests), or
 * `undefined` when no header is sent. Evaluated with the real token it equals {@link authorizationHeader}.
 */
export function authorizationJs(recipe: BadAuthorization): string | undefined {
  const q = (text: string): string => JSON.stringify(text);
  const bearer = (expression: string): string => `${q(`${AUTH_SCHEME} `)} + ${expression}`;
  switch (recipe.kind) {
    case "missing":
      return undefined;
    case "empty-bearer":
      return q(AUTH_SCHEME);
    case "other-scheme":
      return recipe.withToken
        ? `${q(`${recipe.scheme} `)} + token`
        : q(`${recipe.scheme} ${recipe.credentials}`);
    case "no-scheme":
      return "token";
    case "random":
      return q(`${AUTH_SCHEME} ${recipe.token}`);
    case "append":
      return bearer(`token + ${q(recipe.extra)}`);
    case "prepend":
      return bearer(`${q(recipe.extra)} + token`);
    case "drop-last":
      return bearer("token.slice(0, -1)");
    case "drop-first":
      return bearer("token.slice(1)");
    case "truncate":
      return bearer(`token.slice(0, ${recipe.keep})`);
    case "swap-case":
      return bearer(
        `token.slice(0, ${recipe.at}) + ((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()))(token.charAt(${recipe.at})) + token.slice(${recipe.at + 1})`,
      );
    case "replace":
      return bearer(`token.slice(0, ${recipe.at}) + ${q(recipe.with)} + token.slice(${recipe.at + 1})`);
    case "upper-case":
      return bearer("token.toUpperCase()");
    case "lower-case":
      return bearer("token.toLowerCase()");
    case "doubled":
      return bearer("token + token");
  }
}
