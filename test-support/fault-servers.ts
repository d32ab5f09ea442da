/**
 * Targets that fail in the ways a real deployment does, each on a free port of 127.0.0.1, for the fault
 * tests of the toolkit's stages (issue 6 §3).
 */
import { createServer as createHttpServer } from "node:http";
import { createServer as createTcpServer, type Socket, type Server as TcpServer } from "node:net";
import { PROVIDER_STATES_PATH } from "../src/rules/provider-states.js";
import { closedPort } from "./ports-apart.js";
import { startReferenceProvider } from "./start-reference-provider.js";

/** The kinds of fault. */
export type FaultKind = "refuses" | "silent" | "resets" | "slow" | "dies-halfway" | "garbage";

/** A running fault target. */
export interface FaultServer {
  readonly kind: FaultKind;
  /** Base URL of the target (also its provider-state endpoint's origin). */
  readonly url: string;
  close(): Promise<void>;
}

function listenTcp(server: TcpServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });
}

/** A TCP server whose sockets are tracked and destroyed on close. */
async function tracked(
  onSocket: (socket: Socket) => void,
): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    onSocket(socket);
  });
  const port = await listenTcp(server);
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Starts a fault target.
 * - `refuses`: a port that was free a moment ago and is closed now (connection refused).
 * - `silent`: accepts connections and never answers.
 * - `resets`: sends the start of an answer, then resets the connection (RST).
 * - `slow`: answers HEAD and provider states at once (so a reachability check and the code pool
 *   pass), Open Session only after `slowMs`.
 * - `dies-halfway`: a real reference provider that answers `dieAfter` requests, then closes its
 *   listener and destroys every connection.
 * - `garbage`: answers every connection with bytes that are not HTTP.
 */
export async function startFaultServer(
  kind: FaultKind,
  options: { slowMs?: number; dieAfter?: number; token?: string } = {},
): Promise<FaultServer> {
  switch (kind) {
    case "refuses":
      return { kind, url: `http://127.0.0.1:${await closedPort()}`, close: async () => {} };
    case "silent": {
      const { url, close } = await tracked((socket) => socket.resume());
      return { kind, url, close };
    }
    case "resets": {
      const { url, close } = await tracked((socket) => {
        socket.once("data", () => {
          socket.write(
            'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n{"id":',
          );
          setTimeout(() => socket.resetAndDestroy(), 5);
        });
      });
      return { kind, url, close };
    }
    case "garbage": {
      const { url, close } = await tracked((socket) => {
        socket.once("data", () => {
          socket.end("\u0000\u00ffGARBAGE not http at all\r\n\r\n\u0001\u0002");
        });
      });
      return { kind, url, close };
    }
    case "slow": {
      const slowMs = options.slowMs ?? 60_000;
      const timers = new Set<NodeJS.Timeout>();
      const server = createHttpServer((req, res) => {
        if (req.method === "HEAD") {
          res.writeHead(405, { allow: "POST" }).end();
          return;
        }
        if (req.url === PROVIDER_STATES_PATH) {
          // Provider states at once, so that every stage reaches its own requests (and their timeout).
          let body = "";
          req.setEncoding("utf8").on("data", (chunk: string) => {
            body += chunk;
          });
          req.on("end", () => {
            const count = Number((JSON.parse(body) as { params?: { count?: number } }).params?.count ?? 1);
            res.writeHead(200, { "content-type": "application/json" });
            res.end(JSON.stringify({ code: "A1B2C3", codes: Array.from({ length: count }, () => "A1B2C3") }));
          });
          return;
        }
        req.resume();
        const timer = setTimeout(() => {
          timers.delete(timer);
          res.writeHead(503, { "content-type": "application/json" }).end('{"code":"slow","message":"slow"}');
        }, slowMs);
        timers.add(timer);
      });
      const port = await listenTcp(server as unknown as TcpServer);
      return {
        kind,
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((resolve) => {
            for (const timer of timers) clearTimeout(timer);
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      };
    }
    case "dies-halfway": {
      const dieAfter = options.dieAfter ?? 20;
      // Clients go on knocking after it dies: its port must not be one a later listen(0) gets.
      const { provider, url } = await startReferenceProvider(
        { tokens: [options.token ?? "fault-token"] },
        { apart: true },
      );
      let served = 0;
      provider.server.on("request", () => {
        served++;
        if (served === dieAfter) {
          provider.server.close();
          provider.server.closeAllConnections();
        }
      });
      return {
        kind,
        url,
        close: async () => {
          provider.server.closeAllConnections();
          await provider.close(0).catch(() => {});
        },
      };
    }
  }
}
