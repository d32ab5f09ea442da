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
 * The scheduler sleeps on one timer per slice (`sliceMs`, 1 ms by default) and never polls: each
 * time it wakes, every request due within half a slice of then leaves in one batch (one write per
 * connection), and the timer is set for the next due request, at least one slice away. Timers wake
 * late (whole milliseconds, plus the kernel's slack): the scheduler learns by how much, from its own
 * wake-ups, and aims that much early, so a request leaves within about half a slice of its due time,
 * early or late. The error of its latency (which counts from its own due time, so a late send is
 * charged to it) is centred on zero, and batching costs accuracy only by the slice. Polling for the exact due time instead (as
 * this scheduler once did) kept the thread busy all the time and, with every answer handled between
 * two polls, made it later than a plain timer. Whenever the thread is awake for an answer, the
 * requests that have fallen due leave too.
 *
 * A due request goes out on an idle connection, else on a new one (up to `connections`), else
 * pipelined behind the least busy one: it always leaves on time, like wrk2's.
 */
import type { EngineOptions } from "./engine-options.js";
import {
  type ConnectionEvents,
  createRequestEncoder,
  type Exchange,
  type HttpConnection,
  openHttpConnection,
} from "./http-connection.js";
import type { RequestKind } from "./scenario.js";

/** The scheduler's default slice, ms: requests due within one slice leave together. */
export const DEFAULT_SLICE_MS = 1;

/** Bounds of the prebuilt request cycle: the code pool's size, within these. */
const CYCLE_MIN = 1_000;
const CYCLE_MAX = 20_000;

/** Options of {@link runOpenModel}. */
export interface OpenModelOptions extends EngineOptions {
  /** Requests per second. */
  readonly rate: number;
  /** The scheduler's slice, ms (whole, at least 1; default {@link DEFAULT_SLICE_MS}). */
  readonly sliceMs?: number;
}

/** The time request `i` is due at, ms: exactly `1000/rate` apart. */
export function intendedTime(startAt: number, rate: number, i: number): number {
  return startAt + (i * 1000) / rate;
}

/**
 * The `setTimeout` delay for a wake-up at `at` (a `performance.now()` time), at least `minDelayMs`
 * (the slice: with requests due every fraction of a millisecond, the scheduler wakes once per
 * slice), and when that wake-up is expected.
 *
 * The loop sleeps in `epoll_wait` for a whole number of milliseconds counted from the moment it goes
 * to sleep, so `ceil(at - now)` wakes it between `at` and a millisecond later (half a millisecond
 * on average). Counting in libuv's own whole-millisecond clock instead (whose tick is up to 1 ms
 * behind the true time) would add that fraction again: a millisecond late on average. The timer
 * can fire up to a millisecond early when other I/O wakes the loop just before it is due; the
 * scheduler then finds nothing due and sleeps again, at no extra wake-up.
 */
export function timerDelay(
  at: number,
  minDelayMs = 1,
  now = performance.now(),
): { delayMs: number; at: number } {
  const delayMs = Math.max(minDelayMs, Math.ceil(at - now));
  return { delayMs, at: now + delayMs };
}

/** Float error allowed when comparing a due time with the clock, ms (1 ns). */
const EPSILON_MS = 1e-6;

/** A request in flight: what its answer is recorded with. */
interface OpenExchange extends Exchange {
  readonly intendedAt: number;
  readonly kind: RequestKind;
}

/**
 * Runs the open model; resolves once every request sent has been answered or has failed.
 *
 * Every call is self-contained (its connections, timers and listeners are gone when it resolves),
 * so a caller can step through rates in one process, one call per step.
 *
 * @example
 * const { scheduled } = await runOpenModel({ url, scenario, recorder, selfCheck, rate: 2000,
 *   startAt: performance.now() + 20, durationMs: 10_000, timeoutMs: 10_000, connections: 50 });
 */
export function runOpenModel(options: OpenModelOptions): Promise<{ scheduled: number }> {
  const { scenario, recorder, selfCheck, startAt, rate, timeoutMs } = options;
  const sliceMs = Math.max(1, Math.round(options.sliceMs ?? DEFAULT_SLICE_MS));
  const url = new URL(options.url);
  const endAt = startAt + options.durationMs;
  // The requests' bytes, built once: the scenario's mix over a cycle as long as the code pool (so
  // every code is used), instead of a string and a Buffer built for every request.
  const encode = createRequestEncoder(url);
  const cycle = scenario
    .cycle(Math.min(CYCLE_MAX, Math.max(CYCLE_MIN, scenario.poolSize)))
    .map((r) => ({ kind: r.kind, bytes: encode(r.headers, r.body) }));
  const connections = new Set<HttpConnection<OpenExchange>>();
  const idle: HttpConnection<OpenExchange>[] = [];
  const corked: HttpConnection<OpenExchange>[] = [];
  // Requests due within half a slice of a wake-up leave with it: sends are early or late by at most
  // about half a slice, instead of always late by up to a whole one.
  const lookahead = sliceMs / 2;
  let outstanding = 0;
  let next = 0;
  let nextDue = startAt;
  let scheduling = true;
  let finished = false;
  let timer: NodeJS.Timeout | undefined;
  let timerDueAt = startAt;
  // How much earlier than a request's due time the timer is aimed (learnt from the wake-ups, within
  // 0…1 slice), and the due time the pending timer was aimed at, when it was aimed at one.
  let earlyBy = 0;
  let aimedAt: number | undefined;
  let resolveRun: (value: { scheduled: number }) => void = () => {};

  const finishIfDone = (): void => {
    if (scheduling || outstanding > 0 || finished) return;
    finished = true;
    clearInterval(sweeper);
    options.signal?.removeEventListener("abort", abort);
    for (const c of connections) c.destroy();
    resolveRun({ scheduled: next });
  };
  const events: ConnectionEvents<OpenExchange> = {
    onAnswer(e, status, body, at) {
      recorder.record({ intendedAt: e.intendedAt, sentAt: e.sentAt, endAt: at, kind: e.kind, status, body });
      outstanding--;
      // Awake anyway: send what has fallen due. When a stalled provider releases a thousand answers
      // at once, their handling holds the thread for tens of milliseconds, and the timer would only
      // get its turn after the last of them.
      if (at + lookahead >= nextDue && scheduling) dispatchDue(at);
      finishIfDone();
    },
    onFailure(e, failure, at) {
      recorder.record({
        intendedAt: e.intendedAt,
        sentAt: e.sentAt,
        endAt: at,
        kind: e.kind,
        status: 0,
        failure,
      });
      outstanding--;
      finishIfDone();
    },
    onIdle: (c) => void idle.push(c),
    onClosed: (c) => {
      connections.delete(c);
      const i = idle.indexOf(c);
      if (i !== -1) idle.splice(i, 1);
    },
  };
  const open = (): HttpConnection<OpenExchange> => {
    const c = openHttpConnection(url, events);
    connections.add(c);
    return c;
  };
  const pick = (): HttpConnection<OpenExchange> => {
    // `idle` may hold a connection twice, or one that has since been given a request: check.
    for (let c = idle.pop(); c; c = idle.pop()) if (c.open && c.inFlight.length === 0) return c;
    if (connections.size < options.connections) return open();
    let best: HttpConnection<OpenExchange> | undefined;
    for (const c of connections) if (c.open && (!best || c.inFlight.length < best.inFlight.length)) best = c;
    return best ?? open();
  };

  /** Sends every request due by half a slice after `now`, in one batch (one write per connection). */
  const dispatchDue = (now: number): void => {
    const until = now + lookahead + EPSILON_MS;
    while (nextDue <= until && nextDue < endAt && scheduling) {
      const planned = cycle[next % cycle.length] as { kind: RequestKind; bytes: Buffer };
      const exchange: OpenExchange = { sentAt: 0, timedOut: false, intendedAt: nextDue, kind: planned.kind };
      const c = pick();
      // A request pipelined behind others is corked until the batch is out: the batch's requests
      // for that connection then leave in one write. (Corking an idle connection's only request
      // would only delay it.)
      if (c.inFlight.length > 0) {
        c.cork();
        corked.push(c);
      }
      c.send(planned.bytes, exchange);
      outstanding++;
      // Lateness only: a send up to half a slice early is the slice's doing, not a lag.
      selfCheck.dispatchLag(Math.max(0, exchange.sentAt - nextDue));
      recorder.scheduled(nextDue);
      recorder.sent(nextDue);
      next++;
      nextDue = intendedTime(startAt, rate, next);
    }
    for (let c = corked.pop(); c; c = corked.pop()) c.uncork();
    if (nextDue >= endAt && scheduling) {
      scheduling = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
    }
  };
  /** The timer: sends what is due, then sleeps until the next due request, at least a slice. */
  const tick = (): void => {
    timer = undefined;
    dispatchDue(performance.now());
    if (!scheduling) {
      finishIfDone();
      return;
    }
    const now = performance.now();
    const aim = nextDue - earlyBy;
    const wake = timerDelay(aim, sliceMs, now);
    // Only a wake-up aimed at a request (not one a slice away because requests are due sooner)
    // tells how late this machine's timers fire.
    aimedAt = aim > now && wake.delayMs === Math.ceil(aim - now) ? nextDue : undefined;
    timerDueAt = wake.at;
    timer = setTimeout(onTimer, wake.delayMs);
  };
  const onTimer = (): void => {
    const now = performance.now();
    // How late the timer fired: the loop's delay, sampled by the scheduler itself (a separate
    // monitor timer would wake the thread on its own, which costs more than the work at low rates).
    selfCheck.loopDelay(now - timerDueAt);
    // Steer the aim so that wake-ups land on the due time on average (a fifth of each error).
    if (aimedAt !== undefined) earlyBy = Math.min(sliceMs, Math.max(0, earlyBy + 0.2 * (now - aimedAt)));
    tick();
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
    // A tenth of the timeout (a timeout is detected at most 10 % late), within 10 ms…1 s: every
    // wake-up costs CPU, which at low rates weighs more than the requests themselves.
    Math.min(1000, Math.max(10, timeoutMs / 10)),
  );
  const abort = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    scheduling = false;
    for (const c of connections) c.destroy();
    finishIfDone();
  };

  return new Promise((resolve) => {
    resolveRun = resolve;
    if (options.signal?.aborted) return abort();
    options.signal?.addEventListener("abort", abort, { once: true });
    const first = timerDelay(startAt);
    timerDueAt = first.at;
    timer = setTimeout(onTimer, first.delayMs);
  });
}
