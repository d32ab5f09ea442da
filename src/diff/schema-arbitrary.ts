/**
 * fast-check arbitraries derived from a JSON Schema (the subset OpenAPI 3.1 specs use: types,
 * enum and const, string patterns, lengths and formats, numeric bounds, objects, arrays, allOf,
 * anyOf and oneOf, local `$ref`s). They generate witness candidates; every candidate is checked
 * with Ajv afterwards, so a value that misses a rare keyword is filtered out, never trusted.
 */
import fc from "fast-check";
import { isObject, resolveRefs } from "./json-pointer.js";

/** How a schema is turned into an arbitrary. */
export interface ArbitraryOptions {
  /** The document its `$ref`s resolve in. */
  readonly document: unknown;
  /**
   * Whether an object gets keys its schema does not declare. `explicit`: only when the schema says
   * `additionalProperties: true` or gives a schema for them (a free-form object such as
   * `payeeInfo`), never for an object that merely leaves them unspecified: a client built on the
   * spec sends the fields the spec documents, so those are the requests worth witnessing.
   */
  readonly extraKeys?: "explicit" | "never";
}

const MAX_DEPTH = 6;
const FREE_STRING_MAX = 12;

/** Resolves `$ref`s and folds `allOf` into one schema (enough to generate from, not to validate). */
export function flattenSchema(
  schema: unknown,
  document: unknown,
  depth = 0,
): Record<string, unknown> | boolean {
  const { node } = resolveRefs(document, schema, "");
  if (typeof node === "boolean") return node;
  if (!isObject(node)) return true;
  if (!Array.isArray(node.allOf) || depth > MAX_DEPTH) return node;
  const { allOf, ...rest } = node;
  let merged: Record<string, unknown> = { ...rest };
  for (const part of allOf) {
    const flat = flattenSchema(part, document, depth + 1);
    if (flat === false) return false;
    if (flat === true) continue;
    merged = mergeSchemas(merged, flat);
  }
  return merged;
}

function mergeSchemas(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = out[key];
    if (mine === undefined) out[key] = value;
    else if (key === "properties" && isObject(mine) && isObject(value)) {
      const properties: Record<string, unknown> = { ...mine };
      for (const [name, schema] of Object.entries(value)) {
        properties[name] = properties[name] === undefined ? schema : { allOf: [properties[name], schema] };
      }
      out.properties = properties;
    } else if (key === "required" && Array.isArray(mine) && Array.isArray(value)) {
      out.required = [...new Set([...mine, ...value])];
    } else if (key === "minLength" || key === "minimum" || key === "minItems") {
      out[key] = Math.max(Number(mine), Number(value));
    } else if (key === "maxLength" || key === "maximum" || key === "maxItems") {
      out[key] = Math.min(Number(mine), Number(value));
    } else if (key === "additionalProperties" && (mine === false || value === false)) {
      out[key] = false;
    } else if (key === "enum" || key === "const" || key === "pattern" || key === "format" || key === "type") {
      // The narrower part wins: an enum or const over a bare type, the later part otherwise.
      out[key] = value;
    }
  }
  return out;
}

function typeOf(schema: Record<string, unknown>): string[] {
  if (typeof schema.type === "string") return [schema.type];
  if (Array.isArray(schema.type)) return schema.type.map(String);
  if (
    isObject(schema.properties) ||
    schema.additionalProperties !== undefined ||
    Array.isArray(schema.required)
  )
    return ["object"];
  if (schema.items !== undefined || schema.prefixItems !== undefined) return ["array"];
  if (typeof schema.pattern === "string" || schema.minLength !== undefined || schema.format !== undefined)
    return ["string"];
  if (schema.minimum !== undefined || schema.maximum !== undefined) return ["number"];
  return [];
}

// No `.filter` here: a filter that rarely passes makes fast-check spin, and every candidate is
// checked with Ajv anyway, so a value that misses a length or a pattern is merely not a witness.
function stringArbitrary(schema: Record<string, unknown>): fc.Arbitrary<string> {
  const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
  const maxLength =
    typeof schema.maxLength === "number" ? schema.maxLength : Math.max(minLength, FREE_STRING_MAX);
  const choices: fc.Arbitrary<string>[] = [];
  const byFormat = formatArbitrary(schema.format);
  if (byFormat) choices.push(byFormat);
  if (typeof schema.pattern === "string") {
    try {
      choices.push(fc.stringMatching(new RegExp(schema.pattern, "u")));
    } catch {
      // A pattern fast-check cannot expand (look-arounds, back-references): plain text instead.
    }
  }
  if (choices.length === 0) choices.push(fc.string({ minLength, maxLength }));
  return choices.length === 1 ? (choices[0] as fc.Arbitrary<string>) : fc.oneof(...choices);
}

