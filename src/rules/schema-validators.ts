/**
 * JSON Schema validators compiled from the spec's own schemas (Ajv, draft 2020-12): the answer
 * oracle shared by the stages, so "valid" always means "valid by the spec".
 */
import { createRequire } from "node:module";
import type { Ajv2020, ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { OPEN_SESSION_PATH, openapiSpec } from "./spec.js";

const SPEC_ID = "https://bleepay-qa.local/openapi.json";

// Ajv and ajv-formats (CommonJS, ~60 ms to load) are required on first validation, not imported:
// every module that needs a rule constant imports this one through rules/index.js, and most CLI
// runs (--help, serve, a usage error) never validate anything. require() keeps the call synchronous.
const require = createRequire(import.meta.url);

let ajv: Ajv2020 | undefined;
function getAjv(): Ajv2020 {
  if (ajv) return ajv;
  const { Ajv2020: Ajv } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
  const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;
  // strict: false because the spec carries OpenAPI-only keywords (x-assumption, examples, …).
  ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: SPEC_ID, components: openapiSpec.components }, SPEC_ID);
  return ajv;
}

const cache = new Map<string, ValidateFunction>();

/** Name of a schema under `components.schemas`. */
export type SchemaName = keyof typeof openapiSpec.components.schemas;

/** A validator for one of the spec's schemas, compiled once. */
export function schemaValidator(name: SchemaName): ValidateFunction {
  let validate = cache.get(name);
  if (!validate) {
    const compiled = getAjv().getSchema(`${SPEC_ID}#/components/schemas/${name}`);
    if (!compiled) throw new Error(`The spec has no schema named ${name}`);
    validate = compiled;
    cache.set(name, validate);
  }
  return validate;
}

/** The schema an answer's body must match, by HTTP status (undefined for statuses the spec lacks). */
export function schemaForStatus(status: number): SchemaName | undefined {
  const responses = openapiSpec.paths[OPEN_SESSION_PATH].post.responses as Record<
    string,
    { content: { "application/json": { schema: { $ref: string } } } }
  >;
  const ref = responses[String(status)]?.content["application/json"].schema.$ref;
  return ref ? (ref.split("/").pop() as SchemaName) : undefined;
}

/** Ajv's errors as short `path message` lines. */
export function describeSchemaErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || "(body)"} ${e.message ?? "is invalid"}`);
}

/**
 * Checks an answer's body against the spec's schema for its status.
 * Returns the problems found (empty when it conforms).
 */
export function checkAnswerBody(status: number, body: unknown): string[] {
  const name = schemaForStatus(status);
  if (!name) return [`status ${status} is not an answer the spec defines`];
  const validate = schemaValidator(name);
  return validate(body) ? [] : describeSchemaErrors(validate.errors);
}
