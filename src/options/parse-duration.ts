/** Durations as users write them: `500ms`, `5s`, `2m`, `1h`, or a bare number of seconds. */

/**
 * Parses a duration into milliseconds; `undefined` when it is not one.
 *
 * @example
 * parseDuration("1.5s"); // 1500
 * parseDuration("5"); // 5000: a bare number is seconds
 */
export function parseDuration(raw: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(raw);
  if (!match) return undefined;
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? "s") as "ms" | "s" | "m" | "h"];
  return Number(match[1]) * factor;
}
