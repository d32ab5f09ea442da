/**
 * The open model: requests arrive at a constant rate, whatever the provider does. Request i is due
 * at exactly `startAt + i × 1000/rate` ms; its latency counts from that intended time (so a
 * provider that stalls is charged for every request it delayed: coordinated omission corrected),
 * a request that falls behind is still sent, and its service time counts from the actual send.
 *
 * Why not autocannon here: its client sends a connection's next request whenever an answer
 * arrives, and its rate limit is a per-connection counter reset each second (requests leave in
 * bursts). No hook lets a scheduler decide when a request leaves, so an honest open model cannot be
 * built on it. This scheduler drives its own keep-alive connections (see http-connection.ts, which
 * parses with autocannon's parser); autocannon stays the closed-model engine.
 *
 * A due request goes out on an idle connection, else on a new one (up to `connections`), else
 * pipelined behind the least busy one: it always leaves on time, like wrk2's.
 */
import type { EngineOptions } from "./engine-options.js";
import {
  createRequestEncoder,
  type Exchange,
  type HttpConnection,
  openHttpConnection,
} from "./http-connection.js";

/** Options of {@link runOpenModel}. */
export interface OpenModelOptions extends EngineOptions {
  /** Requests per second. */
  readonly rate: number;
}

/** The time request `i` is due at, ms: exactly `1000/rate` apart. */
export function intendedTime(startAt: number, rate: number, i: number): number {
  return startAt + (i * 1000) / rate;
}

/** Runs the open model; resolves once every request sent has been answered or has failed. */
export function runOpenModel(options: OpenModelOptions): Promise<{ scheduled: number }> {
  const { scenario, recorder, selfCheck, startAt, rate, timeoutMs } = options;
  const url = new URL(options.url);
  const encode = createRequestEncoder(url);
  const endAt = startAt + options.durationMs;
  const connections = new Set<HttpConnection>();
  const idle: HttpConnection[] = [];
  let outstanding = 0;
  let next = 0;
  let scheduling = true;
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;

  return new Promise((resolve) => {
    const finishIfDone = (): void => {
      if (scheduling || outstanding > 0) return;
      clearInterval(sweeper);
      for (const c of connections) c.destroy();
      resolve({ scheduled: next });
    };
    const events = {
      onIdle: (c: HttpConnection) => idle.push(c),
      onClosed: (c: HttpConnection) => {
        connections.delete(c);
        const i = idle.indexOf(c);
        if (i !== -1) idle.splice(i, 1);
      },
    };
    const pick = (): HttpConnection => {
      for (let c = idle.pop(); c; c = idle.pop()) if (c.open && c.inFlight.length === 0) return c;
      if (connections.size < options.connections) {
        const c = openHttpConnection(url, events);
        connections.add(c);
        return c;
      }
      let best: HttpConnection | undefined;
      for (const c of connections)
        if (c.open && (!best || c.inFlight.length < best.inFlight.length)) best = c;
      if (best) return best;
      const c = openHttpConnection(url, events);
      connections.add(c);
      return c;
    };

    const fire = (intendedAt: number): void => {
      const planned = scenario.next();
      outstanding++;
      const done = (): void => {
        outstanding--;
        finishIfDone();
      };
      const exchange: Exchange = {
        sentAt: 0,
        timedOut: false,
        onAnswer(status, body, at) {
          recorder.record({
            intendedAt,
            sentAt: exchange.sentAt,
            endAt: at,
            kind: planned.kind,
            status,
            body,
          });
          done();
        },
        onFailure(failure, at) {
          recorder.record({
            intendedAt,
            sentAt: exchange.sentAt,
            endAt: at,
            kind: planned.kind,
            status: 0,
            failure,
          });
          done();
        },
      };
      pick().send(encode(planned.headers, planned.body), exchange);
      recorder.sent(intendedAt);
    };

    const tick = (): void => {
      timer = undefined;
      immediate = undefined;
      const now = performance.now();
      for (;;) {
        const due = intendedTime(startAt, rate, next);
        if (due >= endAt || options.signal?.aborted) {
          scheduling = false;
          finishIfDone();
          return;
        }
        if (due > now) break;
        selfCheck.dispatchLag(now - due);
        recorder.scheduled(due);
        next++;
        fire(due);
      }
      schedule();
    };
    // Timers have a 1 ms granularity and fire late, and lateness is charged to the request (its
    // latency counts from its due time). So sleep on a timer only for the whole milliseconds to
    // go and cover the last fraction with setImmediate, which keeps I/O flowing in between.
    const schedule = (): void => {
      const wait = intendedTime(startAt, rate, next) - performance.now();
      if (wait >= 1) timer = setTimeout(tick, Math.floor(wait) - 1 >= 1 ? Math.floor(wait) - 1 : 0);
      else immediate = setImmediate(tick);
    };

    // One sweep for all timeouts: cheaper than a timer per request at thousands of requests/s. A
    // connection with a late answer is closed (HTTP/1.1 cannot skip one answer); what it still
    // carried fails.
    const sweeper = setInterval(
      () => {
        const now = performance.now();
        for (const c of connections) {
          const oldest = c.inFlight[0];
          if (oldest && now - oldest.sentAt > timeoutMs) {
            for (const e of c.inFlight) e.timedOut = true;
            c.destroy();
          }
        }
      },
      Math.min(100, Math.max(10, timeoutMs / 10)),
    );

    options.signal?.addEventListener(
      "abort",
      () => {
        if (timer) clearTimeout(timer);
        if (immediate) clearImmediate(immediate);
        scheduling = false;
        for (const c of connections) c.destroy();
        finishIfDone();
      },
      { once: true },
    );
    timer = setTimeout(tick, Math.max(0, startAt - performance.now()));
  });
}
