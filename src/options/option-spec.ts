/**
 * Options, each defined once: its type, default, bounds, environment variable and help, and the
 * parser that turns what the user wrote (flag, config file or environment) into a typed value.
 * A command's settings type is inferred from its option set ({@link OptionValuesOf}), so a
 * misspelt option name does not compile, and a default is written in one place.
 */
import { OptionError } from "./option-error.js";
import { parseDuration } from "./parse-duration.js";

/** A value as written, before parsing: a flag's text, repeated values, or a boolean flag. */
export type RawValue = string | boolean | readonly string[] | undefined;

/** Raw values by option name (kebab-case, as typed). */
export type RawValues = Readonly<Record<string, RawValue>>;

/** One option of a command. */
export interface OptionSpec<T> {
  /** How `node:util` parseArgs reads it. */
  readonly type: "string" | "boolean";
  /** May be given several times. */
  readonly multiple?: boolean;
  /** One-letter alias. */
  readonly short?: string;
  /** Placeholder shown in `--help`, e.g. `URL`. */
  readonly valueName?: string;
  /** Environment variable read when neither the flag nor the config file gives it. */
  readonly env?: string;
  /** One line for `--help`. */
  readonly description: string;
  /** The value, as text, when nothing gives one (shown in `--help`). */
  readonly default?: string;
  /** Never allowed in a config file (config files get committed). */
  readonly secret?: boolean;
  /** Duration options: the bounds, in milliseconds (`all --timeout` takes what every stage takes). */
  readonly durationBounds?: { readonly minMs: number; readonly maxMs: number };
  /** Turns the raw value into the typed one; throws an {@link OptionError} naming `--name`. */
  parse(raw: RawValue, name: string): T;
}

/** A command's options, by long name. */
export type OptionSet = Readonly<Record<string, OptionSpec<unknown>>>;

/** `state-setup-url` → `stateSetupUrl`. */
export type CamelCase<S extends string> = S extends `${infer H}-${infer T}`
  ? `${H}${Capitalize<CamelCase<T>>}`
  : S;

/** The typed values of an option set, by camel-cased name. */
export type OptionValuesOf<O extends OptionSet> = {
  readonly [K in keyof O & string as CamelCase<K>]: O[K] extends OptionSpec<infer T> ? T : never;
};

/** `state-setup-url` → `stateSetupUrl`, at run time. */
export function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The text fields every option has. */
export interface OptionText {
  readonly description: string;
  readonly valueName?: string;
  readonly env?: string;
  readonly short?: string;
  readonly secret?: boolean;
}

/** The last value of an option given several times (a flag repeated overrides). */
export function lastValue(raw: RawValue): string | undefined {
  if (Array.isArray(raw)) return raw[raw.length - 1];
  return typeof raw === "string" ? raw : undefined;
}

const textOf = (o: OptionText): OptionText => ({
  description: o.description,
  ...(o.valueName !== undefined ? { valueName: o.valueName } : {}),
  ...(o.env !== undefined ? { env: o.env } : {}),
  ...(o.short !== undefined ? { short: o.short } : {}),
  ...(o.secret ? { secret: true } : {}),
});

function stringOption(o: OptionText & { readonly default: string }): OptionSpec<string>;
function stringOption(o: OptionText): OptionSpec<string | undefined>;
function stringOption(o: OptionText & { readonly default?: string }): OptionSpec<string | undefined> {
  return {
    type: "string",
    ...textOf(o),
    ...(o.default !== undefined ? { default: o.default } : {}),
    parse: (raw) => lastValue(raw) ?? o.default,
  };
}

/** Bounds of a whole-number option. */
interface IntBounds {
  readonly default: number;
  readonly min: number;
  readonly max: number;
}

