/**
 * The closed model on autocannon: `connections` connections, each sending its next request as soon
 * as the previous answer arrives (autocannon's own loop, pipelining and socket code).
 *
 * Autocannon's figures are not used: its histogram floors to whole milliseconds. We timestamp
 * each request ourselves through its public hooks: `setupRequest` builds every request's body from
 * the scenario, a client's `request` event marks the send, and `onResponse` plus the client's
 * `response` event mark the answer. Per connection, answers come back in request order (HTTP/1.1),
 * so a FIFO per client pairs them even with pipelining.
 */
import autocannon from "autocannon";
import type { EngineOptions } from "./engine.js";
import type { PlannedRequest } from "./scenario.js";

/** Options of {@link runClosedModel}. */
export interface ClosedModelOptions extends EngineOptions {
  /** Requests in flight per connection (HTTP pipelining, default 1). */
  readonly pipelining?: number;
}

interface InFlight {
  sentAt: number;
  planned: PlannedRequest | undefined;
}

interface ClientState {
  readonly queue: InFlight[];
  /** The request autocannon built in the client's constructor, before `setupClient` ran. */
  first: PlannedRequest | undefined;
}

/** Runs the closed model until `durationMs` has passed; resolves once every connection is closed. */
export function runClosedModel(options: ClosedModelOptions): Promise<void> {
  const { scenario, recorder, startAt } = options;
  const endAt = startAt + options.durationMs;
  const url = new URL(options.url);
  // Hooks run synchronously inside autocannon's send path: `request` event, then `setupRequest`
  // (for every request but a connection's first, which is built in the client's constructor).
  let awaitingPlan: InFlight | undefined;
  let lastBuilt: PlannedRequest | undefined;
  let lastBody: string | undefined;

  const plan = (): PlannedRequest => {
    const planned = scenario.next();
    if (awaitingPlan) {
      awaitingPlan.planned = planned;
      awaitingPlan = undefined;
    } else lastBuilt = planned;
    return planned;
  };

  const setupClient = (client: autocannon.Client): void => {
    const state: ClientState = { queue: [], first: lastBuilt };
    lastBuilt = undefined;
    // The typings omit the `request`, `timeout` and `connError` events autocannon's client emits.
    const raw = client as unknown as NodeJS.EventEmitter & { reqsMade: number };
    raw.on("request", () => {
      const entry: InFlight = { sentAt: performance.now(), planned: undefined };
      if (raw.reqsMade === 0 && state.first) {
        entry.planned = state.first;
        state.first = undefined;
      } else awaitingPlan = entry;
      state.queue.push(entry);
    });
    client.on("response", (status) => {
      const endAtNow = performance.now();
      const entry = state.queue.shift();
      const body = lastBody;
      lastBody = undefined;
      if (!entry?.planned || entry.sentAt >= endAt) return;
      recorder.record({
        intendedAt: entry.sentAt,
        sentAt: entry.sentAt,
        endAt: endAtNow,
        kind: entry.planned.kind,
        status,
        ...(body === undefined ? {} : { body }),
      });
    });
    const fail = (entries: InFlight[], failure: "timeout" | "error"): void => {
      const now = performance.now();
      for (const entry of entries) {
        if (!entry.planned || entry.sentAt >= endAt) continue;
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
    raw.on("timeout", () => fail(state.queue.splice(0, 1), "timeout"));
    // On a connection error it emits first and reconnects after: everything queued is lost.
    raw.on("connError", () => fail(state.queue.splice(0), "error"));
  };

  return new Promise((resolve, reject) => {
    let instance: autocannon.Instance | undefined;
    const stop = (): void => instance?.stop();
    const timer = setTimeout(stop, Math.max(0, endAt - performance.now()));
    options.signal?.addEventListener("abort", stop, { once: true });
    try {
      instance = autocannon(
        {
          url: url.origin,
          connections: options.connections,
          pipelining: options.pipelining ?? 1,
          // Our own timer stops the run; autocannon checks for it every sampleInt ms.
          duration: Math.ceil(options.durationMs / 1000) + 1,
          sampleInt: 50,
          timeout: Math.max(1, Math.ceil(options.timeoutMs / 1000)),
          skipAggregateResult: true,
          requests: [
            {
              method: "POST",
              path: url.pathname + url.search,
              setupRequest: (request) => {
                const planned = plan();
                return { ...request, headers: { ...planned.headers }, body: planned.body };
              },
              onResponse: (_status, body) => {
                lastBody = body;
              },
            },
          ],
          setupClient,
        },
        (error) => {
          clearTimeout(timer);
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
