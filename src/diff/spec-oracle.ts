/**
 * The oracle of one spec version: whether it accepts a concrete request and allows a concrete
 * answer, by the operation's path, security, parameters, media types and JSON Schemas. Each
 * version is compiled into its own Ajv (draft 2020-12) instance, with the whole document added
 * under one id so that every `#/components/…` `$ref` resolves within that version.
 */
import { createRequire } from "node:module";
import type { Ajv2020, ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { isObject, resolveRefs, valueAt } from "./json-pointer.js";
import type { SpecDocument } from "./load-spec.js";
import {
  type MediaModel,
  type OperationModel,
  type ParameterModel,
  pathMatches,
  type ResponseModel,
} from "./operation-model.js";
import { DiffInputError } from "./spec-load-error.js";

const require = createRequire(import.meta.url);

/** A request as a witness carries it. `body` undefined: no body. */
export interface WitnessRequest {
  readonly method: string;
  /** The path, with any query string. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** An answer as a witness carries it. `body` undefined: no body. */
export interface WitnessAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** One reason a version refuses a request or forbids an answer. */
export interface Problem {
  readonly where: "operation" | "security" | "parameter" | "content-type" | "body" | "status" | "header";
  /** The parameter or header concerned. */
  readonly name?: string;
  /** For body problems: Ajv's instance path (`/createdAt`) and keyword, params. */
  readonly instancePath?: string;
  readonly keyword?: string;
  readonly params?: Readonly<Record<string, unknown>>;
  /** One clause, e.g. `/code must NOT have fewer than 8 characters`. */
  readonly message: string;
}

/** A version's verdict on a request or an answer. */
export interface Verdict {
  readonly ok: boolean;
  readonly problems: readonly Problem[];
}

const header = (headers: Readonly<Record<string, string>>, name: string): string | undefined => {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
};

/** The media type of a body, without parameters, lower case. */
export const bareMediaType = (value: string): string => (value.split(";")[0] ?? "").trim().toLowerCase();

/** The spec's media type that a `Content-Type` falls under (exact, then `type/*`, then `*\/*`). */
export function matchMediaType(content: readonly MediaModel[], contentType: string): MediaModel | undefined {
  const bare = bareMediaType(contentType);
  const [type] = bare.split("/");
  return (
    content.find((m) => bareMediaType(m.mediaType) === bare) ??
    content.find((m) => bareMediaType(m.mediaType) === `${type}/*`) ??
    content.find((m) => bareMediaType(m.mediaType) === "*/*")
  );
}

/** The documented answer a status falls under: exact, then its range (`4XX`), then `default`. */
export function matchResponse(
  responses: readonly ResponseModel[],
  status: number,
): ResponseModel | undefined {
  return (
    responses.find((r) => r.key === String(status)) ??
    responses.find((r) => r.key === `${Math.floor(status / 100)}XX`) ??
    responses.find((r) => r.key === "DEFAULT")
  );
}

let ids = 0;

/** The oracle of one spec version. */
export class SpecOracle {
  readonly #ajv: Ajv2020;
  readonly #id: string;
  readonly #validators = new Map<string, ValidateFunction>();

  constructor(
    /** `base` or `head`. */
    readonly label: "base" | "head",
    readonly spec: SpecDocument,
  ) {
    const { Ajv2020: Ajv } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
    const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;
    // strict: false because specs carry OpenAPI-only keywords (x-…, example, discriminator);
    // logger: false so an unknown format is ignored quietly, as OpenAPI tools do.
    this.#ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateSchema: false });
    addFormats(this.#ajv);
    this.#id = `https://bleepay-qa.local/diff/${label}-${++ids}.json`;
    this.#ajv.addSchema({ ...spec.document, $id: this.#id }, undefined, undefined, false);
    // Compiled now, so a schema Ajv cannot compile is reported before any finding.
    for (const media of this.#bodies()) if (media.schema !== undefined) this.validatorAt(media.schemaPointer);
  }

  get operation(): OperationModel {
    return this.spec.operation;
  }

  *#bodies(): Generator<MediaModel> {
    yield* this.operation.requestBody?.content ?? [];
    for (const response of this.operation.responses) yield* response.content;
  }

  /** The compiled validator of the schema at a pointer of this version's document. */
  validatorAt(pointer: string): ValidateFunction {
    let validate = this.#validators.get(pointer);
    if (validate) return validate;
    // A parameter described by `content` rather than `schema` has no schema: any value.
    if (valueAt(this.spec.document, pointer) === undefined) {
      validate = this.#ajv.compile(true);
      this.#validators.set(pointer, validate);
      return validate;
    }
    const fragment = pointer
      .split("/")
      .map((s) => encodeURIComponent(s))
      .join("/");
    try {
      validate = this.#ajv.getSchema(`${this.#id}#${fragment}`);
    } catch (error) {
      throw new DiffInputError(
        this.spec.file,
        `the schema at ${pointer} cannot be compiled: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (!validate) throw new DiffInputError(this.spec.file, `no schema at ${pointer}`);
    this.#validators.set(pointer, validate);
    return validate;
  }

  /** Ajv's errors for a value against the schema at a pointer (empty when valid). */
  errorsAt(pointer: string, value: unknown): ErrorObject[] {
    const validate = this.validatorAt(pointer);
    return validate(value) ? [] : [...(validate.errors ?? [])];
  }

  #bodyProblems(media: MediaModel, body: unknown): Problem[] {
    if (media.schema === undefined) return [];
    return this.errorsAt(media.schemaPointer, body).map((e) => ({
      where: "body" as const,
      instancePath: e.instancePath,
      keyword: e.keyword,
      params: e.params,
      message: `${e.instancePath || "(body)"} ${e.message ?? "is invalid"}${e.keyword === "additionalProperties" ? ` (${String(e.params.additionalProperty)})` : ""}${e.keyword === "enum" ? ` (${JSON.stringify(e.params.allowedValues)})` : ""}`,
    }));
  }

  // Header and query values are text: read as the schema's scalar type before validating.
  #parameterProblems(
    parameter: ParameterModel,
    raw: string | undefined,
    where: "parameter" | "header",
  ): Problem[] {
    const label = `${parameter.in === "header" ? "header" : parameter.in} ${parameter.name}`;
    if (raw === undefined) {
      return parameter.required
        ? [{ where, name: parameter.name, message: `the required ${label} is missing` }]
        : [];
    }
    const { node } = resolveRefs(this.spec.document, parameter.schema, parameter.schemaPointer);
    const type = isObject(node) ? node.type : undefined;
    const value =
      (type === "integer" || type === "number") && raw.trim() !== "" && !Number.isNaN(Number(raw))
        ? Number(raw)
        : type === "boolean" && (raw === "true" || raw === "false")
          ? raw === "true"
          : raw;
    const errors = this.errorsAt(parameter.schemaPointer, value);
    return errors.length
      ? [
          {
            where,
            name: parameter.name,
            message: `${label} ${JSON.stringify(raw)} ${errors[0]?.message ?? "is invalid"}`,
          },
        ]
      : [];
  }

  #securityProblems(request: WitnessRequest, query: URLSearchParams): Problem[] {
    const alternatives = this.operation.security;
    if (alternatives.length === 0) return [];
    const satisfied = alternatives.some((alternative) =>
      alternative.every((scheme) => {
        if (scheme.type === "http") {
          const value = header(request.headers, "authorization");
          return value?.toLowerCase().startsWith(`${scheme.scheme ?? "bearer"} `);
        }
        if (scheme.type === "oauth2" || scheme.type === "openIdConnect") {
          return header(request.headers, "authorization")?.toLowerCase().startsWith("bearer ") === true;
        }
        if (scheme.type === "apiKey" && scheme.paramName) {
          if (scheme.in === "query") return query.has(scheme.paramName);
          if (scheme.in === "cookie")
            return (header(request.headers, "cookie") ?? "").includes(`${scheme.paramName}=`);
          return header(request.headers, scheme.paramName) !== undefined;
        }
        return false;
      }),
    );
    if (satisfied) return [];
    const wanted = alternatives.map((a) => a.map(describeScheme).join(" and ") || "nothing").join(" or ");
    return [{ where: "security", message: `no credential it accepts (it wants ${wanted})` }];
  }

  /**
   * Whether this version accepts a request: its path and method, security, parameters, media type
   * and body schema. Problems are listed in that order.
   */
  checkRequest(request: WitnessRequest): Verdict {
    const op = this.operation;
    const [pathOnly = "", search = ""] = request.path.split("?");
    if (request.method.toUpperCase() !== op.method || !pathMatches(op.path, pathOnly)) {
      return {
        ok: false,
        problems: [
          {
            where: "operation",
            message: `it defines no ${request.method.toUpperCase()} ${pathOnly} (Open Session is ${op.method} ${op.path})`,
          },
        ],
      };
    }
    const query = new URLSearchParams(search);
    const problems: Problem[] = [...this.#securityProblems(request, query)];
    for (const parameter of op.parameters) {
      if (parameter.in === "header")
        problems.push(
          ...this.#parameterProblems(parameter, header(request.headers, parameter.name), "parameter"),
        );
      if (parameter.in === "query")
        problems.push(
          ...this.#parameterProblems(parameter, query.get(parameter.name) ?? undefined, "parameter"),
        );
    }
    const body = op.requestBody;
    if (request.body === undefined) {
      if (body?.required) problems.push({ where: "body", message: "the request body is required" });
    } else if (body && body.content.length > 0) {
      const contentType = header(request.headers, "content-type");
      const media = contentType === undefined ? undefined : matchMediaType(body.content, contentType);
      if (!media) {
        problems.push({
          where: "content-type",
          message: `the content type ${contentType ?? "(none)"} is not one it takes (${body.content.map((m) => m.mediaType).join(", ")})`,
        });
      } else problems.push(...this.#bodyProblems(media, request.body));
    }
    return { ok: problems.length === 0, problems };
  }

  /** Whether this version allows an answer: a documented status, media type, headers and body. */
  checkAnswer(answer: WitnessAnswer): Verdict {
    const response = matchResponse(this.operation.responses, answer.status);
    if (!response) {
      return {
        ok: false,
        problems: [{ where: "status", message: `it documents no ${answer.status} answer` }],
      };
    }
    const problems: Problem[] = [];
    for (const documented of response.headers) {
      problems.push(
        ...this.#parameterProblems(documented, header(answer.headers, documented.name), "header"),
      );
    }
    if (answer.body !== undefined) {
      const contentType = header(answer.headers, "content-type");
      const media = contentType === undefined ? undefined : matchMediaType(response.content, contentType);
      if (!media) {
        problems.push({
          where: "content-type",
          message: response.content.length
            ? `its ${response.key} answer is not given as ${contentType ?? "(no content type)"} (${response.content.map((m) => m.mediaType).join(", ")})`
            : `its ${response.key} answer has no body`,
        });
      } else problems.push(...this.#bodyProblems(media, answer.body));
    }
    return { ok: problems.length === 0, problems };
  }
}

/** A security scheme as a person reads it: `Authorization: Bearer …`, `header X-Api-Key`. */
export function describeScheme(scheme: OperationModel["security"][number][number]): string {
  if (scheme.type === "http") return `Authorization: ${scheme.scheme === "basic" ? "Basic" : "Bearer"} …`;
  if (scheme.type === "apiKey") return `${scheme.in ?? "header"} ${scheme.paramName ?? "?"}`;
  return `${scheme.type} ${scheme.name}`;
}