function formatArbitrary(format: unknown): fc.Arbitrary<string> | undefined {
  const dates = fc.date({
    min: new Date("2000-01-01T00:00:00.000Z"),
    max: new Date("2099-12-31T23:59:59.999Z"),
    noInvalidDate: true,
  });
  switch (format) {
    case "date-time":
      return dates.map((d) => d.toISOString());
    case "date":
      return dates.map((d) => d.toISOString().slice(0, 10));
    case "email":
      return fc.emailAddress();
    case "uuid":
      return fc.uuid();
    case "uri":
    case "url":
      return fc.webUrl();
    default:
      return undefined;
  }
}

function numberArbitrary(schema: Record<string, unknown>, integer: boolean): fc.Arbitrary<number> {
  const bound = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);
  let min = bound(schema.minimum);
  let max = bound(schema.maximum);
  const exclusiveMin = bound(schema.exclusiveMinimum);
  const exclusiveMax = bound(schema.exclusiveMaximum);
  if (integer) {
    if (exclusiveMin !== undefined) min = Math.max(min ?? -Infinity, Math.floor(exclusiveMin) + 1);
    if (exclusiveMax !== undefined) max = Math.min(max ?? Infinity, Math.ceil(exclusiveMax) - 1);
    return fc.integer({
      min: Math.max(Math.ceil(min ?? -1_000_000), Number.MIN_SAFE_INTEGER),
      max: Math.min(Math.floor(max ?? 1_000_000_000_000), Number.MAX_SAFE_INTEGER),
    });
  }
  const double = fc.double({
    min: min ?? exclusiveMin ?? -1e12,
    max: max ?? exclusiveMax ?? 1e12,
    noNaN: true,
    noDefaultInfinity: true,
    minExcluded: min === undefined && exclusiveMin !== undefined,
    maxExcluded: max === undefined && exclusiveMax !== undefined,
  });
  // Whole numbers first: a timestamp such as 1781006400000 is what a real provider sends.
  return fc.oneof(numberArbitrary(schema, true), double);
}

function objectArbitrary(
  schema: Record<string, unknown>,
  options: ArbitraryOptions,
  depth: number,
): fc.Arbitrary<unknown> {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties))
    model[name] = schemaArbitrary(property, options, depth + 1);
  // A required key the schema does not describe still has to be there: any JSON value.
  for (const name of required) model[name] ??= fc.jsonValue({ maxDepth: 1 });
  const declared = fc.record(model, { requiredKeys: [...required] });
  const extra = schema.additionalProperties;
  const explicit = extra === true || isObject(extra);
  if (options.extraKeys === "never" || !explicit) return declared;
  const key = fc
    .string({ minLength: 1, maxLength: 8 })
    .filter((k) => !(k in properties) && k !== "__proto__");
  const value = extra === true ? fc.jsonValue({ maxDepth: 2 }) : schemaArbitrary(extra, options, depth + 1);
  return fc
    .tuple(
      declared,
      fc.dictionary(key, value, { minKeys: Object.keys(properties).length ? 0 : 1, maxKeys: 3 }),
    )
    .map(([own, more]) => ({ ...more, ...(own as Record<string, unknown>) }));
}

/**
 * An arbitrary of values that (mostly) satisfy a schema.
 *
 * @example
 * fc.sample(schemaArbitrary({ type: "string", pattern: "^ses_[a-z]+$" }, { document: {} }), { seed: 1, numRuns: 3 });
 */
