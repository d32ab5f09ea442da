/**
 * The reference provider: a real HTTP server that answers Open Session as the spec says. It is the
 * default target of every stage and a load target, so its request path is kept lean: no framework,
 * pre-rendered errors, one JSON.parse per request.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { MAX_BODY_BYTES } from "../rules/index.js";
import { CodeStore } from "./code-store.js";
import { DEFAULT_CODE_TTL_S, DEFAULT_MAX_CODES, DEVELOPMENT_TOKEN } from "./defaults.js";
import { createOpenSession } from "./open-session.js";
import { RandomSource } from "./random-source.js";
import { createRouter, isBodyUnbounded } from "./routes.js";
import { countsByStatus, createAnswerState, sendAnswer, sendError } from "./send-answer.js";
import { noteRequest } from "./socket-bookkeeping.js";
import { createTokenCheck } from "./token-check.js";
import { hardenedServerOptions, hardenServer } from "./wire-hardening.js";

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
  const state = createAnswerState();
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const route = createRouter({
    state,
    store,
    openSession: createOpenSession(store, random),
    isAuthorized: createTokenCheck(options.tokens ?? [DEVELOPMENT_TOKEN]),
    maxBodyBytes,
    providerStates: options.providerStates ?? true,
  });

  const server = createServer(hardenedServerOptions(options), (req, res) => {
    noteRequest(req);
    try {
      const error = route(req, res);
      if (error) sendError(state, res, error, isBodyUnbounded(req, maxBodyBytes));
    } catch {
      // Nothing above should throw; if it does, the client still gets a JSON answer, not a hang.
      if (!res.headersSent)
        sendAnswer(state, res, 500, JSON.stringify({ code: "internal_error", message: "internal error" }));
    }
  });
  hardenServer(server, state);

  return {
    server,
    store,
    stats: { byStatus: () => countsByStatus(state) },
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
