/**
 * The witness search for one schema change: candidate bodies are made from the spec's examples,
 * mutated at the changed place only (the field removed, or set to each value the generating
 * version allows there: its const, enum values, examples, then fast-check samples with a fixed
 * seed), then whole bodies sampled from the schema. The first candidate the caller's check accepts
 * is the witness. The check runs both versions with Ajv and also asks that the refusal be *about
 * this change* (an Ajv error at the changed place), so that with several changes in one pair no
 * finding borrows another's witness.
 */

import { schemaValues } from "./schema-arbitrary.js";
import type { SchemaChange } from "./schema-changes.js";
import type { Problem } from "./spec-oracle.js";

/** Fixed, so that a diff and its witnesses are the same on every run. */
export const WITNESS_SEED = 14;
/** Most candidates tried for one change before giving up (it is then reported without witness). */
export const MAX_CANDIDATES = 400;

/** What to search from. */
export interface BodySearch {
  /** The generating version's examples of the body (even stale ones: they are edited before use). */
  readonly examples: readonly unknown[];
  /** Bodies the generating version allows, sampled from its schema. */
  readonly samples: readonly unknown[];
  /** The schema the generating version gives the changed place (`undefined`: it leaves it unspecified). */
  readonly valueSchema: unknown;
  /** The generating version's whole body schema, for whole-body samples. */
  readonly bodySchema: unknown;
  /** The generating version's document (its `$ref`s resolve there). */
  readonly document: unknown;
}

/** Outcome of a search: the witness, or how many candidates were tried. */
export type SearchResult<T> =
  | { readonly witness: T; readonly tried: number }
  | { readonly witness: undefined; readonly tried: number };

function setAt(root: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return structuredClone(value);
  const copy: unknown = root === undefined ? {} : structuredClone(root);
  let node = copy as Record<string, unknown> | unknown[];
  for (const [i, raw] of path.entries()) {
    const last = i === path.length - 1;
    if (raw === "[]") {
      const array = Array.isArray(node) ? node : undefined;
      if (!array) return undefined;
      if (last) {
        array[0] = structuredClone(value);
        return copy;
      }
      array[0] ??= {};
      node = array[0] as Record<string, unknown>;
      continue;
    }
    const key = raw === "*" ? "bleepayExtraField" : raw;
    if (typeof node !== "object" || node === null || Array.isArray(node)) return undefined;
    const record = node as Record<string, unknown>;
    if (last) {
      record[key] = structuredClone(value);
      return copy;
    }
    const next = path[i + 1] === "[]" ? [] : {};
    if (typeof record[key] !== "object" || record[key] === null) record[key] = next;
    node = record[key] as Record<string, unknown>;
  }
  return copy;
}

function deleteAt(root: unknown, path: readonly string[]): unknown {
  const copy = structuredClone(root);
  let node: unknown = copy;
  for (const [i, key] of path.entries()) {
    if (typeof node !== "object" || node === null || Array.isArray(node)) return undefined;
    const record = node as Record<string, unknown>;
    if (i === path.length - 1) {
      if (!(key in record)) return undefined;
      delete record[key];
      return copy;
    }
    node = record[key];
  }
  return undefined;
}

function valueAtPath(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = key === "[]" ? (node as unknown[])[0] : (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * The candidates for a change, lazily, in order of preference: the spec's examples as they are,
 * then edited at the changed place only, then sampled bodies as they are and edited, then whole
 * sampled bodies. So a witness is, whenever possible, the doc's example with one field changed.
 */
function* candidates(change: SchemaChange, search: BodySearch): Generator<unknown> {
  const path = change.instancePath;
  const options = { document: search.document, seed: WITNESS_SEED, extraKeys: "explicit" as const };
  const values =
    search.valueSchema === undefined ? [] : schemaValues(search.valueSchema, { ...options, count: 60 });
  const schema = search.valueSchema;
  const explicit =
    typeof schema === "object" &&
    schema !== null &&
    "additionalProperties" in schema &&
    (schema as { additionalProperties: unknown }).additionalProperties !== false;
  const edits = function* (bases: readonly unknown[]): Generator<unknown> {
    if (change.kind !== "node") for (const seed of bases) yield deleteAt(seed, path);
    for (const value of values) for (const seed of bases) yield setAt(seed, path, value);
    // An object that now takes fields it does not name, explicitly: the object with one more.
    if (
      change.kind === "node" &&
      explicit &&
      change.details.some((d) => d.startsWith("additionalProperties"))
    ) {
      for (const seed of bases) {
        const current = valueAtPath(seed, path);
        const object =
          typeof current === "object" && current !== null && !Array.isArray(current) ? current : {};
        for (const value of ["x", 1, true, null, {}])
          yield setAt(seed, path, { ...object, bleepayExtraField: value });
      }
    }
  };
  yield* search.examples;
  yield* edits(search.examples);
  yield* search.samples;
  yield* edits(search.samples);
  yield* schemaValues(search.bodySchema, { ...options, count: 40 });
}

/**
 * Runs the search: the first candidate for which `accept` returns a witness.
 *
 * @example
 * const found = searchWitness(change, search, (body) => (isWitness(body) ? makeWitness(body) : undefined));
 */
export function searchWitness<T>(
  change: SchemaChange,
  search: BodySearch,
  accept: (body: unknown) => T | undefined,
): SearchResult<T> {
  const seen = new Set<string>();
  let tried = 0;
  for (const candidate of candidates(change, search)) {
    if (candidate === undefined) continue;
    const key = JSON.stringify(candidate);
    if (seen.has(key)) continue;
    seen.add(key);
    tried++;
    const witness = accept(candidate);
    if (witness !== undefined) return { witness, tried };
    if (tried >= MAX_CANDIDATES) break;
  }
  return { witness: undefined, tried };
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const segmentPattern = (segment: string): string =>
  segment === "*"
    ? "[^/]+"
    : segment === "[]"
      ? "\\d+"
      : escapeRegExp(segment.replaceAll("~", "~0").replaceAll("/", "~1"));

/**
 * Whether a version's refusal is about this change: a body error at the changed place (or below
 * it), or, for a field, its parent object missing it or refusing it as unknown.
 */
export function concernsChange(change: SchemaChange, problems: readonly Problem[]): boolean {
  const body = problems.filter((p) => p.where === "body" && p.instancePath !== undefined);
  const path = change.instancePath;
  const at = new RegExp(`^${path.map((s) => `/${segmentPattern(s)}`).join("")}(?:/|$)`);
  if (change.kind === "node") return body.some((p) => at.test(p.instancePath as string));
  const field = path[path.length - 1] ?? "";
  const parent = new RegExp(
    `^${path
      .slice(0, -1)
      .map((s) => `/${segmentPattern(s)}`)
      .join("")}$`,
  );
  return body.some(
    (p) =>
      at.test(p.instancePath as string) ||
      (parent.test(p.instancePath as string) &&
        (p.params?.missingProperty === field || p.params?.additionalProperty === field)),
  );
}
