/**
 * Runs verification jobs in the verification worker (a child process) and returns their outcomes.
 * The child's own output (Pact's native report and logs) is kept to explain a crash, and with
 * `onLog` it is also passed on line by line (debug logging). Either way it is redacted first, and
 * whole lines at a time, so that a token split across two chunks of output is still caught.
 */
import { type ChildProcess, fork } from "node:child_process";
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

/** Per-job options. */
export interface RunVerificationOptions {
  /** Stops the job and the worker (SIGINT/SIGTERM of the CLI). */
  readonly signal?: AbortSignal;
  /** Kills the worker when a job takes longer than this many milliseconds (default 300,000). */
  readonly timeoutMs?: number;
  /** Receives each line the worker prints while the job runs, redacted (debug logging). */
  readonly onLog?: (line: string) => void;
}

/** A verification worker process that runs jobs one after another. */
export interface VerificationWorker {
  /**
   * Runs one job. Never rejects: a failed verification is in the outcome, and a worker that dies,
   * hangs or is interrupted is an outcome of kind `error`.
   */
  verify(job: VerificationJob, options?: RunVerificationOptions): Promise<VerificationOutcome>;
  /** Lets the worker exit. */
  close(): Promise<void>;
}

const failure = (message: string): VerificationOutcome => ({ kind: "error", message, stateFailures: [] });

/**
 * Starts a worker. Reusing one for many jobs saves loading Pact (about a second of CPU) per job.
 *
 * @example
 * const worker = openVerificationWorker();
 * const outcome = await worker.verify(job);
 * await worker.close();
 */
export function openVerificationWorker(): VerificationWorker {
  const child: ChildProcess = fork(workerPath(), [], {
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    serialization: "json",
  });
  let output = "";
  // The running job's line sink and secrets, and each stream's unfinished last line.
  let onLog: ((line: string) => void) | undefined;
  let secrets: (string | undefined)[] = [];
  const keep =
    (partial: { text: string }) =>
    (chunk: Buffer): void => {
      const text = chunk.toString();
      output = (output + text).slice(-KEEP_OUTPUT_CHARS);
      if (!onLog) return;
      const lines = (partial.text + text).split("\n");
      partial.text = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) onLog(redact(line, secrets));
    };
  const pendingOut = { text: "" };
  const pendingErr = { text: "" };
  const pending = [pendingOut, pendingErr];
  child.stdout?.on("data", keep(pendingOut));
  child.stderr?.on("data", keep(pendingErr));
  const flushLog = (): void => {
    for (const partial of pending) {
      if (onLog && partial.text.trim()) onLog(redact(partial.text, secrets));
      partial.text = "";
    }
  };
  const exited = new Promise<string>((resolve) => {
    child.on("exit", (code, signal) => resolve(signal ?? `exit ${code}`));
    child.on("error", (error) => resolve(error.message));
  });
  let queue: Promise<unknown> = Promise.resolve();

  function runOne(job: VerificationJob, options: RunVerificationOptions): Promise<VerificationOutcome> {
    secrets = [job.token, job.broker?.token];
    if (child.exitCode !== null || child.signalCode !== null || !child.connected) {
      return Promise.resolve(failure("the verification worker is not running"));
    }
    return new Promise((resolve) => {
      let settled = false;
      const timeoutMs = options.timeoutMs ?? 300_000;
      const finish = (outcome: VerificationOutcome): void => {
        if (settled) return;
        settled = true;
        flushLog();
        onLog = undefined;
        clearTimeout(timer);
        child.off("message", onMessage);
        options.signal?.removeEventListener("abort", onAbort);
        resolve(outcome);
      };
      const stop = (why: string): void => {
        child.kill("SIGKILL");
        finish(failure(why));
      };
      const onMessage = (outcome: VerificationOutcome): void => {
        // Pact's native core logs some failures (publishing results, broker errors) only as
        // ERROR lines on its output, outside the JSON report: they are kept for the checks.
        const logErrors = redact(output, secrets)
          .split("\n")
          .filter((line) => /\bERROR\b/.test(line) && !line.includes("Verification unsuccessful"))
          .map((line) => line.replace(/^.*?\bERROR\b\s*(ThreadId\(\d+\)\s*)?/, "").trim());
        finish(outcome.kind === "report" ? { ...outcome, logErrors } : outcome);
      };
      const onAbort = (): void => stop("verification interrupted");
      const timer = setTimeout(
        () => stop(`verification did not finish within ${timeoutMs / 1000} s`),
        timeoutMs,
      );
      output = "";
      onLog = options.onLog;
      child.on("message", onMessage);
      options.signal?.addEventListener("abort", onAbort, { once: true });
      void exited.then((how) => {
        const tail = redact(output.trim(), secrets).split("\n").slice(-15).join("\n");
        finish(failure(`the Pact verifier stopped (${how}) without a report${tail ? `:\n${tail}` : ""}`));
      });
      if (options.signal?.aborted) onAbort();
      else child.send(job);
    });
  }

  return {
    verify(job, options = {}) {
      const result = queue.then(() => runOne(job, options));
      queue = result;
      return result;
    },
    async close() {
      await queue;
      if (child.connected) child.disconnect();
      await exited;
    },
  };
}

/**
 * Runs one job in a worker of its own.
 *
 * @example
 * const outcome = await runVerification({ provider: "bleepay-vouchers-api", providerBaseUrl, token, … });
 */
export async function runVerification(
  job: VerificationJob,
  options: RunVerificationOptions = {},
): Promise<VerificationOutcome> {
  const worker = openVerificationWorker();
  try {
    return await worker.verify(job, options);
  } finally {
    await worker.close();
  }
}
