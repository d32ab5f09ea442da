/**
 * Runs a load plan on one or more generators. `workers: 0` runs in the calling thread; `workers: N`
 * runs N worker threads, each with an even share of the rate or connections, and merges their
 * histograms (never their percentiles).
 */
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type LoadPlan, splitPlan } from "./load-plan.js";
import type { WorkerMessage } from "./load-worker.js";
import { mergeRecordedRuns } from "./merge-runs.js";
import type { RecordedRun } from "./recorder.js";
import { type LiveFigures, runInThisThread } from "./run-in-thread.js";
import type { SelfCheckFigures } from "./self-check.js";

/** A merged run and each generator's self-check. */
export interface LoadOutcome {
  readonly run: RecordedRun;
  readonly selfChecks: readonly SelfCheckFigures[];
  readonly workers: number;
}

/** Options of {@link runLoad}. */
export interface RunLoadOptions {
  /** Worker threads; 0 runs the generator in the calling thread. */
  readonly workers: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (live: LiveFigures) => void;
}

/**
 * The worker script. Under tsx or vitest this module is TypeScript, which a worker thread cannot
 * load without a loader: use the compiled copy in dist/ (vitest's global setup builds it).
 */
function workerUrl(): URL {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith(".ts")
    ? new URL("../../dist/load/engine/load-worker.js", import.meta.url)
    : new URL("./load-worker.js", import.meta.url);
}

function runWorker(
  plan: LoadPlan,
  signal: AbortSignal | undefined,
  onProgress: (live: LiveFigures) => void,
): Promise<{ run: RecordedRun; selfCheck: SelfCheckFigures }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl(), { workerData: plan });
    const stop = (): void => worker.postMessage("stop");
    signal?.addEventListener("abort", stop, { once: true });
    let settled = false;
    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "progress") onProgress(message);
      else if (message.type === "result") {
        settled = true;
        resolve(message.result);
        void worker.terminate();
      } else {
        settled = true;
        reject(new Error(message.message));
        void worker.terminate();
      }
    });
    worker.on("error", (error) => {
      settled = true;
      reject(error);
    });
    worker.on("exit", (code) => {
      signal?.removeEventListener("abort", stop);
      if (!settled) reject(new Error(`a load worker exited with code ${code} before reporting`));
    });
  });
}

/**
 * Runs a plan and returns the merged run.
 *
 * @example
 * const { run } = await runLoad(plan, { workers: 2 });
 */
export async function runLoad(plan: LoadPlan, options: RunLoadOptions): Promise<LoadOutcome> {
  if (options.workers === 0) {
    const result = await runInThisThread(plan, {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return { run: result.run, selfChecks: [result.selfCheck], workers: 0 };
  }
  const plans = splitPlan(plan, options.workers);
  const live = plans.map(() => ({ requests: 0, p99Ms: 0 }));
  const results = await Promise.all(
    plans.map((p, i) =>
      runWorker(p, options.signal, (figures) => {
        live[i] = figures;
        // The live p99 across workers is approximated by the worst one; the report's is exact.
        options.onProgress?.({
          requests: live.reduce((n, l) => n + l.requests, 0),
          p99Ms: Math.max(...live.map((l) => l.p99Ms)),
        });
      }),
    ),
  );
  return {
    run: mergeRecordedRuns(results.map((r) => r.run)),
    selfChecks: results.map((r) => r.selfCheck),
    workers: options.workers,
  };
}
