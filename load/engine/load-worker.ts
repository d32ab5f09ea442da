/**
 * Worker-thread entry of a generator: runs the plan it is given, posts progress about once a
 * second and its result at the end, and stops early when told to.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { LoadPlan } from "./load-plan.js";
import { runInThisThread } from "./run-in-thread.js";

/** Messages a generator worker posts. */
export type WorkerMessage =
  | { readonly type: "progress"; readonly requests: number; readonly p99Ms: number }
  | { readonly type: "result"; readonly result: import("./run-in-thread.js").ThreadResult }
  | { readonly type: "error"; readonly message: string };

if (parentPort) {
  const port = parentPort;
  const controller = new AbortController();
  port.on("message", (message: unknown) => {
    if (message === "stop") controller.abort();
  });
  runInThisThread(workerData as LoadPlan, {
    signal: controller.signal,
    onProgress: (live) => port.postMessage({ type: "progress", ...live } satisfies WorkerMessage),
  }).then(
    (result) => port.postMessage({ type: "result", result } satisfies WorkerMessage),
    (error: unknown) =>
      port.postMessage({
        type: "error",
        message: error instanceof Error ? error.message : String(error),
      } satisfies WorkerMessage),
  );
}
