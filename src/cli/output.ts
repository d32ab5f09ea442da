/**
 * The only place bleepay-qa writes to the console. Everything passes through {@link redact}, so a
 * token never reaches a terminal or a CI log.
 */
import type { Reporter } from "../stages/stage.js";
import { redact } from "../util/redact.js";

/** A writable stream as the CLI needs it. */
export interface TextSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Console output with secrets redacted; what a stage sees of it is its {@link Reporter} side. */
export interface Output extends Reporter {
  /** Prints a line to stderr. */
  error(text: string): void;
}

/** Creates an {@link Output} over two sinks. */
export function createOutput(
  stdout: TextSink,
  stderr: TextSink,
  secrets: (string | undefined)[] = [],
): Output {
  const known = [...secrets];
  const clean = (text: string): string => redact(text, known);
  return {
    line: (text = "") => void stdout.write(`${clean(text)}\n`),
    error: (text) => void stderr.write(`${clean(text)}\n`),
    log: (text) => void stderr.write(`${clean(text)}\n`),
    progress: (text) => void stderr.write(clean(text)),
    interactive: stdout.isTTY === true && !process.env.CI,
    addSecret: (secret) => {
      if (secret) known.push(secret);
    },
    redact: clean,
  };
}
