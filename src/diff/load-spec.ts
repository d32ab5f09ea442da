/**
 * Reads one version of the spec for a diff: a YAML or JSON file holding a self-contained OpenAPI
 * 3.1 document with the Open Session operation. Anything else is a {@link DiffInputError} naming
 * the file and why, never a stack trace.
 */
import { readFile } from "node:fs/promises";
import { isObject, refPointer, valueAt } from "./json-pointer.js";
import { findOpenSession, type OperationModel } from "./operation-model.js";
import { DiffInputError } from "./spec-load-error.js";

/** One version of the spec, read and checked. */
export interface SpecDocument {
  /** The file it was read from, as given. */
  readonly file: string;
  /** The parsed document. */
  readonly document: Record<string, unknown>;
  /** The Open Session operation in it. */
  readonly operation: OperationModel;
  /** `info.version`, when the document has one. */
  readonly version: string | undefined;
}

/** Every `$ref` string in a document, with the pointer of the object holding it. */
function* refsIn(node: unknown, pointer: string): Generator<{ ref: string; at: string }> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* refsIn(item, `${pointer}/${i}`);
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    // `examples` and `x-*` hold data, not schemas: a `$ref` key there is a value, not a reference.
    if (key === "example" || key === "examples" || key.startsWith("x-")) continue;
    if (key === "$ref" && typeof value === "string") yield { ref: value, at: pointer };
    else yield* refsIn(value, `${pointer}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`);
  }
}

/** Parses YAML (JSON is YAML too); the first line of the parser's message on failure. */
async function parseYaml(file: string, text: string): Promise<unknown> {
  // Loaded on use: --help and usage errors need no YAML parser.
  const { parse } = await import("yaml");
  try {
    return parse(text, { prettyErrors: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new DiffInputError(file, `not valid YAML or JSON: ${message.split("\n")[0]}`);
  }
}

/**
 * Checks a parsed document: OpenAPI 3.1, local `$ref`s that all resolve, and the Open Session
 * operation. Throws a {@link DiffInputError} otherwise.
 */
export function checkSpecDocument(file: string, parsed: unknown): SpecDocument {
  if (!isObject(parsed)) throw new DiffInputError(file, "not an OpenAPI document (no top-level object)");
  const openapi = parsed.openapi;
  if (typeof openapi !== "string")
    throw new DiffInputError(file, "not an OpenAPI document (no `openapi` field)");
  if (!/^3\.1\.\d+/.test(openapi)) {
    throw new DiffInputError(file, `OpenAPI ${openapi}: bleepay-qa diff reads OpenAPI 3.1 documents`);
  }
  for (const { ref, at } of refsIn(parsed, "")) {
    const target = refPointer(ref);
    if (target === undefined) {
      throw new DiffInputError(
        file,
        `the $ref "${ref}" at ${at} points outside the file (only #/… refs are read)`,
      );
    }
    if (valueAt(parsed, target) === undefined) {
      throw new DiffInputError(file, `the $ref "${ref}" at ${at} points to nothing`);
    }
  }
  const operation = findOpenSession(parsed);
  if (!operation) {
    throw new DiffInputError(
      file,
      "has no Open Session operation (no operationId openSession and no POST /api/v1/vouchers/sessions/session-open)",
    );
  }
  const info = parsed.info;
  const version = isObject(info) && typeof info.version === "string" ? info.version : undefined;
  return { file, document: parsed, operation, version };
}

/**
 * Reads and checks one spec file.
 *
 * @example
 * const head = await loadSpecFile("openapi/bleepay-vouchers.yaml");
 * head.operation.path; // "/api/v1/vouchers/sessions/session-open"
 */
export async function loadSpecFile(file: string): Promise<SpecDocument> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a folder, not a spec file"
          : code === "EACCES"
            ? "permission denied"
            : `cannot be read (${code ?? String(error)})`;
    throw new DiffInputError(file, reason);
  }
  return checkSpecDocument(file, await parseYaml(file, text));
}
