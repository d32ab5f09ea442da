/**
 * A lean keep-alive HTTP/1.1 connection for the open model: it writes a request the moment the
 * scheduler says so (pipelining behind earlier ones when needed) and pairs answers with requests
 * in order. It parses answers with http-parser-js, the parser autocannon's own client uses;
 * `node:http`'s client costs several times more CPU per request, which would make the generator
 * the bottleneck long before the provider.
 *
 * Per request it allocates only the exchange the caller passes in: the callbacks are the
 * connection's (shared by all its requests), and plain-HTTP sockets read into one buffer per
 * thread (`onread`) instead of a fresh Buffer per read.
 */
import { connect as netConnect, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { HTTPParser } from "http-parser-js";

/** One request on a connection. The caller may extend it with what it needs to record the answer. */
export interface Exchange {
  /** When it was written to the socket (`performance.now()`), set by {@link HttpConnection.send}. */
  sentAt: number;
  /** Marked by the timeout sweep before the connection is destroyed. */
  timedOut: boolean;
}

/** What a connection reports; the same handlers serve every connection and every request. */
export interface ConnectionEvents<E extends Exchange> {
  /** An answer arrived for `exchange` (at `performance.now()` `at`). */
  onAnswer(exchange: E, status: number, body: string, at: number): void;
  /** `exchange` got no answer: the connection failed, or was closed after a timeout. */
  onFailure(exchange: E, failure: "timeout" | "error", at: number): void;
  /** The connection's last in-flight request was answered. */
  onIdle(connection: HttpConnection<E>): void;
  /** The connection can take no more requests (called once). */
  onClosed(connection: HttpConnection<E>): void;
}

/** A connection to the target. */
export interface HttpConnection<E extends Exchange = Exchange> {
  /** Requests written and not yet answered, oldest first. */
  readonly inFlight: readonly E[];
  /** Whether it can still take requests. */
  readonly open: boolean;
  /** Writes a complete request (head and body) now; sets `exchange.sentAt`. */
  send(request: Buffer, exchange: E): void;
  /** Holds writes until {@link HttpConnection.uncork}: a batch of requests becomes one write. */
  cork(): void;
  uncork(): void;
  /** Closes the socket; requests in flight fail. */
  destroy(): void;
}

/** One read buffer per thread: answers are parsed synchronously and copied out of it. */
let readBuffer: Buffer | undefined;

/**
 * Opens a connection. `onIdle` is called when its last in-flight request is answered, `onClosed`
 * once when it can take no more requests.
 */
export function openHttpConnection<E extends Exchange>(
  url: URL,
  events: ConnectionEvents<E>,
): HttpConnection<E> {
  const port = Number(url.port) || (url.protocol === "https:" ? 443 : 80);
  const inFlight: E[] = [];
  const parser = new HTTPParser(HTTPParser.RESPONSE);
  let status = 0;
  let body = "";
  let open = true;
  let corked = false;

  const parse = (chunk: Buffer, length: number): void => {
    const result = parser.execute(chunk, 0, length);
    if (result instanceof Error) close();
  };
  readBuffer ??= Buffer.allocUnsafe(64 * 1024);
  const buffer = readBuffer;
  const socket: Socket =
    url.protocol === "https:"
      ? tlsConnect({ host: url.hostname, port, servername: url.hostname, rejectUnauthorized: false })
      : netConnect({
          host: url.hostname,
          port,
          // Returning true keeps the socket reading.
          onread: {
            buffer,
            callback: (n) => {
              parse(buffer, n);
              return true;
            },
          },
        });
  if (url.protocol === "https:") socket.on("data", (chunk: Buffer) => parse(chunk, chunk.length));
  socket.setNoDelay(true);

  const close = (): void => {
    if (!open) return;
    open = false;
    const at = performance.now();
    for (const exchange of inFlight.splice(0))
      events.onFailure(exchange, exchange.timedOut ? "timeout" : "error", at);
    socket.destroy();
    events.onClosed(connection);
  };

  parser[HTTPParser.kOnHeaders] = () => {};
  parser[HTTPParser.kOnHeadersComplete] = (info) => {
    status = info.statusCode;
    if (!info.shouldKeepAlive) open = false;
  };
  parser[HTTPParser.kOnBody] = (chunk, offset, length) => {
    body += chunk.toString("utf8", offset, offset + length);
  };
  parser[HTTPParser.kOnMessageComplete] = () => {
    const exchange = inFlight.shift();
    const text = body;
    body = "";
    if (exchange) events.onAnswer(exchange, status, text, performance.now());
    if (!open) {
      // The server said `Connection: close`: later pipelined requests will not be answered.
      open = true;
      close();
    } else if (inFlight.length === 0) events.onIdle(connection);
  };
  socket.on("error", close);
  socket.on("close", close);

  const connection: HttpConnection<E> = {
    inFlight,
    get open() {
      return open;
    },
    send(request, exchange) {
      inFlight.push(exchange);
      exchange.sentAt = performance.now();
      socket.write(request);
    },
    cork() {
      if (corked) return;
      corked = true;
      socket.cork();
    },
    uncork() {
      if (!corked) return;
      corked = false;
      socket.uncork();
    },
    destroy: close,
  };
  return connection;
}

/** Builds a request's bytes; the head for a given set of headers is rendered once. */
export function createRequestEncoder(
  url: URL,
): (headers: Readonly<Record<string, string>>, body: string) => Buffer {
  const heads = new WeakMap<object, string>();
  const start = `POST ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: keep-alive\r\n`;
  return (headers, body) => {
    let head = heads.get(headers);
    if (head === undefined) {
      head =
        start +
        Object.entries(headers)
          .map(([k, v]) => `${k}: ${v}\r\n`)
          .join("");
      heads.set(headers, head);
    }
    return Buffer.from(`${head}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
}
