/**
 * The Open Session operation of one spec version, as the diff compares it: path and method,
 * effective security, parameters, request body and responses, each with the JSON pointer where
 * the spec defines it. Parameter, request-body, response, header and example `$ref`s are followed
 * here; schema `$ref`s are left for Ajv and the schema walk.
 */
import { OPEN_SESSION_PATH, openapiSpec } from "../rules/spec.js";
import { childPointer, isObject, pointerOf, resolveRefs } from "./json-pointer.js";

/** One media type of a body (`application/json`). */
export interface MediaModel {
  readonly mediaType: string;
  /** Pointer of the media type object. */
  readonly pointer: string;
  /** The schema, or `undefined` when the media type has none (any body). */
  readonly schema: unknown;
  /** Pointer of the schema (Ajv compiles the schema found there). */
  readonly schemaPointer: string;
  /** The spec's examples of this body, media-type examples first. */
  readonly examples: readonly unknown[];
}

/** A header, query, path or cookie parameter, or a response header. */
export interface ParameterModel {
  readonly name: string;
  readonly in: "header" | "query" | "path" | "cookie";
  readonly required: boolean;
  readonly schema: unknown;
  readonly schemaPointer: string;
  readonly pointer: string;
  readonly examples: readonly unknown[];
}

/** One documented answer (`200`, `4XX`, `default`). */
export interface ResponseModel {
  /** The key under `responses`, e.g. `401`. */
  readonly key: string;
  readonly pointer: string;
  readonly headers: readonly ParameterModel[];
  readonly content: readonly MediaModel[];
}

/** One security scheme as a request must satisfy it. */
export interface SecuritySchemeModel {
  /** Its name under `components.securitySchemes`. */
  readonly name: string;
  readonly type: string;
  /** `bearer`, `basic` … for `http` schemes (lower case). */
  readonly scheme: string | undefined;
  /** `header`, `query` or `cookie` for `apiKey` schemes. */
  readonly in: string | undefined;
  /** The header, query or cookie name of an `apiKey` scheme. */
  readonly paramName: string | undefined;
}

