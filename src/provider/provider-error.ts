/**
 * The provider's one error type: an HTTP status, a spec error code and a message, rendered as the
 * spec's error body (`{"code": "...", "message": "..."}`).
 */
import {
  AUTH_SCHEME,
  ERROR_CODES,
  ERROR_STATUS,
  type ErrorCode,
  OPEN_SESSION_METHOD,
} from "../rules/index.js";

/** An error answer of the reference provider. */
export class ProviderError extends Error {
  /** HTTP status, taken from the spec for the code. */
  readonly status: number;
  /** The body, serialised once. */
  readonly body: string;
  /** Extra headers the spec requires with this error. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
    this.body = JSON.stringify({ code, message });
    this.headers = headers;
  }
}

// The errors are immutable, so the hot path answers with pre-rendered instances.
/** Pre-rendered errors of the Open Session call. */
export const ERRORS = {
  unauthorized: new ProviderError(ERROR_CODES.unauthorized, "Missing or invalid bearer token", {
    "www-authenticate": AUTH_SCHEME,
  }),
  codeInvalid: new ProviderError(ERROR_CODES.invalidCode, "The context code is invalid or expired"),
  codeMissing: new ProviderError(ERROR_CODES.invalidCode, "The context code is missing"),
  codeNotString: new ProviderError(ERROR_CODES.invalidCode, "The context code must be a string"),
  codeMalformed: new ProviderError(
    ERROR_CODES.invalidCode,
    "The context code must be 6 characters of A-Z and 0-9",
  ),
  notJson: new ProviderError(ERROR_CODES.invalidRequest, "The request body is not valid JSON"),
  notObject: new ProviderError(ERROR_CODES.invalidRequest, "The request body must be a JSON object"),
  typeInvalid: new ProviderError(ERROR_CODES.invalidRequest, "The session type must be SESSION_DEFAULT"),
  payeeInfoInvalid: new ProviderError(ERROR_CODES.invalidRequest, "payeeInfo must be a JSON object"),
  malformedHttp: new ProviderError(ERROR_CODES.invalidRequest, "The request is not valid HTTP"),
  missingHost: new ProviderError(ERROR_CODES.invalidRequest, "An HTTP/1.1 request must carry a Host header"),
  tooLarge: new ProviderError(ERROR_CODES.payloadTooLarge, "The request body is larger than the limit"),
  notJsonMedia: new ProviderError(
    ERROR_CODES.unsupportedMediaType,
    "The request body must be sent as application/json",
  ),
  notFound: new ProviderError(ERROR_CODES.notFound, "No such resource"),
  methodNotAllowed: new ProviderError(ERROR_CODES.methodNotAllowed, "Only POST is allowed here", {
    allow: OPEN_SESSION_METHOD,
  }),
} as const;
