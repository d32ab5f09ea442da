/**
 * Redaction of every string inside a report's data, before it is rendered. Redacting the rendered
 * text alone is not enough: HTML escaping or JSON quoting changes a token holding `&`, `<` or `"`,
 * and the escaped form would no longer match the secret.
 */

/**
 * Returns a copy of `value` with `clean` applied to every string in it (keys included).
 *
 * @example
 * redactDeep({ detail: "echoed s3cret" }, (t) => t.replaceAll("s3cret", "[REDACTED]"));
 */
export function redactDeep<T>(value: T, clean: (text: string) => string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return clean(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [clean(k), walk(inner)]));
    }
    return v;
  };
  return walk(value) as T;
}