/** The Open Session operation of one spec. */
export interface OperationModel {
  readonly path: string;
  /** Upper case, e.g. `POST`. */
  readonly method: string;
  readonly operationId: string | undefined;
  /** Pointer of the operation object. */
  readonly pointer: string;
  /** The alternatives a request may satisfy; empty: no security. An empty alternative: anonymous. */
  readonly security: readonly (readonly SecuritySchemeModel[])[];
  /** Where the effective security is declared (the operation's, else the document's). */
  readonly securityPointer: string;
  readonly parameters: readonly ParameterModel[];
  readonly requestBody:
    | { readonly pointer: string; readonly required: boolean; readonly content: readonly MediaModel[] }
    | undefined;
  readonly responses: readonly ResponseModel[];
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** The project's own operation id and path: how the Open Session operation is recognised. */
const OPEN_SESSION_OPERATION_ID: string = openapiSpec.paths[OPEN_SESSION_PATH].post.operationId;

function examplesOf(document: unknown, holder: Record<string, unknown>, pointer: string): unknown[] {
  const found: unknown[] = [];
  if (isObject(holder.examples)) {
    for (const [name, raw] of Object.entries(holder.examples)) {
      const { node } = resolveRefs(document, raw, childPointer(pointer, "examples", name));
      if (isObject(node) && "value" in node) found.push(node.value);
    }
  }
  if ("example" in holder) found.push(holder.example);
  const schema = resolveRefs(document, holder.schema, childPointer(pointer, "schema")).node;
  if (isObject(schema)) {
    if (Array.isArray(schema.examples)) found.push(...schema.examples);
    if ("example" in schema) found.push(schema.example);
  }
  return found;
}

function mediaModels(document: unknown, content: unknown, pointer: string): MediaModel[] {
  if (!isObject(content)) return [];
  return Object.entries(content).map(([mediaType, raw]) => {
    const at = childPointer(pointer, mediaType);
    const media = isObject(raw) ? raw : {};
    return {
      mediaType,
      pointer: at,
      schema: media.schema,
      schemaPointer: childPointer(at, "schema"),
      examples: examplesOf(document, media, at),
    };
  });
}

function parameterModel(
  document: unknown,
  raw: unknown,
  pointer: string,
  fixed?: { name: string; in: "header" },
): ParameterModel | undefined {
  const { node, pointer: at } = resolveRefs(document, raw, pointer);
  if (!isObject(node)) return undefined;
  const name = fixed?.name ?? node.name;
  const where = fixed?.in ?? node.in;
  if (typeof name !== "string" || !["header", "query", "path", "cookie"].includes(String(where)))
    return undefined;
  // A parameter described by `content` instead of `schema` is read as a string of that media type.
  const schema = node.schema ?? { type: "string" };
  return {
    name,
    in: where as ParameterModel["in"],
    required: node.required === true || where === "path",
    schema,
    schemaPointer: childPointer(at, "schema"),
    pointer: at,
    examples: examplesOf(document, node, at),
  };
}

// OpenAPI: header parameters named Accept, Content-Type or Authorization are ignored (the body's
// media type and the security scheme say those).
const IGNORED_HEADERS = new Set(["accept", "content-type", "authorization"]);

function parametersOf(
  document: unknown,
  pathItem: Record<string, unknown>,
  operation: Record<string, unknown>,
  pathPointer: string,
  opPointer: string,
): ParameterModel[] {
  const byKey = new Map<string, ParameterModel>();
  for (const [list, at] of [
    [pathItem.parameters, childPointer(pathPointer, "parameters")],
    [operation.parameters, childPointer(opPointer, "parameters")],
  ] as const) {
    if (!Array.isArray(list)) continue;
    for (const [i, raw] of list.entries()) {
      const parameter = parameterModel(document, raw, childPointer(at, i));
      if (!parameter) continue;
      if (parameter.in === "header" && IGNORED_HEADERS.has(parameter.name.toLowerCase())) continue;
      const key = `${parameter.in}:${parameter.in === "header" ? parameter.name.toLowerCase() : parameter.name}`;
      byKey.set(key, parameter); // the operation's own overrides the path item's
    }
  }
  return [...byKey.values()];
}

function securityOf(
  document: Record<string, unknown>,
  operation: Record<string, unknown>,
  opPointer: string,
) {
  const own = Array.isArray(operation.security);
  const requirements = own ? operation.security : document.security;
  const securityPointer = own
    ? childPointer(opPointer, "security")
    : Array.isArray(document.security)
      ? "/security"
      : opPointer;
  const schemes =
    isObject(document.components) && isObject(document.components.securitySchemes)
      ? document.components.securitySchemes
      : {};
  const alternatives: SecuritySchemeModel[][] = [];
  if (Array.isArray(requirements)) {
    for (const requirement of requirements) {
      if (!isObject(requirement)) continue;
      alternatives.push(
        Object.keys(requirement).map((name) => {
          const { node } = resolveRefs(
            document,
            schemes[name],
            pointerOf(["components", "securitySchemes", name]),
          );
          const scheme = isObject(node) ? node : {};
          return {
            name,
            type: String(scheme.type ?? "unknown"),
            scheme: typeof scheme.scheme === "string" ? scheme.scheme.toLowerCase() : undefined,
            in: typeof scheme.in === "string" ? scheme.in : undefined,
            paramName: typeof scheme.name === "string" ? scheme.name : undefined,
          };
        }),
      );
    }
  }
  return { security: alternatives, securityPointer };
}

function responsesOf(document: unknown, responses: unknown, pointer: string): ResponseModel[] {
  if (!isObject(responses)) return [];
  return Object.entries(responses).map(([key, raw]) => {
    const { node, pointer: at } = resolveRefs(document, raw, childPointer(pointer, key));
    const response = isObject(node) ? node : {};
    const headers = isObject(response.headers)
      ? Object.entries(response.headers).flatMap(([name, header]) => {
          const model = parameterModel(document, header, childPointer(at, "headers", name), {
            name,
            in: "header",
          });
          return model && name.toLowerCase() !== "content-type" ? [model] : [];
        })
      : [];
    return {
      key: key.toUpperCase(),
      pointer: at,
      headers,
      content: mediaModels(document, response.content, childPointer(at, "content")),
    };
  });
}

/** Builds the model of the operation at `paths[path][method]`. */
export function operationModel(
  document: Record<string, unknown>,
  path: string,
  method: (typeof METHODS)[number],
): OperationModel | undefined {
  const paths = document.paths;
  if (!isObject(paths)) return undefined;
  const pathPointer = pointerOf(["paths", path]);
  const { node: pathNode } = resolveRefs(document, paths[path], pathPointer);
  if (!isObject(pathNode) || !isObject(pathNode[method])) return undefined;
  const operation = pathNode[method] as Record<string, unknown>;
  const pointer = childPointer(pathPointer, method);
  let requestBody: OperationModel["requestBody"];
  if (operation.requestBody !== undefined) {
    const { node, pointer: at } = resolveRefs(
      document,
      operation.requestBody,
      childPointer(pointer, "requestBody"),
    );
    if (isObject(node)) {
      requestBody = {
        pointer: at,
        required: node.required === true,
        content: mediaModels(document, node.content, childPointer(at, "content")),
      };
    }
  }
  return {
    path,
    method: method.toUpperCase(),
    operationId: typeof operation.operationId === "string" ? operation.operationId : undefined,
    pointer,
    ...securityOf(document, operation, pointer),
    parameters: parametersOf(document, pathNode, operation, pathPointer, pointer),
    requestBody,
    responses: responsesOf(document, operation.responses, childPointer(pointer, "responses")),
  };
}

/** Every operation of a document, as `[path, method]`. */
export function operationsOf(document: Record<string, unknown>): [string, (typeof METHODS)[number]][] {
  const paths = document.paths;
  if (!isObject(paths)) return [];
  return Object.entries(paths).flatMap(([path, item]) =>
    isObject(item)
      ? METHODS.filter((m) => isObject(item[m])).map((m) => [path, m] as [string, (typeof METHODS)[number]])
      : [],
  );
}

/**
 * Finds the Open Session operation: the one whose operationId is the project's (`openSession`),
 * wherever its path went, else `POST` on the project's path. `undefined` when there is neither.
 */
export function findOpenSession(document: Record<string, unknown>): OperationModel | undefined {
  const operations = operationsOf(document);
  const paths = document.paths as Record<string, Record<string, { operationId?: unknown }>>;
  const byId = operations.find(
    ([path, method]) => paths[path]?.[method]?.operationId === OPEN_SESSION_OPERATION_ID,
  );
  if (byId) return operationModel(document, byId[0], byId[1]);
  return operationModel(document, OPEN_SESSION_PATH, "post");
}

/** Whether a concrete request path matches a path template (`/sessions/{id}`). */
export function pathMatches(template: string, path: string): boolean {
  const pattern = template
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${pattern}$`).test(path);
}