/** Parses a whole number within bounds, `_` separators allowed; throws naming the option. */
export function parseWholeNumber(raw: string, name: string, bounds: Omit<IntBounds, "default">): number {
  const value = Number(raw.replaceAll("_", ""));
  if (
    !/^\s*\d[\d_]*\s*$/.test(raw) ||
    !Number.isSafeInteger(value) ||
    value < bounds.min ||
    value > bounds.max
  ) {
    throw new OptionError(
      `--${name} expects a whole number from ${bounds.min} to ${bounds.max}, got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

function intOption(o: OptionText & IntBounds): OptionSpec<number> {
  return {
    type: "string",
    valueName: "N",
    ...textOf(o),
    default: String(o.default),
    parse: (raw, name) => {
      const text = lastValue(raw);
      return text === undefined ? o.default : parseWholeNumber(text, name, o);
    },
  };
}

/** Bounds of a duration option, in milliseconds. */
interface DurationBounds {
  readonly minMs: number;
  readonly maxMs: number;
}

/** Parses a duration within bounds into milliseconds; throws naming the option. */
export function parseBoundedDuration(raw: string, name: string, bounds: DurationBounds): number {
  const ms = parseDuration(raw);
  if (ms === undefined || ms < bounds.minMs || ms > bounds.maxMs) {
    throw new OptionError(
      `--${name} expects a duration from ${bounds.minMs / 1000}s to ${bounds.maxMs / 1000}s (e.g. 5s, 500ms, 2m), got ${JSON.stringify(raw)}`,
    );
  }
  return ms;
}

function durationOption(o: OptionText & DurationBounds & { readonly default: string }): OptionSpec<number>;
function durationOption(o: OptionText & DurationBounds): OptionSpec<number | undefined>;
function durationOption(
  o: OptionText & DurationBounds & { readonly default?: string },
): OptionSpec<number | undefined> {
  const bounds = { minMs: o.minMs, maxMs: o.maxMs };
  // A default outside the bounds is a bug in the definition: fail at load, not at a user's run.
  const fallback = o.default === undefined ? undefined : parseBoundedDuration(o.default, "default", bounds);
  return {
    type: "string",
    valueName: "DURATION",
    ...textOf(o),
    ...(o.default !== undefined ? { default: o.default } : {}),
    durationBounds: bounds,
    parse: (raw, name) => {
      const text = lastValue(raw);
      return text === undefined ? fallback : parseBoundedDuration(text, name, bounds);
    },
  };
}

function flagOption(o: OptionText): OptionSpec<boolean> {
  return { type: "boolean", ...textOf(o), parse: (raw) => raw === true };
}

function listOption(o: OptionText & { readonly default?: readonly string[] }): OptionSpec<string[]>;
function listOption<T>(
  o: OptionText & { readonly default?: readonly string[]; readonly item: (text: string, name: string) => T },
): OptionSpec<T[]>;
function listOption<T>(
  o: OptionText & { readonly default?: readonly string[]; readonly item?: (text: string, name: string) => T },
): OptionSpec<unknown[]> {
  return {
    type: "string",
    multiple: true,
    ...textOf(o),
    parse: (raw, name) => {
      const given = Array.isArray(raw) ? [...raw] : typeof raw === "string" ? [raw] : [];
      const texts = given.length > 0 ? given : [...(o.default ?? [])];
      return o.item ? texts.map((t) => o.item?.(t, name)) : texts;
    },
  };
}

/** Parses an http(s) URL without credentials, trailing slashes dropped; throws naming the option. */
export function parseHttpUrl(raw: string, name: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OptionError(`--${name} expects an http:// or https:// URL, got ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new OptionError(`--${name} expects an http:// or https:// URL, got ${JSON.stringify(raw)}`);
  }
  // The message never repeats the value: it holds a password.
  if (url.username || url.password)
    throw new OptionError(`--${name} must not carry credentials; use --token`);
  return url.href.replace(/\/+$/, "");
}

function urlOption(o: OptionText): OptionSpec<string | undefined> {
  return {
    type: "string",
    valueName: "URL",
    ...textOf(o),
    parse: (raw, name) => {
      const text = lastValue(raw);
      return text === undefined ? undefined : parseHttpUrl(text, name);
    },
  };
}

function percentOption(o: OptionText & { readonly default: string }): OptionSpec<number> {
  const read = (text: string, name: string): number => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(%)?\s*$/.exec(text);
    const value = match ? Number(match[1]) / (match[2] ? 100 : 1) : Number.NaN;
    if (!(value >= 0 && value <= 1)) {
      throw new OptionError(
        `--${name} expects a share from 0% to 100% (e.g. 1%, or 0.01), got ${JSON.stringify(text)}`,
      );
    }
    return value;
  };
  const fallback = read(o.default, "default");
  return {
    type: "string",
    valueName: "PCT",
    ...textOf(o),
    default: o.default,
    parse: (raw, name) => {
      const text = lastValue(raw);
      return text === undefined ? fallback : read(text, name);
    },
  };
}

function choiceOption<C extends string>(
  o: OptionText & { readonly choices: readonly C[]; readonly default: NoInfer<C> },
): OptionSpec<C>;
function choiceOption<C extends string>(
  o: OptionText & { readonly choices: readonly C[] },
): OptionSpec<C | undefined>;
function choiceOption<C extends string>(
  o: OptionText & { readonly choices: readonly C[]; readonly default?: C },
): OptionSpec<C | undefined> {
  return {
    type: "string",
    ...textOf(o),
    ...(o.default !== undefined ? { default: o.default } : {}),
    parse: (raw, name) => {
      const text = lastValue(raw);
      if (text === undefined) return o.default;
      if (!o.choices.includes(text as C)) {
        throw new OptionError(`--${name} expects ${o.choices.join(" or ")}, got ${JSON.stringify(text)}`);
      }
      return text as C;
    },
  };
}

/** An option with a parser of its own (a rate, a seed, weights): the text, or undefined when absent. */
function customOption<T>(
  o: OptionText & { readonly default?: string; readonly read: (text: string | undefined, name: string) => T },
): OptionSpec<T> {
  return {
    type: "string",
    ...textOf(o),
    ...(o.default !== undefined ? { default: o.default } : {}),
    parse: (raw, name) => o.read(lastValue(raw) ?? o.default, name),
  };
}

/**
 * The option factories.
 *
 * @example
 * const FUZZ_OPTIONS = {
 *   runs: option.int({ default: 300, min: 1, max: 100_000, description: "Inputs per property" }),
 *   timeout: option.duration({ default: "10s", minMs: 100, maxMs: 120_000, description: "Per-request timeout" }),
 * } satisfies OptionSet;
 * // readOptions(FUZZ_OPTIONS, { runs: "50" }) → { runs: 50, timeout: 10000 }
 */
export const option = {
  string: stringOption,
  int: intOption,
  duration: durationOption,
  flag: flagOption,
  list: listOption,
  url: urlOption,
  percent: percentOption,
  choice: choiceOption,
  custom: customOption,
};
