/**
 * How the reference provider writes an answer: JSON, counted by status, in order with any raw
 * answer waiting on the same socket, and with `connection: close` once the provider is closing.
 */
import type { ServerResponse } from "node:http";
import type { ProviderError } from "./provider-error.js";
import { flushAfterAnswer, noteAnswered } from "./socket-bookkeeping.js";

/** What the answering functions share, one per provider. */
export interface AnswerState {
  /** Answers counted by status, indexed by status. */
  readonly counts: Uint32Array;
  /** Set once close() began: answers then close their connection, so keep-alive clients let go. */
  closing: boolean;
}

/** A fresh {@link AnswerState}: nothing counted, not closing. */
export function createAnswerState(): AnswerState {
  // Indexed by status: 600 covers every HTTP status, and an increment is the whole cost per answer.
  return { counts: new Uint32Array(600), closing: false };
}

/** The non-zero counts of `state`, by status. */
export function countsByStatus(state: AnswerState): Record<number, number> {
  const out: Record<number, number> = {};
  state.counts.forEach((n, status) => {
    if (n > 0) out[status] = n;
  });
  return out;
}

/** Writes a JSON answer with `status` and `body` (already serialised), plus `extra` headers. */
export function sendAnswer(
  state: AnswerState,
  res: ServerResponse,
  status: number,
  body: string,
  extra?: Readonly<Record<string, string>>,
): void {
  (state.counts[status] as number)++;
  const socket = res.req.socket;
  const inFlight = noteAnswered(socket);
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
  flushAfterAnswer(res, socket, inFlight);
}

/**
 * Writes `error`'s pre-rendered answer. `close` ends the connection after it: an answer sent before
 * the body was read closes the connection, so a huge body is never drained.
 */
export function sendError(
  state: AnswerState,
  res: ServerResponse,
  error: ProviderError,
  close = false,
): void {
  sendAnswer(
    state,
    res,
    error.status,
    error.body,
    close ? { ...error.headers, connection: "close" } : error.headers,
  );
}
