/**
 * Runs one verification job in the verification worker (a child process) and returns its
 * outcome. The child's own output (Pact's native report and logs) is kept only to explain a crash,
 * and is redacted before it is shown.
 */
import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { redact } from "../../src/util/redact.js";
import type { VerificationJob, VerificationOutcome } from "./verification-job.js";

// Compiled, the worker sits beside this file; run from source (vitest), it is taken from dist/,
// which the test setup builds first.
function workerPath(): string {
  const beside = fileURLToPath(new URL("./verification-worker.js", import.meta.url));
  if (existsSync(beside)) return beside;
  return fileURLToPath(new URL("../../dist/contracts/verify/verification-worker.js", import.meta.url));
}

const KEEP_OUTPUT_CHARS = 4_000;

/** Options of {@link runVerification}. */
export interface RunVerificationOptions {
  /** Stops the worker (SIGINT/SIGTERM of the CLI). */
  readonly signal?: AbortSignal;
  /** Kills the worker after this many milliseconds (default 300,000). */
  readonly timeoutMs?: number;
}

/**
 * Runs Pact's Verifier for `job` in a child process. Never rejects for a failed verification:
 * failures are in the outcome; a worker that dies or hangs is an outcome of kind `error`.
 *
 * @example
 * const outcome = await runVerification({ provider: "bleepay-vouchers-api", providerBaseUrl, token, … });
 */
export function runVerification(
  job: VerificationJob,
  options: RunVerificationOptions = {},
): Promise<VerificationOutcome> {
  const secrets = [job.token, job.broker?.token];
  return new Promise((resolve) => {
    const child = fork(workerPath(), [], { stdio: ["ignore", "pipe", "pipe", "ipc"], serialization: "json" });
    let output = "";
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-KEEP_OUTPUT_CHARS);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    let settled = false;
    const finish = (outcome: VerificationOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      resolve(outcome);
    };
    const stop = (why: string): void => {
      child.kill("SIGKILL");
      finish({ kind: "error", message: why, stateFailures: [] });
    };
    const onAbort = (): void => stop("verification interrupted");
    const timeoutMs = options.timeoutMs ?? 300_000;
    const timer = setTimeout(
      () => stop(`verification did not finish within ${timeoutMs / 1000} s`),
      timeoutMs,
    );
    options.signal?.addEventListener("abort", onAbort, { once: true });
    child.on("message", (outcome: VerificationOutcome) => finish(outcome));
    child.on("error", (error) => finish({ kind: "error", message: error.message, stateFailures: [] }));
    child.on("exit", (code, signal) => {
      const tail = redact(output.trim(), secrets).split("\n").slice(-15).join("\n");
      finish({
        kind: "error",
        message: `the Pact verifier stopped (${signal ?? `exit ${code}`}) without a report${tail ? `:\n${tail}` : ""}`,
        stateFailures: [],
      });
    });
    if (options.signal?.aborted) onAbort();
    else child.send(job);
  });
}
