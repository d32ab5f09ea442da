/**
 * JSON pointers (RFC 6901) into a spec document, and `$ref` resolution within one document: both
 * specs of a diff are self-contained OpenAPI 3.1 files, so every `$ref` is a local `#/…` pointer.
 */

/** Escapes one segment of a JSON pointer (`~` → `~0`, `/` → `~1`). */
export function escapeSegment(segment: string | number): string {
  return String(segment).replaceAll("~", "~0").replaceAll("/", "~1");
}

/**
 * The JSON pointer of a list of segments.
 *
 * @example
 * pointerOf(["paths", "/api/v1/x", "post"]); // "/paths/~1api~1v1~1x/post"
 */
export function pointerOf(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${escapeSegment(s)}`).join("");
}

/** Appends segments to a pointer. */
export function childPointer(pointer: string, ...segments: readonly (string | number)[]): string {
  return pointer + pointerOf(segments);
}

/** The segments of a JSON pointer. */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** The value at a pointer, or `undefined` when nothing is there. */
export function valueAt(document: unknown, pointer: string): unknown {
  let node = document;
  for (const segment of parsePointer(pointer)) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** The pointer a local `$ref` (`#/components/schemas/X`) names, or `undefined` for another kind. */
export function refPointer(ref: string): string | undefined {
  if (!ref.startsWith("#")) return undefined;
  return decodeURIComponent(ref.slice(1));
}

/** Whether a value is a plain object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Follows `$ref`s from a node until a node without one, returning it and its pointer. Stops after
 * 32 hops, so a `$ref` cycle cannot hang a run (the loader has refused dangling refs already).
 */
export function resolveRefs(
  document: unknown,
  node: unknown,
  pointer: string,
): { node: unknown; pointer: string } {
  let current = node;
  let at = pointer;
  for (let hops = 0; hops < 32 && isObject(current) && typeof current.$ref === "string"; hops++) {
    const target = refPointer(current.$ref);
    if (target === undefined) break;
    const { $ref: _ignored, ...siblings } = current;
    const resolved = valueAt(document, target);
    // OpenAPI 3.1 lets a `$ref` carry siblings (usually a description): they are kept over the target.
    current = isObject(resolved) && Object.keys(siblings).length ? { ...resolved, ...siblings } : resolved;
    at = target;
  }
  return { node: current, pointer: at };
}
