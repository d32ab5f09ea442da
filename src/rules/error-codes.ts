/**
 * Every error answer the spec defines: its HTTP status, its `code` and a human message. The codes
 * are read from the spec's error schemas; the messages are ours (suites never match on them).
 */
import { openapiSpec } from "./spec.js";

const s = openapiSpec.components.schemas;
const badRequestCodes = s.BadRequestError.allOf[1].properties.code.enum;

/** The spec's error codes, by name. */
export const ERROR_CODES = {
  invalidCode: badRequestCodes[0],
  invalidRequest: badRequestCodes[1],
  unauthorized: s.UnauthorizedError.allOf[1].properties.code.const,
  notFound: s.NotFoundError.allOf[1].properties.code.const,
  methodNotAllowed: s.MethodNotAllowedError.allOf[1].properties.code.const,
  payloadTooLarge: s.PayloadTooLargeError.allOf[1].properties.code.const,
  unsupportedMediaType: s.UnsupportedMediaTypeError.allOf[1].properties.code.const,
} as const;

/** One of the spec's error codes. */
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** HTTP status of each error code, as the spec's `responses` place them. */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  [ERROR_CODES.invalidCode]: 400,
  [ERROR_CODES.invalidRequest]: 400,
  [ERROR_CODES.unauthorized]: 401,
  [ERROR_CODES.notFound]: 404,
  [ERROR_CODES.methodNotAllowed]: 405,
  [ERROR_CODES.payloadTooLarge]: 413,
  [ERROR_CODES.unsupportedMediaType]: 415,
};
