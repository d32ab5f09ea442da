/**
 * The only place bleepay-qa writes to the console. Everything passes through {@link redact}, so a
 * token never reaches a terminal or a CI log.
 */
import { redact } from "../util/redact.js";

/** A writable stream as the CLI needs it. */
export interface TextSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Console output with secrets redacted. */
export interface Output {
  /** Prints a line to stdout. */
  line(text?: string): void;
  /** Prints a line to stderr. */
  error(text: string): void;
  /** Writes raw text to stderr (progress bars); redacted too. */
  progress(text: string): void;
  /** Whether stdout is a terminal (progress bars) or not (plain lines, CI). */
  readonly interactive: boolean;
  /** Adds a secret to redact from now on. */
  addSecret(secret: string | undefined): void;
  /** Redacts a text with the secrets known so far. */
  redact(text: string): string;
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
    progress: (text) => void stderr.write(clean(text)),
    interactive: stdout.isTTY === true && !process.env.CI,
    addSecret: (secret) => {
      if (secret) known.push(secret);
    },
    redact: clean,
  };
}
