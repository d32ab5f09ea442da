/**
 * Typed access to the spec's parts that runtime code needs. Everything here is read from
 * `generated/openapi-spec.ts` (the spec as a constant), never typed again.
 */
import { openapiSpec } from "../../generated/openapi-spec.js";
import type { components, paths } from "../../generated/openapi-types.js";

export { openapiSpec };

/** The path of Open Session, as the spec names it. */
export const OPEN_SESSION_PATH = Object.keys(openapiSpec.paths)[0] as keyof paths;

/** The HTTP method of Open Session (upper case). */
export const OPEN_SESSION_METHOD = "POST" as const;

/** Body of an Open Session request, from the generated types. */
export type OpenSessionRequest = components["schemas"]["OpenSessionRequest"];
/** Body of a 200 answer, from the generated types. */
export type Session = components["schemas"]["Session"];
/** Body of every error answer, from the generated types. */
export type ErrorBody = components["schemas"]["ErrorBody"];

const schemas = openapiSpec.components.schemas;

/** The only session type the spec allows. */
export const SESSION_TYPE: Session["type"] = schemas.SessionType.enum[0];
/** The status of a freshly opened session. */
export const SESSION_STATUS: Session["status"] = schemas.SessionStatus.enum[0];
/** Largest request body the spec allows, in bytes (413 above it). */
export const MAX_BODY_BYTES: number = schemas.OpenSessionRequest["x-max-body-bytes"];
/** The scheme of the `Authorization` header and of `WWW-Authenticate`. */
export const AUTH_SCHEME = "Bearer" as const;
