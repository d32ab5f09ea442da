/**
 * Per-socket bookkeeping of the reference provider: how many requests on a socket are not yet
 * answered, the latest of them, and a raw answer to junk HTTP waiting for them, so that pipelined
 * answers stay in order and none is lost. Kept on the socket itself (symbol keys), so the hot path
 * pays one increment and one decrement per request and no lookup.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";

const IN_FLIGHT = Symbol("inFlight");
const DEFERRED = Symbol("deferredAnswer");
const LAST_REQUEST = Symbol("lastRequest");
const CUT_SHORT = Symbol("cutShort");

/** How long a raw answer waits for earlier pipelined answers when the junk may have cut one short. */
const DEFER_GRACE_MS = 250;
/** How long a peer that never reads a raw answer may keep its socket open. */
const UNREAD_ANSWER_MS = 1_000;

/** A socket carrying the provider's bookkeeping (callers see a plain `Socket`). */
interface TrackedSocket extends Socket {
  /** Requests parsed on this socket whose answer is not yet written. */
  [IN_FLIGHT]?: number;
  /** A raw answer to junk HTTP, waiting for the answers in flight before it. */
  [DEFERRED]?: string | undefined;
  /** The latest request parsed on this socket, while any is unanswered. */
  [LAST_REQUEST]?: IncomingMessage;
  /** 1 when the junk cut the latest request's body short: that request will never be answered. */
  [CUT_SHORT]?: number;
}

/** Notes a request as parsed and not yet answered. */
export function noteRequest(req: IncomingMessage): void {
  const socket = req.socket as TrackedSocket;
  socket[IN_FLIGHT] = (socket[IN_FLIGHT] ?? 0) + 1;
  socket[LAST_REQUEST] = req;
}

/**
 * Notes that `socket`'s oldest request is being answered, before its answer is written; returns how
 * many requests on the socket are still unanswered, for {@link flushAfterAnswer}.
 */
export function noteAnswered(tracked: Socket): number {
  const socket = tracked as TrackedSocket;
  const inFlight = (socket[IN_FLIGHT] ?? 1) - 1;
  socket[IN_FLIGHT] = inFlight;
  // Answered: let the request go (a kept reference would outlive it into the old generation).
  if (inFlight === 0) socket[LAST_REQUEST] = undefined;
  return inFlight;
}

/**
 * After an answer was written: when a raw answer waits only for it, sends that raw answer once this
 * one has gone out. `inFlight` is what {@link noteAnswered} returned.
 */
export function flushAfterAnswer(res: ServerResponse, tracked: Socket, inFlight: number): void {
  const socket = tracked as TrackedSocket;
  if (socket[DEFERRED] !== undefined && inFlight <= (socket[CUT_SHORT] ?? 0))
    res.once("finish", () => flushDeferred(socket));
}

/** Whether a raw answer is already chosen for this socket (it gets no second one). */
export function hasRawAnswer(socket: Socket): boolean {
  return (socket as TrackedSocket)[DEFERRED] !== undefined;
}

/**
 * Ends `socket` with a raw answer once the requests before it are answered. Earlier pipelined
 * requests are answered first, in order; a request cut short by the junk never completes, so after
 * a short grace the answer goes out regardless.
 */
export function sendRawAnswerInOrder(tracked: Socket, text: string): void {
  const socket = tracked as TrackedSocket;
  socket[DEFERRED] = text;
  const cut = socket[LAST_REQUEST]?.complete === false ? 1 : 0;
  socket[CUT_SHORT] = cut;
  if ((socket[IN_FLIGHT] ?? 0) <= cut) flushDeferred(socket);
  else setTimeout(() => flushDeferred(socket), DEFER_GRACE_MS).unref();
}

/** Ends `socket` with a raw answer now (no request on it will be answered otherwise). */
export function sendRawAnswerNow(socket: Socket, text: string): void {
  (socket as TrackedSocket)[DEFERRED] = text;
  flushDeferred(socket);
}

/** Ends a socket with its deferred raw answer, once (the caller counted it when it chose it). */
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
  setTimeout(() => socket.destroy(), UNREAD_ANSWER_MS).unref();
}
