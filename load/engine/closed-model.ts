/**
 * The closed model on autocannon: `connections` connections, each sending its next request as soon
 * as the previous answer arrives (autocannon's own loop, pipelining and socket code).
 *
 * Autocannon's figures are not used: its histogram floors to whole milliseconds. We timestamp
 * each request ourselves through its public hooks: a client's `request` event marks the send, and
 * `onResponse` plus the client's `response` event mark the answer. Per connection, answers come
 * back in request order (HTTP/1.1), so a FIFO per client pairs them even with pipelining.
 *
 * Bodies: autocannon's `requests` array, built once from the scenario (a cycle of
 * {@link REQUEST_CYCLE} requests whose kinds match the weights exactly, each client walking it in
 * order; codes may be reused until they expire). A `setupRequest` hook would rebuild every
 * request's bytes and more than double the generator's CPU per request; a longer cycle costs
 * startup time, since autocannon deep-clones and builds the array for every connection.
 */
import autocannon from "autocannon";
import type { EngineOptions } from "./engine-options.js";
import type { PlannedRequest } from "./scenario.js";

/** Requests in the prebuilt cycle each connection walks through (the scenario's mix over it). */
export const REQUEST_CYCLE = 100;

/** Options of {@link runClosedModel}. */
export interface ClosedModelOptions extends EngineOptions {
  /** Requests in flight per connection (HTTP pipelining, default 1). */
  readonly pipelining?: number;
}

interface InFlight {
  readonly sentAt: number;
  readonly planned: PlannedRequest;
}

/**
 * Runs the closed model for `durationMs`, then waits for the requests sent by then (at most their
 * timeout); resolves once every connection is closed.
 */
export function runClosedModel(options: ClosedModelOptions): Promise<void> {
  const { scenario, recorder, startAt } = options;
  const endAt = startAt + options.durationMs;
  const url = new URL(options.url);
  const cycle = scenario.cycle(REQUEST_CYCLE);
  // onResponse runs just before the client's `response` event, synchronously: it hands over the body.
  let lastBody: string | undefined;
  const onResponse = (_status: number, body: string): void => {
    lastBody = body;
  };
  // Requests sent before the end and not yet answered. The run ends once they are all settled (or
  // have had their timeout): cut off at the end, they would drop out of the figures, and the
  // requests in flight at any instant are the slow ones (the inspection paradox), so the tail
  // would read better than it was. Against a target slower than the run, nothing would be left.
  let pending = 0;
  let draining = false;
  let stop = (): void => {};
  const settled = (entry: InFlight): void => {
    if (entry.sentAt >= endAt) return;
    pending--;
    if (draining && pending === 0) stop();
  };

  const setupClient = (client: autocannon.Client): void => {
    const queue: InFlight[] = [];
    // Each client's iterator starts at the cycle's first request and moves one step per request.
    let next = 0;
    // The typings omit the `request`, `timeout` and `connError` events autocannon's client emits.
    const raw = client as unknown as NodeJS.EventEmitter;
    raw.on("request", () => {
      const sentAt = performance.now();
      if (sentAt < endAt) pending++;
      queue.push({ sentAt, planned: cycle[next] as PlannedRequest });
      next = (next + 1) % cycle.length;
    });
    client.on("response", (status) => {
      const endAtNow = performance.now();
      const entry = queue.shift();
      const body = lastBody;
      lastBody = undefined;
      if (!entry || entry.sentAt >= endAt) return;
      settled(entry);
      recorder.record({
        intendedAt: entry.sentAt,
        sentAt: entry.sentAt,
        endAt: endAtNow,
        kind: entry.planned.kind,
        status,
        body,
      });
    });
    const fail = (entries: InFlight[], failure: "timeout" | "error"): void => {
      const now = performance.now();
      for (const entry of entries) {
        if (entry.sentAt >= endAt) continue;
        settled(entry);
        recorder.record({
          intendedAt: entry.sentAt,
          sentAt: entry.sentAt,
          endAt: now,
          kind: entry.planned.kind,
          status: 0,
          failure,
        });
      }
    };
    // On a timeout autocannon reconnects (sending new requests) and then emits `timeout` once per
    // lost request: the lost ones are the oldest.
    raw.on("timeout", () => fail(queue.splice(0, 1), "timeout"));
    // On a connection error it emits first and reconnects after: everything queued is lost.
    raw.on("connError", () => fail(queue.splice(0), "error"));
    clients.push({ queue, fail });
  };
  const clients: { queue: InFlight[]; fail: (entries: InFlight[], failure: "timeout") => void }[] = [];
  const autocannonTimeoutS = Math.max(1, Math.ceil(options.timeoutMs / 1000));

  return new Promise((resolve, reject) => {
    let instance: autocannon.Instance | undefined;
    let drainTimer: NodeJS.Timeout | undefined;
    stop = (): void => {
      clearTimeout(drainTimer);
      instance?.stop();
    };
    // At the end: wait for the requests still in flight, at most their timeout (autocannon's is
    // whole seconds) and a little; any left then count as timed out.
    const drain = (): void => {
      if (pending <= 0 || options.signal?.aborted) {
        stop();
        return;
      }
      draining = true;
      drainTimer = setTimeout(
        () => {
          for (const client of clients) client.fail(client.queue.splice(0), "timeout");
          stop();
        },
        autocannonTimeoutS * 1000 + 500,
      );
    };
    const timer = setTimeout(drain, Math.max(0, endAt - performance.now()));
    options.signal?.addEventListener("abort", stop, { once: true });
    try {
      instance = autocannon(
        {
          url: url.origin,
          connections: options.connections,
          pipelining: options.pipelining ?? 1,
          // Our own timer stops the run (after the drain); autocannon checks for it every sampleInt ms.
          duration: Math.ceil(options.durationMs / 1000) + autocannonTimeoutS + 2,
          sampleInt: 50,
          timeout: autocannonTimeoutS,
          skipAggregateResult: true,
          requests: cycle.map((planned) => ({
            method: "POST" as const,
            path: url.pathname + url.search,
            headers: { ...planned.headers },
            body: planned.body,
            onResponse,
          })),
          setupClient,
        },
        (error) => {
          clearTimeout(timer);
          clearTimeout(drainTimer);
          options.signal?.removeEventListener("abort", stop);
          if (error) reject(error);
          else resolve();
        },
      );
      // Autocannon's own listeners would print nothing; the instance is only driven, never rendered.
      instance.on("response", () => {});
    } catch (error) {
      clearTimeout(timer);
      reject(error);
    }
  });
}