export function schemaArbitrary(
  schema: unknown,
  options: ArbitraryOptions,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (depth > MAX_DEPTH) return fc.constant(null);
  const flat = flattenSchema(schema, options.document);
  if (flat === true) return fc.jsonValue({ maxDepth: 2 });
  if (flat === false) return fc.constant(null);
  if ("const" in flat) return fc.constant(flat.const);
  if (Array.isArray(flat.enum) && flat.enum.length) return fc.constantFrom(...flat.enum);
  for (const key of ["anyOf", "oneOf"] as const) {
    const choices = flat[key];
    if (Array.isArray(choices) && choices.length) {
      const { [key]: _choices, ...rest } = flat;
      return fc.oneof(
        ...choices.map((choice) => schemaArbitrary({ allOf: [rest, choice] }, options, depth + 1)),
      );
    }
  }
  const types = typeOf(flat);
  if (types.length === 0) return fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(
    ...types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case "string":
          return stringArbitrary(flat);
        case "integer":
          return numberArbitrary(flat, true);
        case "number":
          return numberArbitrary(flat, false);
        case "boolean":
          return fc.boolean();
        case "null":
          return fc.constant(null);
        case "array": {
          const minLength = typeof flat.minItems === "number" ? flat.minItems : 0;
          const maxLength = typeof flat.maxItems === "number" ? flat.maxItems : minLength + 3;
          return fc.array(schemaArbitrary(flat.items ?? true, options, depth + 1), {
            minLength,
            maxLength: Math.min(maxLength, minLength + 3),
          });
        }
        default:
          return objectArbitrary(flat, options, depth);
      }
    }),
  );
}

/** An object with only its required fields, each a plain value of its schema. */
function plainObject(
  schema: Record<string, unknown>,
  options: ArbitraryOptions,
  depth = 0,
): Record<string, unknown> {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const out: Record<string, unknown> = {};
  for (const name of Array.isArray(schema.required) ? schema.required.map(String) : []) {
    out[name] = plainValue(properties[name] ?? true, options, depth + 1);
  }
  return out;
}

/** One plain value of a schema: its const, first enum value or example, else the simplest of its type. */
function plainValue(schema: unknown, options: ArbitraryOptions, depth: number): unknown {
  const flat = flattenSchema(schema, options.document);
  if (!isObject(flat) || depth > MAX_DEPTH) return "x";
  if ("const" in flat) return flat.const;
  if (Array.isArray(flat.enum) && flat.enum.length) return flat.enum[0];
  if (Array.isArray(flat.examples) && flat.examples.length) return flat.examples[0];
  if ("example" in flat) return flat.example;
  const type = typeOf(flat)[0];
  if (type === "object") return plainObject(flat, options, depth);
  if (type === "array") return [];
  if (type === "integer" || type === "number") return typeof flat.minimum === "number" ? flat.minimum : 1;
  if (type === "boolean") return true;
  if (type === "null") return null;
  if (typeof flat.pattern === "string" || flat.format !== undefined) {
    return fc.sample(stringArbitrary(flat), { seed: 1, numRuns: 1 })[0] ?? "x";
  }
  return "x".repeat(Math.max(1, typeof flat.minLength === "number" ? flat.minLength : 1));
}

/**
 * Values to try for a schema, without randomness first: its const, enum values and examples, then
 * `count` samples of {@link schemaArbitrary} drawn with a fixed seed (so a diff is reproducible).
 */
export function schemaValues(
  schema: unknown,
  options: ArbitraryOptions & { seed: number; count: number },
): unknown[] {
  const flat = flattenSchema(schema, options.document);
  const values: unknown[] = [];
  // Plain values first, so that a witness reads `"storeId": 0`, not a random blob.
  if (flat === true) values.push("x", 0, true, null, {}, []);
  if (isObject(flat) && !("const" in flat) && !Array.isArray(flat.enum)) {
    const types = typeOf(flat);
    if (types.includes("string") && flat.pattern === undefined && flat.format === undefined) {
      values.push("x".repeat(Math.max(1, typeof flat.minLength === "number" ? flat.minLength : 1)));
    }
    if (types.includes("integer") || types.includes("number")) values.push(1, 0);
    if (types.includes("boolean")) values.push(true);
    if (types.includes("object")) {
      const plain = plainObject(flat, options);
      values.push(plain);
      if (flat.additionalProperties === true) values.push({ ...plain, note: "x" });
    }
  }
  if (isObject(flat)) {
    if ("const" in flat) values.push(flat.const);
    if (Array.isArray(flat.enum)) values.push(...flat.enum);
    if (Array.isArray(flat.examples)) values.push(...flat.examples);
    if ("example" in flat) values.push(flat.example);
    if ("default" in flat) values.push(flat.default);
  }
  if (options.count > 0) {
    values.push(
      ...fc.sample(schemaArbitrary(schema, options), { seed: options.seed, numRuns: options.count }),
    );
  }
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(v) ?? "undefined";
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
