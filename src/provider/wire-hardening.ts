/**
 * The reference provider against what is not a well-behaved HTTP request: junk bytes, oversized
 * headers, slow or truncated requests and CONNECT. Each gets a JSON 4xx and the socket closed, never
 * Node's bare default answer, an unhandled error or a socket held open forever.
 */
import type { Server, ServerOptions } from "node:http";
import type { Socket } from "node:net";
import { OPEN_SESSION_METHOD } from "../rules/index.js";
import { ERRORS } from "./provider-error.js";
import type { AnswerState } from "./send-answer.js";
import { hasRawAnswer, sendRawAnswerInOrder, sendRawAnswerNow } from "./socket-bookkeeping.js";

/** How long clients may take to send a request, in milliseconds. */
export interface WireTimeouts {
  /** To send a request's headers (default 5,000); past it: 408 (slowloris, idle sockets). */
  headersTimeoutMs?: number;
  /** To send a whole request (default 10,000, and never less than the headers timeout). */
  requestTimeoutMs?: number;
}

/** The `node:http` server options that bound slow clients and let the provider answer Host itself. */
export function hardenedServerOptions(timeouts: WireTimeouts): ServerOptions {
  const headersTimeout = timeouts.headersTimeoutMs ?? 5_000;
  const requestTimeout = Math.max(timeouts.requestTimeoutMs ?? 10_000, headersTimeout);
  return {
    noDelay: true,
    requestTimeout,
    headersTimeout,
    // Node checks the two timeouts above only this often (default 30 s, which would let a
    // slowloris connection live 35 s instead of 5 s).
    connectionsCheckingInterval: Math.min(1_000, headersTimeout),
    // The routes answer a missing Host with the spec's JSON error; Node's own check has no body.
    requireHostHeader: false,
  };
}

/** An answer written straight to the socket, bypassing `node:http`. */
interface RawAnswer {
  readonly status: number;
  readonly text: string;
}

function rawAnswer(status: number, reason: string, body: string, extraHeaders = ""): RawAnswer {
  return {
    status,
    text: `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extraHeaders}connection: close\r\n\r\n${body}`,
  };
}

/** Answers written straight to the socket when Node's parser gives up on a request. */
export const RAW_ANSWERS = {
  malformed: rawAnswer(400, "Bad Request", ERRORS.malformedHttp.body),
  headersTooLarge: rawAnswer(
    431,
    "Request Header Fields Too Large",
    JSON.stringify({
      code: ERRORS.malformedHttp.code,
      message: "The request headers are larger than the limit",
    }),
  ),
  connect: rawAnswer(
    405,
    "Method Not Allowed",
    ERRORS.methodNotAllowed.body,
    `allow: ${OPEN_SESSION_METHOD}\r\n`,
  ),
  timeout: rawAnswer(
    408,
    "Request Timeout",
    JSON.stringify({ code: ERRORS.malformedHttp.code, message: "The request was not received in time" }),
  ),
} as const satisfies Record<string, RawAnswer>;

/**
 * Makes `server` answer junk HTTP, oversized headers, timeouts and CONNECT with a raw JSON answer
 * (counted in `state`) and close the socket.
 */
export function hardenServer(server: Server, state: AnswerState): void {
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Socket) => {
    // A reset peer reads nothing, and a socket that already has its answer gets no second one.
    if (err.code === "ECONNRESET" || !socket.writable || hasRawAnswer(socket)) {
      if (!hasRawAnswer(socket)) socket.destroy();
      return;
    }
    const answer =
      err.code === "HPE_HEADER_OVERFLOW"
        ? RAW_ANSWERS.headersTooLarge
        : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? RAW_ANSWERS.timeout
          : RAW_ANSWERS.malformed;
    (state.counts[answer.status] as number)++;
    sendRawAnswerInOrder(socket, answer.text);
  });

  // Node hands CONNECT to this event and, without a listener, drops the socket unanswered.
  server.on("connect", (_req: unknown, socket: Socket) => {
    (state.counts[RAW_ANSWERS.connect.status] as number)++;
    sendRawAnswerNow(socket, RAW_ANSWERS.connect.text);
  });
}
