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
    "description": "Written by hand from the Bleepay API doc \"Open Session\"\n(`POST /api/v1/vouchers/sessions/session-open`). This file is the single source of truth of\nbleepay-qa: the code rule, the schemas and the error bodies live here once, and the client, the\nreference provider, the fuzzers and the load scenarios derive from it.\n\nWhere the doc is silent, the decision taken is recorded beside the element it concerns as\n`x-assumption`.\n",
    "license": {
      "name": "MIT",
      "identifier": "MIT"
    },
    "x-assumption": "The doc lists 400 `invalid_code` and 401 `unauthorized` only. The other answers (400 `invalid_request`, 404, 405, 413, 415) are what a well-behaved HTTP API returns for inputs the doc does not cover; they share the documented error body shape."
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
        "x-assumption": [
          "Authentication is checked before the body: a request with a bad token is 401 whatever its body, never 400.",
          "Order of checks: route (404/405), then `Authorization` (401), then `Content-Type` (415), then size (413), then JSON syntax and shape (400 `invalid_request`), then the fields in the order `code` (400 `invalid_code`), `type`, `payeeInfo` (400 `invalid_request`), and last whether the code was shared by a payer and is unexpired (400 `invalid_code`).",
          "A shared context code may open more than one session until it expires: the doc does not say that opening a session consumes the code. Suites must not rely on either behaviour.",
          "Opening a session is not idempotent: a client never retries it on its own."
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
            "x-assumption": "Slow or stalled requests are cut off with 408 and the documented error body, code `invalid_request`, so a slow client never holds a connection for long.",
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
            "x-assumption": "Oversized headers get 431 with the documented error body, code `invalid_request`.",
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
        "x-assumption": "A missing header, a scheme other than `Bearer`, an empty token or an unknown token are all 401 `unauthorized`, with `WWW-Authenticate: Bearer`."
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
        "x-assumption": "Exactly 6 characters of `A-Z0-9`, as in the doc's examples. Lowercase is invalid, and a provider must not trim, upper-case or otherwise normalise a code before checking it."
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
        "x-assumption": "Of the same form as a context code, and not necessarily equal to the request's code: the doc's example answers `D4E5F6` to `A1B2C3`."
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
        "x-assumption": "`ses_` followed by at least one of `A-Za-z0-9_-`, as the doc's example `ses_xyz`; unique for every session opened."
      },
      "PayeeInfo": {
        "type": "object",
        "description": "Additional payee information.",
        "additionalProperties": true,
        "x-assumption": "An optional JSON object, free-form; any other JSON type is `invalid_request`."
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
        "x-assumption": "Unknown extra fields are ignored. The body is at most 16 KiB (16384 bytes); a larger one is 413 `payload_too_large`.",
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
            "x-assumption": "ISO 8601 in UTC with milliseconds and `Z`, as the doc's example."
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
        "x-assumption": "The doc gives error codes but no body; every error is `{\"code\": \"...\", \"message\": \"...\"}` served as `application/json`."
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
