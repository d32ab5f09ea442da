/**
 * The reference provider: a real HTTP server that answers Open Session as the spec says. It is the
 * default target of every stage and a load target, so its request path is kept lean: no framework,
 * pre-rendered errors, one JSON.parse per request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { MAX_BODY_BYTES, OPEN_SESSION_METHOD, OPEN_SESSION_PATH } from "../rules/index.js";
import { CodeStore } from "./code-store.js";
import { createOpenSession } from "./open-session.js";
import { ERRORS, ProviderError } from "./provider-error.js";
import { applyStateChange, PROVIDER_STATES_PATH } from "./provider-states.js";
import { RandomSource } from "./random-source.js";
import { createTokenCheck } from "./token-check.js";

/**
 * The token the reference provider accepts when none is given. Documented in the README; it is a
 * development value, never a real credential.
 */
export const DEVELOPMENT_TOKEN = "dev-payee-token";

/** Default time to live of a shared context code, in seconds. */
export const DEFAULT_CODE_TTL_S = 600;

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

/** Answers counted by status; one array per provider, indexed by status. */
type StatusCounts = Uint32Array;

function send(
  counts: StatusCounts,
  res: ServerResponse,
  status: number,
  body: string,
  extra?: Readonly<Record<string, string>>,
): void {
  (counts[status] as number)++;
  const headers: string[] = [
    "content-type",
    "application/json",
    "content-length",
    String(Buffer.byteLength(body)),
  ];
  if (extra) for (const name in extra) headers.push(name, extra[name] as string);
  res.writeHead(status, headers);
  res.end(body);
}

function sendError(counts: StatusCounts, res: ServerResponse, error: ProviderError, close = false): void {
  // An answer sent before the body was read closes the connection, so a huge body is never drained.
  send(
    counts,
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
  counts: StatusCounts,
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
      sendError(counts, res, ERRORS.tooLarge, true);
      return;
    }
    chunks.push(chunk);
  });
  req.on("end", () => {
    if (over) return;
    done(chunks.length === 1 ? (chunks[0] as Buffer).toString() : Buffer.concat(chunks, size).toString());
  });
}

const rawError = (status: number, error: ProviderError): string =>
  `HTTP/1.1 ${status} Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(error.body)}\r\nconnection: close\r\n\r\n${error.body}`;

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
      maxCodes: options.maxCodes ?? 2_000_000,
      ...(options.now ? { now: options.now } : {}),
    },
    random,
  );
  const isAuthorized = createTokenCheck(options.tokens ?? [DEVELOPMENT_TOKEN]);
  const openSession = createOpenSession(store, random);
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const providerStates = options.providerStates ?? true;
  const counts: StatusCounts = new Uint32Array(600);

  /** Routes, authenticates and answers one request; returns the error to answer with, if any. */
  function handle(req: IncomingMessage, res: ServerResponse): ProviderError | undefined {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    if (path === OPEN_SESSION_PATH) {
      if (req.method !== OPEN_SESSION_METHOD) return ERRORS.methodNotAllowed;
      if (!isAuthorized(req.headers.authorization)) return ERRORS.unauthorized;
      const type = req.headers["content-type"];
      if (type !== "application/json" && (type === undefined || !JSON_MEDIA.test(type)))
        return ERRORS.notJsonMedia;
      const length = req.headers["content-length"];
      if (length !== undefined && Number(length) > maxBodyBytes) return ERRORS.tooLarge;
      readBody(counts, req, res, maxBodyBytes, (text) => {
        const answer = openSession(text);
        if (answer instanceof ProviderError) sendError(counts, res, answer);
        else send(counts, res, answer.status, answer.body);
      });
      return undefined;
    }
    if (providerStates && path === PROVIDER_STATES_PATH) {
      if (req.method !== "POST") return ERRORS.methodNotAllowed;
      readBody(counts, req, res, STATE_BODY_LIMIT, (text) => {
        let request: unknown;
        try {
          request = text.length === 0 ? {} : JSON.parse(text);
        } catch {
          sendError(counts, res, ERRORS.notJson);
          return;
        }
        const result = applyStateChange(store, request);
        send(counts, res, result.status, JSON.stringify(result.body));
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
    { noDelay: true, requestTimeout: 10_000, headersTimeout: 5_000 },
    (req, res) => {
      try {
        const error = handle(req, res);
        if (error) sendError(counts, res, error, bodyUnbounded(req));
      } catch {
        // Nothing above should throw; if it does, the client still gets a JSON answer, not a hang.
        if (!res.headersSent)
          send(counts, res, 500, JSON.stringify({ code: "internal_error", message: "internal error" }));
      }
    },
  );

  // Junk that is not HTTP, oversized headers, slow requests: a JSON 400 and the socket closed,
  // never Node's bare default answer or an unhandled error.
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    (counts[400] as number)++;
    socket.end(rawError(400, ERRORS.malformedHttp));
    // A peer that never reads the answer must not keep the socket open.
    setTimeout(() => socket.destroy(), 1_000).unref();
  });

  return {
    server,
    store,
    stats: {
      byStatus() {
        const out: Record<number, number> = {};
        counts.forEach((n, status) => {
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
