/**
 * Bounded body reading: the reference provider never buffers more than its limit, whatever the
 * client declared (a chunked body has no length to check up front).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ERRORS } from "./provider-error.js";
import { type AnswerState, sendError } from "./send-answer.js";

/**
 * Reads a request body up to `limit` bytes. Calls `done(text)` with the body, or answers 413 itself
 * (closing the connection, so the rest is never read) and never calls `done`.
 */
export function readBody(
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
