/**
 * The reference provider: a real HTTP server that answers Open Session as the spec says. It is the
 * default target of every stage and a load target, so its request path is kept lean: no framework,
 * pre-rendered errors, one JSON.parse per request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { MAX_BODY_BYTES, OPEN_SESSION_METHOD, OPEN_SESSION_PATH } from "../rules/index.js";
import { PROVIDER_STATES_PATH } from "../rules/provider-states.js";
import { CodeStore } from "./code-store.js";
import { DEFAULT_CODE_TTL_S, DEFAULT_MAX_CODES, DEVELOPMENT_TOKEN } from "./defaults.js";
import { createOpenSession } from "./open-session.js";
import { ERRORS, ProviderError } from "./provider-error.js";
import { applyStateChange } from "./provider-states.js";
import { RandomSource } from "./random-source.js";
import { createTokenCheck } from "./token-check.js";

/** Options of {@link createReferenceProvider}. */
export interface ReferenceProviderOptions {
  /** Accepted bearer tokens (default: {@link DEVELOPMENT_TOKEN}). */
  tokens?: readonly string[];
  /** Time to live of a shared code in milliseconds (default 600 s). */
  codeTtlMs?: number;
  /** Most codes held at once before the oldest are evicted (default 2,000,000). */
  maxCodes?: number;
  /** Serve Pact's state-change endpoint (default true). */
  providerStates?: boolean;
  /** Largest accepted body in bytes (default: the spec's limit). */
  maxBodyBytes?: number;
  /** Clock in milliseconds (tests pass a fake one). */
  now?: () => number;
  /**
   * How long a client may take to send a request's headers, in milliseconds (default 5,000);
   * past it the connection gets 408 and is closed (slowloris, idle sockets that never send).
   */
  headersTimeoutMs?: number;
  /** How long a client may take to send a whole request, in milliseconds (default 10,000). */
  requestTimeoutMs?: number;
}

/** Counters of what the provider answered. */
export interface ProviderStats {
  /** Answers sent, by HTTP status (raw-socket answers to junk HTTP included). */
  byStatus(): Record<number, number>;
}

/** A running (or ready to run) reference provider. */
export interface ReferenceProvider {
  /** The underlying `node:http` server. */
  readonly server: Server;
  /** The shared-code store (tests and state handlers seed it). */
  readonly store: CodeStore;
  /** What it answered so far. */
  readonly stats: ProviderStats;
  /** Starts listening; resolves to the base URL, e.g. `http://127.0.0.1:41234`. */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

const JSON_MEDIA = /^application\/json\s*(?:;|$)/i;
const STATE_BODY_LIMIT = 64 * 1024;

/** The four request headers the hot path reads (the first of each, as `req.headers` keeps them). */
interface HotHeaders {
  host: string | undefined;
  authorization: string | undefined;
  contentType: string | undefined;
  contentLength: string | undefined;
}

/**
 * Picks the headers the provider needs straight from `rawHeaders`. Reading `req.headers` makes Node
 * build an object of every header on each request; this scan lower-cases only names whose length
 * matches, which measurably lowers the provider's CPU per request.
 */
function readHotHeaders(raw: readonly string[]): HotHeaders {
  const out: HotHeaders = {
    host: undefined,
    authorization: undefined,
    contentType: undefined,
    contentLength: undefined,
  };
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    switch (name.length) {
      case 4:
        if (out.host === undefined && name.toLowerCase() === "host") out.host = raw[i + 1];
        break;
      case 12:
        if (out.contentType === undefined && name.toLowerCase() === "content-type")
          out.contentType = raw[i + 1];
        break;
      case 13:
        if (out.authorization === undefined && name.toLowerCase() === "authorization")
          out.authorization = raw[i + 1];
        break;
      case 14:
        if (out.contentLength === undefined && name.toLowerCase() === "content-length")
          out.contentLength = raw[i + 1];
        break;
    }
  }
  return out;
}

/** What the answering functions share, one per provider. */
interface AnswerState {
  /** Answers counted by status, indexed by status. */
  readonly counts: Uint32Array;
  /** Set once close() began: answers then close their connection, so keep-alive clients let go. */
  closing: boolean;
}

// Per-socket bookkeeping, kept on the socket itself so the hot path pays one increment and one
// decrement per request: requests whose answer is not yet written, and an answer to junk HTTP
// waiting for them (so pipelined answers stay in order and none is lost).
const IN_FLIGHT = Symbol("inFlight");
const DEFERRED = Symbol("deferredAnswer");
const LAST_REQUEST = Symbol("lastRequest");
const CUT_SHORT = Symbol("cutShort");
interface TrackedSocket extends Socket {
  [IN_FLIGHT]?: number;
  [DEFERRED]?: string | undefined;
  /** The latest request parsed on this socket, while any is unanswered. */
  [LAST_REQUEST]?: IncomingMessage;
  /** 1 when the junk cut the latest request's body short: that request will never be answered. */
  [CUT_SHORT]?: number;
}

