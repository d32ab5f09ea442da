/**
 * Where an option's value comes from, decided in one place for every command and for each stage
 * run by `all`: the command line, then the config file, then the environment, then the stage's
 * defaults under `all` (e.g. a shorter load), then the option's own default.
 */
import { OptionError } from "./option-error.js";
import {
  camelCase,
  type OptionSet,
  type OptionValuesOf,
  type RawValue,
  type RawValues,
} from "./option-spec.js";

/** The places a value may come from, strongest first. */
export interface OptionSources {
  /** What the command line gave. */
  readonly flags?: RawValues;
  /** What the config file gives this command (already checked against its options). */
  readonly config?: RawValues;
  /** The process environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Defaults that replace the options' own (a stage's under `all`). */
  readonly defaults?: Readonly<Record<string, string>>;
}

/** An environment variable's text as a raw value of the option. */
function fromEnv(text: string, multiple: boolean, type: "string" | "boolean"): RawValue {
  if (type === "boolean") return !/^(0|false|no)$/i.test(text);
  return multiple ? [text] : text;
}

/**
 * The raw value of every option of `options` from `sources`, in their order of precedence. An
 * option's own default is left to its parser (so `--help` and parsing read it from one place).
 *
 * @example
 * resolveRawValues(FUZZ_OPTIONS, { flags: { runs: "50" }, env: process.env });
 */
export function resolveRawValues(options: OptionSet, sources: OptionSources): RawValues {
  const values: Record<string, RawValue> = {};
  for (const [name, spec] of Object.entries(options)) {
    const flag = sources.flags?.[name];
    if (flag !== undefined) {
      values[name] = flag;
      continue;
    }
    const configured = sources.config?.[name];
    if (configured !== undefined) {
      values[name] = configured;
      continue;
    }
    const env = spec.env ? sources.env?.[spec.env] : undefined;
    if (env !== undefined && env !== "") {
      values[name] = fromEnv(env, spec.multiple === true, spec.type);
      continue;
    }
    const fallback = sources.defaults?.[name];
    if (fallback !== undefined) values[name] = spec.multiple ? [fallback] : fallback;
  }
  return values;
}

/**
 * Parses raw values into typed ones, by camel-cased name. Throws an {@link OptionError} naming the
 * first bad option.
 *
 * @example
 * const settings = readOptions(FUZZ_OPTIONS, resolveRawValues(FUZZ_OPTIONS, { flags }));
 * settings.runs; // number
 */
export function readOptions<O extends OptionSet>(options: O, raw: RawValues): OptionValuesOf<O> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(options)) {
    const value = raw[name];
    if (spec.type === "boolean" && value !== undefined && typeof value !== "boolean") {
      throw new OptionError(`--${name} is a switch: it takes no value`);
    }
    out[camelCase(name)] = spec.parse(value, name);
  }
  return out as OptionValuesOf<O>;
}

/**
 * The duration bounds every one of `specs` accepts (for an option that sets them all, such as
 * `all --timeout`), so that a value it accepts no stage refuses halfway through a run.
 */
export function commonDurationBounds(
  specs: readonly { readonly durationBounds?: { readonly minMs: number; readonly maxMs: number } }[],
): { minMs: number; maxMs: number } {
  const bounded = specs.flatMap((s) => (s.durationBounds ? [s.durationBounds] : []));
  return {
    minMs: Math.max(0, ...bounded.map((b) => b.minMs)),
    maxMs: Math.min(...bounded.map((b) => b.maxMs)),
  };
}
