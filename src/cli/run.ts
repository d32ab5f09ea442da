/**
 * Process wiring for the binary: signals abort the run (a second one exits at once), unhandled
 * rejections are reported as one line, and the exit code is set when `main` returns.
 */
import { redact } from "../util/redact.js";
import { main } from "./main.js";

const fail = (reason: unknown): string =>
  `bleepay-qa: internal error: ${redact(reason instanceof Error ? reason.message : String(reason), [process.env.BLEEPAY_TOKEN])}\n`;

/** Runs `main` with this process's arguments, streams, environment and signals. */
export function run(): void {
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (name: NodeJS.Signals): void => {
    signals++;
    if (signals > 1) process.exit(130);
    process.stderr.write(`bleepay-qa: ${name} received, stopping…\n`);
    controller.abort(new Error(name));
  };
  // A reader that goes away (`bleepay-qa all | head`) ends the run quietly, not with a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
      throw error;
    });
  }
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("unhandledRejection", (reason) => {
    process.stderr.write(fail(reason));
    process.exitCode = 2;
  });
  main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    signal: controller.signal,
  }).then(
    (code) => {
      process.exitCode = code;
      // Keep-alive sockets or timers must not hold a finished run open.
      setTimeout(() => process.exit(code), 1_000).unref();
    },
    (error: unknown) => {
      process.stderr.write(fail(error));
      process.exit(2);
    },
  );
}
