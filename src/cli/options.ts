/**
 * Option definitions and typed readers. Every reader names the option and the value it expects in
 * its error, so a bad flag is one clear line and exit 2.
 */
import { usageError } from "./cli-error.js";

/** One command-line option. */
export interface OptionDefinition {
  readonly type: "string" | "boolean";
  /** One line for `--help`. */
  readonly description: string;
  /** Placeholder shown in `--help`, e.g. `URL`. */
  readonly valueName?: string;
  /** May be given several times. */
  readonly multiple?: boolean;
  /** One-letter alias. */
  readonly short?: string;
  /** Environment variable read when the option is absent. */
  readonly env?: string;
  /** Value when neither the option nor its variable is given. */
  readonly default?: string;
}

/** A command's options, by long name. */
export type OptionDefinitions = Readonly<Record<string, OptionDefinition>>;

/** Parsed option values, by long name. */
export type OptionValues = Readonly<Record<string, string | boolean | string[] | undefined>>;

/** The options every command that talks to a target shares. */
export const TARGET_OPTIONS: OptionDefinitions = {
  "base-url": {
    type: "string",
    valueName: "URL",
    env: "BLEEPAY_BASE_URL",
    description: "Provider to test; absent: start the embedded reference provider on a free port",
  },
  token: {
    type: "string",
    valueName: "TOKEN",
    env: "BLEEPAY_TOKEN",
    description: "Payee bearer token (required with --base-url; never printed or written)",
  },
  "state-setup-url": {
    type: "string",
    valueName: "URL",
    env: "BLEEPAY_STATE_SETUP_URL",
    description: "Pact provider-state endpoint of the target (embedded: its own)",
  },
  "reports-dir": {
    type: "string",
    valueName: "DIR",
    env: "BLEEPAY_REPORTS_DIR",
    default: "reports",
    description: "Where reports are written",
  },
};

/** The string value of an option, if any. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  if (Array.isArray(value)) return value[value.length - 1];
  return typeof value === "string" ? value : undefined;
}

/** Every value of a repeatable option. */
export function listOption(values: OptionValues, name: string): string[] {
  const value = values[name];
  if (Array.isArray(value)) return value;
  return typeof value === "string" ? [value] : [];
}

/** Whether a boolean option is set. */
export function flagOption(values: OptionValues, name: string): boolean {
  return values[name] === true;
}

/** A whole number option within bounds. */
export function intOption(
  values: OptionValues,
  name: string,
  bounds: { min: number; max: number; fallback: number },
): number {
  const raw = stringOption(values, name);
  if (raw === undefined) return bounds.fallback;
  const value = Number(raw.replaceAll("_", ""));
  if (
    !/^\s*\d[\d_]*\s*$/.test(raw) ||
    !Number.isSafeInteger(value) ||
    value < bounds.min ||
    value > bounds.max
  ) {
    throw usageError(
      `--${name} expects a whole number from ${bounds.min} to ${bounds.max}, got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

/** Parses a duration: `500ms`, `5s`, `2m`, or a bare number of seconds. Returns milliseconds. */
export function parseDuration(raw: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(raw);
  if (!match) return undefined;
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? "s") as "ms" | "s" | "m" | "h"];
  return Number(match[1]) * factor;
}

/** A duration option in milliseconds, within bounds (given in milliseconds). */
export function durationOption(
  values: OptionValues,
  name: string,
  bounds: { minMs: number; maxMs: number; fallbackMs: number },
): number {
  const raw = stringOption(values, name);
  if (raw === undefined) return bounds.fallbackMs;
  const ms = parseDuration(raw);
  if (ms === undefined || ms < bounds.minMs || ms > bounds.maxMs) {
    throw usageError(
      `--${name} expects a duration from ${bounds.minMs / 1000}s to ${bounds.maxMs / 1000}s (e.g. 5s, 500ms, 2m), got ${JSON.stringify(raw)}`,
    );
  }
  return ms;
}

/** An http(s) URL option, without a trailing slash. */
export function urlOption(values: OptionValues, name: string): string | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(`--${name} expects an http:// or https:// URL, got ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw usageError(`--${name} expects an http:// or https:// URL, got ${JSON.stringify(raw)}`);
  }
  if (url.username || url.password) throw usageError(`--${name} must not carry credentials; use --token`);
  return url.href.replace(/\/+$/, "");
}