function send(
  state: AnswerState,
  res: ServerResponse,
  status: number,
  body: string,
  extra?: Readonly<Record<string, string>>,
): void {
  (state.counts[status] as number)++;
  const socket = res.req.socket as TrackedSocket;
  const inFlight = (socket[IN_FLIGHT] ?? 1) - 1;
  socket[IN_FLIGHT] = inFlight;
  // Answered: let the request go (a kept reference would outlive it into the old generation).
  if (inFlight === 0) socket[LAST_REQUEST] = undefined;
  const headers: string[] = [
    "content-type",
    "application/json",
    "content-length",
    String(Buffer.byteLength(body)),
  ];
  if (extra) for (const name in extra) headers.push(name, extra[name] as string);
  if (state.closing && !(extra && "connection" in extra)) headers.push("connection", "close");
  res.writeHead(status, headers);
  res.end(body);
  if (socket[DEFERRED] !== undefined && inFlight <= (socket[CUT_SHORT] ?? 0))
    res.once("finish", () => flushDeferred(socket));
}

function sendError(state: AnswerState, res: ServerResponse, error: ProviderError, close = false): void {
  // An answer sent before the body was read closes the connection, so a huge body is never drained.
  send(
    state,
    res,
    error.status,
    error.body,
    close ? { ...error.headers, connection: "close" } : error.headers,
  );
}

/**
 * Reads a request body up to `limit` bytes. Calls `done(text)` with the body, or `done(undefined)`
 * after answering 413 itself.
 */
function readBody(
  state: AnswerState,
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  done: (text: string) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  req.on("data", (chunk: Buffer) => {
    if (over) return;
    size += chunk.length;
    if (size > limit) {
      over = true;
      sendError(state, res, ERRORS.tooLarge, true);
      return;
    }
    chunks.push(chunk);
  });
  req.on("end", () => {
    if (over) return;
    done(chunks.length === 1 ? (chunks[0] as Buffer).toString() : Buffer.concat(chunks, size).toString());
  });
}

/** Answers written straight to the socket when Node's parser gives up on a request. */
const RAW_ANSWERS = {
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
} as const;

function rawAnswer(
  status: number,
  reason: string,
  body: string,
  extraHeaders = "",
): { status: number; text: string } {
  return {
    status,
    text: `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extraHeaders}connection: close\r\n\r\n${body}`,
  };
}

/** Ends a socket with a deferred raw answer, once (its counter was bumped when it was chosen). */
function flushDeferred(socket: TrackedSocket): void {
  const text = socket[DEFERRED];
  if (text === undefined) return;
  socket[DEFERRED] = undefined;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(text);
  // A peer that never reads the answer must not keep the socket open.
  setTimeout(() => socket.destroy(), 1_000).unref();
}

/**
 * Creates the reference provider. It does not listen until {@link ReferenceProvider.listen}.
 *
 * @example
 * const provider = createReferenceProvider({ tokens: ["dev-payee-token"] });
 * const url = await provider.listen(0);
 * // … POST `${url}/api/v1/vouchers/sessions/session-open` …
 * await provider.close();
 */
