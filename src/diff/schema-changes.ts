/**
 * Walks two versions of a schema side by side and lists what changed in what they accept, node by
 * node: assertion keywords (type, enum, pattern, lengths, bounds, additionalProperties …) and
 * fields added, removed, made required or optional. Annotations (description, examples, title,
 * `x-…`) are not compared: a description-only change is no change. Each change says where it is
 * (a JSON pointer into each version) and where in a body it applies (the instance path), which is
 * all the witness search needs.
 */
import { childPointer, isObject, resolveRefs } from "./json-pointer.js";

/** A segment of an instance path: a field name, `*` (a field the schema does not name) or `[]` (an item). */
export type InstanceSegment = string;

/** One side of a change: where the schema is and the schema describing the value there. */
export interface ChangeSide {
  /** JSON pointer of the schema node in that version, when it has one. */
  readonly pointer: string | undefined;
  /**
   * The schema that describes the value at the instance path in that version: `undefined` when
   * that version leaves it unspecified (a field an object neither names nor explicitly allows).
   */
  readonly schema: unknown;
}

/** What changed at one place of a schema. */
export interface SchemaChange {
  readonly kind: "node" | "property-added" | "property-removed" | "required-added" | "required-removed";
  /** Where in a body: the node, or for field kinds the field itself. */
  readonly instancePath: readonly InstanceSegment[];
  readonly base: ChangeSide;
  readonly head: ChangeSide;
  /** For `node`: each keyword that changed, e.g. `type string → number`. */
  readonly details: readonly string[];
  /** For field kinds: whether the field is required in the version that names it. */
  readonly required?: boolean;
  /** Where a finding about it points: into the new version, or into the old one for a removal. */
  readonly at: { readonly spec: "base" | "head"; readonly pointer: string };
}

const ANNOTATIONS = new Set([
  "description",
  "title",
  "examples",
  "example",
  "default",
  "$comment",
  "deprecated",
  "readOnly",
  "writeOnly",
  "externalDocs",
  "xml",
  "discriminator",
  "$id",
  "$schema",
  "$anchor",
]);

const SCALAR_KEYWORDS = [
  "const",
  "pattern",
  "format",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
] as const;

const WALKED = new Set([
  ...SCALAR_KEYWORDS,
  "type",
  "enum",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "allOf",
  "anyOf",
  "oneOf",
  "$ref",
]);

/** A schema without its annotations, for a deep comparison of the keywords not walked one by one. */
function stripAnnotations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripAnnotations);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (ANNOTATIONS.has(key) || key.startsWith("x-")) continue;
    out[key] = stripAnnotations(value[key]);
  }
  return out;
}

const same = (a: unknown, b: unknown): boolean =>
  JSON.stringify(stripAnnotations(a)) === JSON.stringify(stripAnnotations(b));

