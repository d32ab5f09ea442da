/**
 * The Open Session spec as a constant: the one runtime copy of its rules.
 * Generated from openapi/bleepay-vouchers.yaml by `npm run generate`. Do not edit by hand.
 */
export const openapiSpec = {
  "openapi": "3.1.0",
  "info": {
    "title": "Bleepay Vouchers API — Open Session",
    "version": "1.0.0",
    "summary": "The Open Session call of the Bleepay vouchers API, as bleepay-qa tests it.",
    "description": "Written by hand from the Bleepay API doc \"Open Session\"\n(`POST /api/v1/vouchers/sessions/session-open`). This file is the single source of truth of\nbleepay-qa: the code rule, the schemas and the error bodies live here once, and the client, the\nreference provider, the fuzzers and the load scenarios derive from it.\n\nWhere the doc is silent, the decision taken is a rule of basis `assumption` in the operation's\n`x-rules` (with its id and text), and the element it concerns names it in `x-assumption`.\n",
    "license": {
      "name": "MIT",
      "identifier": "MIT"
    },
    "x-assumption": [
      "error-body-shape",
      "invalid-request-400",
      "not-found-404",
      "method-not-allowed-405",
      "payload-too-large-413",
      "unsupported-media-type-415"
    ]
  },
  "servers": [
    {
      "url": "https://payments.bleepay.com",
      "description": "Production (bleepay-qa never sends traffic here on its own; tests use 127.0.0.1)."
    }
  ],
  "security": [
    {
      "payeeToken": []
    }
  ],
  "tags": [
    {
      "name": "sessions",
      "description": "Voucher sessions group several vouchers under one context."
    }
  ],
  "paths": {
    "/api/v1/vouchers/sessions/session-open": {
      "post": {
        "operationId": "openSession",
        "tags": [
          "sessions"
        ],
        "summary": "Open Session",
        "description": "Start a new voucher session — groups multiple vouchers under a single context. A session groups multiple vouchers together for multi-payment flows like split payments or multi-currency checkouts.",
        "x-rules": [
          {
            "id": "open-session-route",
            "basis": "doc",
            "text": "Only POST on the Open Session path opens a session; another method or path opens none.",
            "quote": "`POST /api/v1/vouchers/sessions/session-open`"
          },
          {
            "id": "auth-401-unauthorized",
            "basis": "doc",
            "text": "A missing or invalid bearer token is answered 401, and the answer names `unauthorized`.",
            "quote": "| `401` | `unauthorized` | Missing or invalid bearer token |"
          },
          {
            "id": "code-required",
            "basis": "doc",
            "text": "`code` is a required string: a request without one (no `code`, or a JSON value that is not a string, or a body that is not a JSON object) opens no session and is answered with a 4xx.",
            "quote": "| `code` | `string` | Yes | The context code shared by the payer. 6 characters. |"
          },
          {
            "id": "invalid-code-400",
            "basis": "doc",
            "text": "A code string that is not a 6-character code a payer shared and that is unexpired (of another length, of other characters, never shared, or expired) is answered 400, and the answer names `invalid_code`.",
            "quote": "| `400` | `invalid_code` | The context code is invalid or expired |"
          },
          {
            "id": "type-session-default",
            "basis": "doc",
            "text": "`type` is required and always `SESSION_DEFAULT`: a request without it, or with another type, opens no session and is answered with a 4xx.",
            "quote": "| `type` | `enum` | Yes | Session type — always `SESSION_DEFAULT` |"
          },
          {
            "id": "success-200-session",
            "basis": "doc",
            "text": "A request the doc allows is answered 200 with a JSON session: `id` and `code` strings, `status` `OPEN`, `type` `SESSION_DEFAULT` and `createdAt` an ISO 8601 timestamp.",
            "quote": "| `id` | `string` | Unique session identifier (e.g. `ses_xyz`) | · | `code` | `string` | Session code | · | `status` | `string` | Session status — `OPEN` | · | `type` | `string` | Session type | · | `createdAt` | `string` | ISO 8601 creation timestamp |"
          },
          {
            "id": "session-id-unique",
            "basis": "doc",
            "text": "No two sessions get the same id.",
            "quote": "| `id` | `string` | Unique session identifier (e.g. `ses_xyz`) |"
          },
          {
            "id": "no-server-error",
            "basis": "doc",
            "text": "No client input is answered with a 5xx.",
            "quote": "RFC 9110 §15.6: \"The 5xx (Server Error) class of status code indicates that the server is aware that it has erred or is incapable of performing the requested method.\""
          },
          {
            "id": "well-formed-http",
            "basis": "doc",
            "text": "Every request gets a well-formed HTTP answer in time (no reset, no silence, no garbage).",
            "quote": "RFC 9112 §2.1: a server responds to each request with an HTTP/1.1 response message."
          },
          {
            "id": "code-alphabet",
            "basis": "assumption",
            "text": "A context code is 6 characters of `A-Z0-9`, as the doc's examples: any other 6 characters are answered 400 `invalid_code`."
          },
          {
            "id": "code-no-normalisation",
            "basis": "assumption",
            "text": "A provider never trims, upper-cases or otherwise normalises a code before checking it: a near miss of a shared code is answered 400 `invalid_code`, never 200."
          },
          {
            "id": "code-error-invalid-code",
            "basis": "assumption",
            "text": "A missing code, or a code that is not a string, is answered 400 `invalid_code`, as an invalid code (the doc only says the request fails)."
          },
          {
            "id": "invalid-request-400",
            "basis": "assumption",
            "text": "A body that is not JSON or not an object, a missing or wrong `type`, or a `payeeInfo` that is not an object is answered 400 `invalid_request`."
          },
          {
            "id": "payee-info-free-form",
            "basis": "assumption",
            "text": "`payeeInfo` may be any JSON object, and unknown extra fields are ignored: such a request opens a session."
          },
          {
            "id": "error-body-shape",
            "basis": "assumption",
            "text": "Every error answer is a JSON body `{\"code\": \"…\", \"message\": \"…\"}` naming its error in `code`."
          },
          {
            "id": "json-media-type",
            "basis": "assumption",
            "text": "Every answer is served as `application/json`."
          },
          {
            "id": "www-authenticate-bearer",
            "basis": "assumption",
            "text": "Every 401 carries `WWW-Authenticate` with the `Bearer` scheme (RFC 6750 §3)."
          },
          {
            "id": "auth-before-body",
            "basis": "assumption",
            "text": "The token is checked before the body, so a bad token is answered 401 whatever the body."
          },
          {
            "id": "check-order",
            "basis": "assumption",
            "text": "When a request breaks several rules, the first in this order decides the answer: route, token, content type, size, JSON syntax and shape, `code`, `type`, `payeeInfo`, and last whether the code is shared and unexpired."
          },
          {
            "id": "not-found-404",
            "basis": "assumption",
            "text": "A path the API does not have is answered 404 `not_found`."
          },
          {
            "id": "method-not-allowed-405",
            "basis": "assumption",
            "text": "Another method on the Open Session path is answered 405 `method_not_allowed` with `Allow: POST`."
          },
          {
            "id": "payload-too-large-413",
            "basis": "assumption",
            "text": "A body over 16 KiB (16384 bytes) is answered 413 `payload_too_large`."
          },
          {
            "id": "unsupported-media-type-415",
            "basis": "assumption",
            "text": "A body not sent as `application/json` is answered 415 `unsupported_media_type`."
          },
          {
            "id": "request-timeout-408",
            "basis": "assumption",
            "text": "A request whose headers or body do not arrive in time is answered 408 and its connection closed."
          },
          {
            "id": "header-fields-too-large-431",
            "basis": "assumption",
            "text": "Request headers over 16 KiB are answered 431 and the connection closed."
          },
          {
            "id": "session-id-form",
            "basis": "assumption",
            "text": "A session id is `ses_` followed by `A-Za-z0-9_-`, as the doc's example `ses_xyz`."
          },
          {
            "id": "created-at-form",
            "basis": "assumption",
            "text": "`createdAt` is in UTC with milliseconds and `Z`, as the doc's example `2026-06-09T12:00:00.000Z`."
          },
          {
            "id": "session-code-form",
            "basis": "assumption",
            "text": "The session code is 6 characters of `A-Z0-9`, like a context code."
          },
          {
            "id": "shared-code-reusable",
            "basis": "assumption",
            "text": "A shared code may open more than one session until it expires (the doc does not say that opening a session consumes it): a reuse is answered 200 or 400 `invalid_code`."
          },
          {
            "id": "no-client-retry",
            "basis": "assumption",
            "text": "Opening a session is not idempotent, so a client never retries it on its own."
          }
        ],
        "x-assumption": [
          "auth-before-body",
          "check-order",
          "shared-code-reusable",
          "no-client-retry"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/OpenSessionRequest"
              },
              "examples": {
                "doc": {
                  "summary": "The doc's request example",
                  "value": {
                    "code": "A1B2C3",
                    "type": "SESSION_DEFAULT"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The session is open.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Session"
                },
                "examples": {
                  "doc": {
                    "summary": "The doc's response example",
                    "value": {
                      "id": "ses_xyz",
                      "code": "D4E5F6",
                      "status": "OPEN",
                      "type": "SESSION_DEFAULT",
                      "createdAt": "2026-06-09T12:00:00.000Z"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "description": "`invalid_code`: the context code is invalid or expired. `invalid_request`: the body is not a JSON object of the documented shape.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/BadRequestError"
                },
                "examples": {
                  "invalidCode": {
                    "value": {
                      "code": "invalid_code",
                      "message": "The context code is invalid or expired"
                    }
                  },
                  "invalidRequest": {
                    "value": {
                      "code": "invalid_request",
                      "message": "The request body is not valid JSON"
                    }
                  }
                }
              }
            }
          },
          "401": {
            "description": "Missing or invalid bearer token.",
            "headers": {
              "WWW-Authenticate": {
                "description": "Always `Bearer`.",
                "required": true,
                "schema": {
                  "type": "string",
                  "pattern": "^Bearer\\b"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/UnauthorizedError"
                },
                "examples": {
                  "unauthorized": {
                    "value": {
                      "code": "unauthorized",
                      "message": "Missing or invalid bearer token"
                    }
                  }
                }
              }
            }
          },
          "404": {
            "description": "No such path.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/NotFoundError"
                }
              }
            }
          },
          "405": {
            "description": "The path exists but takes only POST.",
            "headers": {
              "Allow": {
                "description": "Always `POST`.",
                "required": true,
                "schema": {
                  "type": "string",
                  "const": "POST"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/MethodNotAllowedError"
                }
              }
            }
          },
          "408": {
            "description": "The request did not arrive in time (headers within 5 s, the whole request within 10 s on the reference provider); the connection is closed.",
            "x-assumption": "request-timeout-408",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TransportError"
                }
              }
            }
          },
          "413": {
            "description": "The body is larger than the limit.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PayloadTooLargeError"
                }
              }
            }
          },
          "415": {
            "description": "The body is not sent as JSON.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/UnsupportedMediaTypeError"
                }
              }
            }
          },
          "431": {
            "description": "The request headers are larger than the limit (16 KiB); the connection is closed.",
            "x-assumption": "header-fields-too-large-431",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TransportError"
                }
              }
            }
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "payeeToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "The payee's token, sent as `Authorization: Bearer <payee_token>`.",
        "x-assumption": "www-authenticate-bearer"
      }
    },
    "schemas": {
      "ContextCode": {
        "type": "string",
        "description": "The context code shared by the payer. 6 characters.",
        "minLength": 6,
        "maxLength": 6,
        "pattern": "^[A-Z0-9]{6}$",
        "examples": [
          "A1B2C3"
        ],
        "x-assumption": [
          "code-alphabet",
          "code-no-normalisation",
          "code-error-invalid-code"
        ]
      },
      "SessionCode": {
        "type": "string",
        "description": "Session code.",
        "minLength": 6,
        "maxLength": 6,
        "pattern": "^[A-Z0-9]{6}$",
        "examples": [
          "D4E5F6"
        ],
        "x-assumption": "session-code-form"
      },
      "SessionType": {
        "type": "string",
        "description": "Session type — always `SESSION_DEFAULT`.",
        "enum": [
          "SESSION_DEFAULT"
        ]
      },
      "SessionStatus": {
        "type": "string",
        "description": "Session status — `OPEN`.",
        "enum": [
          "OPEN"
        ]
      },
      "SessionId": {
        "type": "string",
        "description": "Unique session identifier (e.g. `ses_xyz`).",
        "pattern": "^ses_[A-Za-z0-9_-]+$",
        "examples": [
          "ses_xyz"
        ],
        "x-assumption": "session-id-form"
      },
      "PayeeInfo": {
        "type": "object",
        "description": "Additional payee information.",
        "additionalProperties": true,
        "x-assumption": [
          "payee-info-free-form",
          "invalid-request-400"
        ]
      },
      "OpenSessionRequest": {
        "type": "object",
        "required": [
          "code",
          "type"
        ],
        "properties": {
          "code": {
            "$ref": "#/components/schemas/ContextCode"
          },
          "type": {
            "$ref": "#/components/schemas/SessionType"
          },
          "payeeInfo": {
            "$ref": "#/components/schemas/PayeeInfo"
          }
        },
        "x-assumption": [
          "payee-info-free-form",
          "payload-too-large-413"
        ],
        "x-max-body-bytes": 16384
      },
      "Session": {
        "type": "object",
        "required": [
          "id",
          "code",
          "status",
          "type",
          "createdAt"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/SessionId"
          },
          "code": {
            "$ref": "#/components/schemas/SessionCode"
          },
          "status": {
            "$ref": "#/components/schemas/SessionStatus"
          },
          "type": {
            "$ref": "#/components/schemas/SessionType"
          },
          "createdAt": {
            "type": "string",
            "format": "date-time",
            "description": "ISO 8601 creation timestamp.",
            "pattern": "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$",
            "examples": [
              "2026-06-09T12:00:00.000Z"
            ],
            "x-assumption": "created-at-form"
          }
        }
      },
      "ErrorBody": {
        "type": "object",
        "required": [
          "code",
          "message"
        ],
        "properties": {
          "code": {
            "type": "string",
            "description": "A machine-readable error code."
          },
          "message": {
            "type": "string",
            "description": "Human-readable text; suites never match on it."
          }
        },
        "x-assumption": [
          "error-body-shape",
          "json-media-type"
        ]
      },
      "BadRequestError": {
        "allOf": [
          {
            "$ref": "#/components/schemas/ErrorBody"
          },
          {
            "type": "object",
            "properties": {
              "code": {
                "type": "string",
                "enum": [
                  "invalid_code",
                  "invalid_request"
                ],
                "x-error-causes": {
                  "invalid_code": "`code` missing, not a string, not 6 of `A-Z0-9`, never shared by a payer, or expired.",
                  "invalid_request": "Body not JSON or not an object, `type` missing or not `SESSION_DEFAULT`, `payeeInfo` not an object."
                }
              }
            }
          }
        ]
      },
      "TransportError": {
        "description": "An answer at the HTTP level, given before a whole request was read.",
        "allOf": [
          {
            "$ref": "#/components/schemas/ErrorBody"
          },
          {
            "type": "object",
            "properties": {
              "code": {
                "type": "string",
                "const": "invalid_request"
              }
            }
          }
        ]
      },
      "UnauthorizedError": {
        "allOf": [
          {
            "$ref": "#/components/schemas/ErrorBody"
          },
          {
            "type": "object",
            "properties": {
              "code": {
                "type": "string",
                "const": "unauthorized"
              }
            }
          }
        ]
      },
      "NotFoundError": {
        "allOf": [
          {
            "$ref": "#/components/schemas/ErrorBody"
          },
          {
            "type": "object",
            "properties": {
              "code": {
                "type": "string",
                "const": "not_found"
              }
            }
          }
        ]
      },
      "MethodNotAllowedError": {
        "allOf": [
          {
            "$ref": "#/components/schemas/ErrorBody"
          },
          {
            "type": "object",
            "properties": {
              "code": {
                "type": "string",
                "const": "method_not_allowed"
              }
            }
          }
        ]
      },
      "PayloadTooLargeError": {
        "allOf": [
          {
            "$ref": "#/components/schemas/ErrorBody"
          },
          {
            "type": "object",
            "properties": {
              "code": {
                "type": "string",
                "const": "payload_too_large"
              }
            }
          }
        ]
      },
      "UnsupportedMediaTypeError": {
        "allOf": [
          {
            "$ref": "#/components/schemas/ErrorBody"
          },
          {
            "type": "object",
            "properties": {
              "code": {
                "type": "string",
                "const": "unsupported_media_type"
              }
            }
          }
        ]
      }
    }
  }
} as const;