export function createReferenceProvider(options: ReferenceProviderOptions = {}): ReferenceProvider {
  const random = new RandomSource();
  const store = new CodeStore(
    {
      ttlMs: options.codeTtlMs ?? DEFAULT_CODE_TTL_S * 1000,
      maxCodes: options.maxCodes ?? DEFAULT_MAX_CODES,
      ...(options.now ? { now: options.now } : {}),
    },
    random,
  );
  const isAuthorized = createTokenCheck(options.tokens ?? [DEVELOPMENT_TOKEN]);
  const openSession = createOpenSession(store, random);
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const providerStates = options.providerStates ?? true;
  const headersTimeout = options.headersTimeoutMs ?? 5_000;
  const requestTimeout = Math.max(options.requestTimeoutMs ?? 10_000, headersTimeout);
  const state: AnswerState = { counts: new Uint32Array(600), closing: false };

  /** Routes, authenticates and answers one request; returns the error to answer with, if any. */
  function handle(req: IncomingMessage, res: ServerResponse): ProviderError | undefined {
    const headers = readHotHeaders(req.rawHeaders);
    // HTTP/1.1 requires Host (RFC 9112 §3.2); Node's own check would answer 400 without a body.
    if (headers.host === undefined && req.httpVersionMinor === 1) return ERRORS.missingHost;
    let url = req.url ?? "/";
    // Absolute-form (`POST http://host/path HTTP/1.1`) must be accepted too (RFC 9112 §3.2.2).
    if (url.charCodeAt(0) !== 47) {
      const slash = url.indexOf("/", url.indexOf("//") + 2);
      url = slash === -1 ? "/" : url.slice(slash);
    }
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    if (path === OPEN_SESSION_PATH) {
      if (req.method !== OPEN_SESSION_METHOD) return ERRORS.methodNotAllowed;
      if (!isAuthorized(headers.authorization)) return ERRORS.unauthorized;
      const type = headers.contentType;
      if (type !== "application/json" && (type === undefined || !JSON_MEDIA.test(type)))
        return ERRORS.notJsonMedia;
      const length = headers.contentLength;
      if (length !== undefined && Number(length) > maxBodyBytes) return ERRORS.tooLarge;
      readBody(state, req, res, maxBodyBytes, (text) => {
        const answer = openSession(text);
        if (answer instanceof ProviderError) sendError(state, res, answer);
        else send(state, res, answer.status, answer.body);
      });
      return undefined;
    }
    if (providerStates && path === PROVIDER_STATES_PATH) {
      if (req.method !== "POST") return ERRORS.methodNotAllowed;
      readBody(state, req, res, STATE_BODY_LIMIT, (text) => {
        let request: unknown;
        try {
          request = text.length === 0 ? {} : JSON.parse(text);
        } catch {
          sendError(state, res, ERRORS.notJson);
          return;
        }
        const result = applyStateChange(store, request);
        send(state, res, result.status, JSON.stringify(result.body));
      });
      return undefined;
    }
    return ERRORS.notFound;
  }

  /** Whether an answer sent before reading the body must close the connection. */
  function bodyUnbounded(req: IncomingMessage): boolean {
    // Node drains a small unread body itself and keeps the connection; a large or unknown one closes it.
    const length = req.headers["content-length"];
    return length === undefined
      ? req.headers["transfer-encoding"] !== undefined
      : Number(length) > maxBodyBytes;
  }

  const server = createServer(
    {
      noDelay: true,
      requestTimeout,
      headersTimeout,
      // Node checks the two timeouts above only this often (default 30 s, which would let a
      // slowloris connection live 35 s instead of 5 s).
      connectionsCheckingInterval: Math.min(1_000, headersTimeout),
      requireHostHeader: false,
    },
    (req, res) => {
      const socket = req.socket as TrackedSocket;
      socket[IN_FLIGHT] = (socket[IN_FLIGHT] ?? 0) + 1;
      socket[LAST_REQUEST] = req;
      try {
        const error = handle(req, res);
        if (error) sendError(state, res, error, bodyUnbounded(req));
      } catch {
        // Nothing above should throw; if it does, the client still gets a JSON answer, not a hang.
        if (!res.headersSent)
          send(state, res, 500, JSON.stringify({ code: "internal_error", message: "internal error" }));
      }
    },
  );

  // Junk that is not HTTP, oversized headers, slow or truncated requests: a JSON 4xx and the socket
  // closed, never Node's bare default answer or an unhandled error.
  server.on("clientError", (err: NodeJS.ErrnoException, socket: TrackedSocket) => {
    if (err.code === "ECONNRESET" || !socket.writable || socket[DEFERRED] !== undefined) {
      if (socket[DEFERRED] === undefined) socket.destroy();
      return;
    }
    const answer =
      err.code === "HPE_HEADER_OVERFLOW"
        ? RAW_ANSWERS.headersTooLarge
        : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? RAW_ANSWERS.timeout
          : RAW_ANSWERS.malformed;
    (state.counts[answer.status] as number)++;
    socket[DEFERRED] = answer.text;
    // Earlier pipelined requests on this socket are answered first, in order; a request cut short by
    // the junk never completes, so after a short grace the answer goes out regardless.
    const cut = socket[LAST_REQUEST]?.complete === false ? 1 : 0;
    socket[CUT_SHORT] = cut;
    if ((socket[IN_FLIGHT] ?? 0) <= cut) flushDeferred(socket);
    else setTimeout(() => flushDeferred(socket), 250).unref();
  });

  // Node hands CONNECT to this event and, without a listener, drops the socket unanswered.
  server.on("connect", (_req: IncomingMessage, socket: TrackedSocket) => {
    (state.counts[RAW_ANSWERS.connect.status] as number)++;
    socket[DEFERRED] = RAW_ANSWERS.connect.text;
    flushDeferred(socket);
  });

  return {
    server,
    store,
    stats: {
      byStatus() {
        const out: Record<number, number> = {};
        state.counts.forEach((n, status) => {
          if (n > 0) out[status] = n;
        });
        return out;
      },
    },
    listen(port = 0, host = "127.0.0.1") {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          const address = server.address() as AddressInfo;
          const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
          resolve(`http://${shownHost}:${address.port}`);
        });
      });
    },
    close(graceMs = 5_000) {
      return new Promise((resolve) => {
        if (!server.listening) return resolve();
        state.closing = true;
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}