/** A keyword value as a person reads it in a one-line message. */
export function show(value: unknown): string {
  if (value === undefined) return "(none)";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const typesOf = (schema: Record<string, unknown>): string | undefined =>
  schema.type === undefined ? undefined : [schema.type].flat().map(String).sort().join("|");

// `additionalProperties` absent and `true` validate alike.
const extraOf = (schema: Record<string, unknown>): unknown => schema.additionalProperties ?? true;

/** The schema a version gives a field it does not name: its explicit `additionalProperties`, if any. */
const undeclaredFieldSchema = (schema: Record<string, unknown>): unknown => schema.additionalProperties;

interface Side {
  readonly document: unknown;
  readonly node: unknown;
  readonly pointer: string;
}

/**
 * Lists the changes between two schemas.
 *
 * @example
 * const changes = schemaChanges({ document: base, node: baseSchema, pointer: "/components/schemas/Session" },
 *   { document: head, node: headSchema, pointer: "/components/schemas/Session" });
 */
export function schemaChanges(base: Side, head: Side): SchemaChange[] {
  const out: SchemaChange[] = [];
  walk(base, head, [], new Set(), out);
  return out;
}

function walk(
  baseSide: Side,
  headSide: Side,
  path: InstanceSegment[],
  stack: Set<string>,
  out: SchemaChange[],
): void {
  const b = resolveRefs(baseSide.document, baseSide.node, baseSide.pointer);
  const h = resolveRefs(headSide.document, headSide.node, headSide.pointer);
  const key = `${b.pointer}|${h.pointer}|${path.join("/")}`;
  // A recursive schema meets itself again: its changes were listed on the first visit.
  if (stack.has(key)) return;
  stack.add(key);
  const base = { ...baseSide, node: b.node, pointer: b.pointer };
  const head = { ...headSide, node: h.node, pointer: h.pointer };
  const node = (change: Omit<SchemaChange, "base" | "head" | "instancePath" | "at">): void => {
    out.push({
      ...change,
      instancePath: path,
      at: { spec: "head", pointer: head.pointer },
      base: { pointer: base.pointer, schema: base.node },
      head: { pointer: head.pointer, schema: head.node },
    });
  };
  if (!isObject(base.node) || !isObject(head.node)) {
    if (!same(base.node, head.node))
      node({ kind: "node", details: [`schema ${show(base.node)} → ${show(head.node)}`] });
    stack.delete(key);
    return;
  }
  const bs = base.node;
  const hs = head.node;
  const details: string[] = [];
  if (typesOf(bs) !== typesOf(hs)) details.push(`type ${show(typesOf(bs))} → ${show(typesOf(hs))}`);
  if (!same(bs.enum, hs.enum)) {
    const before = Array.isArray(bs.enum) ? bs.enum.map((v) => JSON.stringify(v)) : undefined;
    const after = Array.isArray(hs.enum) ? hs.enum.map((v) => JSON.stringify(v)) : undefined;
    if (before && after) {
      const added = after.filter((v) => !before.includes(v));
      const dropped = before.filter((v) => !after.includes(v));
      details.push(
        [
          added.length ? `enum adds ${added.join(", ")}` : "",
          dropped.length ? `enum drops ${dropped.join(", ")}` : "",
        ]
          .filter(Boolean)
          .join(", ") || "enum reordered",
      );
    } else details.push(`enum ${show(bs.enum)} → ${show(hs.enum)}`);
  }
  for (const keyword of SCALAR_KEYWORDS) {
    if (!same(bs[keyword], hs[keyword]))
      details.push(`${keyword} ${show(bs[keyword])} → ${show(hs[keyword])}`);
  }
  const extraBase = extraOf(bs);
  const extraHead = extraOf(hs);
  if (isObject(extraBase) && isObject(extraHead)) {
    walk(
      { ...base, node: extraBase, pointer: childPointer(base.pointer, "additionalProperties") },
      { ...head, node: extraHead, pointer: childPointer(head.pointer, "additionalProperties") },
      [...path, "*"],
      stack,
      out,
    );
  } else if (!same(extraBase, extraHead)) {
    details.push(`additionalProperties ${show(extraBase)} → ${show(extraHead)}`);
  }
  for (const keyword of ["allOf", "anyOf", "oneOf"] as const) {
    const before = bs[keyword];
    const after = hs[keyword];
    if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
      for (const [i, part] of before.entries()) {
        walk(
          { ...base, node: part, pointer: childPointer(base.pointer, keyword, i) },
          { ...head, node: after[i], pointer: childPointer(head.pointer, keyword, i) },
          path,
          stack,
          out,
        );
      }
    } else if (!same(before, after)) details.push(`${keyword} changed`);
  }
  for (const keyword of new Set([...Object.keys(bs), ...Object.keys(hs)])) {
    if (WALKED.has(keyword) || ANNOTATIONS.has(keyword) || keyword.startsWith("x-")) continue;
    if (!same(bs[keyword], hs[keyword])) details.push(`${keyword} changed`);
  }
  if (details.length) node({ kind: "node", details });

  const baseProps = isObject(bs.properties) ? bs.properties : {};
  const headProps = isObject(hs.properties) ? hs.properties : {};
  const baseRequired = new Set(Array.isArray(bs.required) ? bs.required.map(String) : []);
  const headRequired = new Set(Array.isArray(hs.required) ? hs.required.map(String) : []);
  const names = new Set([
    ...Object.keys(baseProps),
    ...Object.keys(headProps),
    ...baseRequired,
    ...headRequired,
  ]);
  for (const name of names) {
    const inBase = name in baseProps;
    const inHead = name in headProps;
    const field = [...path, name];
    const basePointer = childPointer(base.pointer, "properties", name);
    const headPointer = childPointer(head.pointer, "properties", name);
    if (inBase && inHead) {
      walk(
        { ...base, node: baseProps[name], pointer: basePointer },
        { ...head, node: headProps[name], pointer: headPointer },
        field,
        stack,
        out,
      );
    }
    const field_ = (kind: SchemaChange["kind"], required: boolean): void => {
      out.push({
        kind,
        instancePath: field,
        required,
        base: {
          pointer: inBase ? basePointer : base.pointer,
          schema: inBase ? baseProps[name] : undeclaredFieldSchema(bs),
        },
        head: {
          pointer: inHead ? headPointer : head.pointer,
          schema: inHead ? headProps[name] : undeclaredFieldSchema(hs),
        },
        details: [],
        at:
          kind === "property-added"
            ? { spec: "head", pointer: headPointer }
            : kind === "property-removed"
              ? { spec: "base", pointer: basePointer }
              : { spec: "head", pointer: childPointer(head.pointer, "required") },
      });
    };
    if (!inBase && inHead) field_("property-added", headRequired.has(name));
    else if (inBase && !inHead) field_("property-removed", baseRequired.has(name));
    else if (!baseRequired.has(name) && headRequired.has(name)) field_("required-added", true);
    else if (baseRequired.has(name) && !headRequired.has(name)) field_("required-removed", false);
  }

  if (bs.items !== undefined || hs.items !== undefined) {
    walk(
      { ...base, node: bs.items ?? true, pointer: childPointer(base.pointer, "items") },
      { ...head, node: hs.items ?? true, pointer: childPointer(head.pointer, "items") },
      [...path, "[]"],
      stack,
      out,
    );
  }
  stack.delete(key);
}
