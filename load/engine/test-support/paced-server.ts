/**
 * Test servers with known latency, for the accuracy proofs: a server in its own worker thread (so
 * its stalls never stall the load generator) that answers every request after a fixed delay, and
 * optionally freezes its event loop for `freezeMs` at the start of every `periodMs`.
 */
import { Worker } from "node:worker_threads";

/** Options of {@link startPacedServer}. */
export interface PacedServerOptions {
  /** Delay before each answer, ms (0: answer at once). */
  readonly delayMs?: number;
  /** Freeze the event loop this long… */
  readonly freezeMs?: number;
  /** …at the start of every period, ms. */
  readonly periodMs?: number;
  /**
   * Requests served at once at most (absent: no limit): with `delayMs` a server of known capacity,
   * `slots × 1000 / delayMs` requests/s; the rest wait their turn in arrival order.
   */
  readonly slots?: number;
}

/** A running paced server. */
export interface PacedServer {
  readonly url: string;
  close(): Promise<void>;
}

// Plain JS run with `eval: true`: the worker needs no compiled file and no TypeScript loader.
const SERVER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { createServer } = require("node:http");
const { delayMs, freezeMs, periodMs, slots } = workerData;
const body = JSON.stringify({ id: "ses_paced", code: "A1B2C3", status: "OPEN", type: "SESSION_DEFAULT", createdAt: new Date(0).toISOString() });
const answer = (res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
};
// With slots, a queue: at most \`slots\` requests in service, each for delayMs.
let busy = 0;
const waiting = [];
const serve = (res) => {
  busy++;
  setTimeout(() => {
    answer(res);
    busy--;
    const next = waiting.shift();
    if (next) serve(next);
  }, delayMs);
};
// Exactly delayMs after a request arrived: a timer sleeps whole milliseconds and wakes up to one
// late, so it is set a millisecond short and the last fraction is waited out with setImmediate.
const answerAfter = (res, arrived) => {
  const wait = () => {
    const left = arrived + delayMs - performance.now();
    if (left <= 0) answer(res);
    else if (left > 1.5) setTimeout(wait, Math.floor(left - 1));
    else setImmediate(wait);
  };
  wait();
};
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    if (slots > 0) (busy < slots ? serve(res) : waiting.push(res));
    else if (delayMs > 0) answerAfter(res, performance.now());
    else answer(res);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => {
  const start = performance.now();
  if (freezeMs > 0) {
    // Frozen during [k*period - freeze, k*period) for k = 1, 2, ...
    let nextFreeze = start + periodMs - freezeMs;
    // Atomics.wait blocks the thread (its event loop included) without burning a core.
    const lock = new Int32Array(new SharedArrayBuffer(4));
    const freeze = () => {
      const until = nextFreeze + freezeMs;
      for (let left = until - performance.now(); left > 0; left = until - performance.now()) Atomics.wait(lock, 0, 0, left);
      nextFreeze += periodMs;
      setTimeout(freeze, Math.max(0, nextFreeze - performance.now()));
    };
    setTimeout(freeze, nextFreeze - performance.now());
  }
  parentPort.postMessage({ port: server.address().port });
});
parentPort.on("message", () => server.close(() => process.exit(0)));
`;

/** Starts a paced server on a free port of 127.0.0.1. */
export function startPacedServer(options: PacedServerOptions = {}): Promise<PacedServer> {
  const worker = new Worker(SERVER_SOURCE, {
    eval: true,
    workerData: {
      delayMs: options.delayMs ?? 0,
      freezeMs: options.freezeMs ?? 0,
      periodMs: options.periodMs ?? 1000,
      slots: options.slots ?? 0,
    },
  });
  return new Promise((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", (message: { port: number }) => {
      resolve({
        url: `http://127.0.0.1:${message.port}`,
        close: async () => {
          worker.postMessage("close");
          await worker.terminate();
        },
      });
    });
  });
}
