/**
 * A lean keep-alive HTTP/1.1 connection for the open model: it writes a request the moment the
 * scheduler says so (pipelining behind earlier ones when needed) and pairs answers with requests
 * in order. It parses answers with http-parser-js, the parser autocannon's own client uses;
 * `node:http`'s client costs several times more CPU per request, which would make the generator
 * the bottleneck long before the provider.
 */
import { connect as netConnect, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { HTTPParser } from "http-parser-js";

/** One request on a connection and what becomes of it. */
export interface Exchange {
  /** When it was written to the socket (`performance.now()`). */
  sentAt: number;
  /** Marked by the timeout sweep before the connection is destroyed. */
  timedOut: boolean;
  onAnswer(status: number, body: string, at: number): void;
  onFailure(failure: "timeout" | "error", at: number): void;
}

/** A connection to the target. */
export interface HttpConnection {
  /** Requests written and not yet answered, oldest first. */
  readonly inFlight: readonly Exchange[];
  /** Whether it can still take requests. */
  readonly open: boolean;
  /** Writes a complete request (head and body) now. */
  send(request: Buffer, exchange: Exchange): void;
  /** Closes the socket; requests in flight fail. */
  destroy(): void;
}

/**
 * Opens a connection. `onIdle` is called when its last in-flight request is answered, `onClosed`
 * once when it can take no more requests.
 */
export function openHttpConnection(
  url: URL,
  events: { onIdle(c: HttpConnection): void; onClosed(c: HttpConnection): void },
): HttpConnection {
  const port = Number(url.port) || (url.protocol === "https:" ? 443 : 80);
  const socket: Socket =
    url.protocol === "https:"
      ? tlsConnect({ host: url.hostname, port, servername: url.hostname, rejectUnauthorized: false })
      : netConnect({ host: url.hostname, port });
  socket.setNoDelay(true);
  const inFlight: Exchange[] = [];
  const parser = new HTTPParser(HTTPParser.RESPONSE);
  let status = 0;
  let body = "";
  let open = true;

  const close = (): void => {
    if (!open) return;
    open = false;
    const at = performance.now();
    for (const exchange of inFlight.splice(0))
      exchange.onFailure(exchange.timedOut ? "timeout" : "error", at);
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
    exchange?.onAnswer(status, text, performance.now());
    if (!open) {
      // The server said `Connection: close`: later pipelined requests will not be answered.
      open = true;
      close();
    } else if (inFlight.length === 0) events.onIdle(connection);
  };
  socket.on("data", (chunk: Buffer) => {
    const result = parser.execute(chunk);
    if (result instanceof Error) close();
  });
  socket.on("error", close);
  socket.on("close", close);

  const connection: HttpConnection = {
    inFlight,
    get open() {
      return open;
    },
    send(request, exchange) {
      inFlight.push(exchange);
      exchange.sentAt = performance.now();
      socket.write(request);
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
