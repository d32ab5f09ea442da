import { createServer, type Server } from "node:http";
import { createServer as createTcpServer, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort } from "../../test-support/ports-apart.js";
import { sendRequest } from "./send-request.js";

let server: Server;
let url: string;
const seen: { method?: string; headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (text: string) => {
      body += text;
    });
    req.on("end", () => {
      seen.push({ method: req.method, headers: req.headers, body });
      if (req.url === "/text")
        res.writeHead(418, { "content-type": "text/plain", "x-extra": "1" }).end("teapot");
      else if (req.url === "/reset") req.socket.destroy();
      else res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ echo: body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("sendRequest", () => {
  it("sends exactly the method, headers and body given, and returns status, headers, text and JSON", async () => {
    const answer = await sendRequest({
      method: "POST",
      url: `${url}/json`,
      headers: { "content-type": "text/plain", "x-probe": "yes" },
      body: "{not json",
    });
    expect(answer).toMatchObject({ ok: true, status: 201, json: { echo: "{not json" } });
    expect(seen.at(-1)).toMatchObject({
      method: "POST",
      body: "{not json",
      headers: { "x-probe": "yes", "content-type": "text/plain" },
    });
    if (answer.ok) expect(answer.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it("keeps a body that is not JSON as text, json undefined, with lower-case header names", async () => {
    const answer = await sendRequest({ method: "GET", url: `${url}/text` });
    expect(answer).toMatchObject({ ok: true, status: 418, text: "teapot", json: undefined });
    if (answer.ok) expect(answer.headers["x-extra"]).toBe("1");
  });

  it("reports a reset connection as a failure, never a throw", async () => {
    const answer = await sendRequest({ method: "GET", url: `${url}/reset` });
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.cause).not.toBe("timeout");
  });

  it("reports a refused connection with the socket's code", async () => {
    const port = await closedPort();
    expect(await sendRequest({ method: "GET", url: `http://127.0.0.1:${port}/` })).toEqual({
      ok: false,
      status: 0,
      cause: "ECONNREFUSED",
    });
  });

  it("gives up after its timeout on a server that never answers", async () => {
    const sockets: Socket[] = [];
    const silent = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const address = silent.address();
    try {
      const answer = await sendRequest(
        {
          method: "GET",
          url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`,
        },
        { timeoutMs: 200 },
      );
      expect(answer).toEqual({ ok: false, status: 0, cause: "timeout" });
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it("stops when the caller's signal aborts", async () => {
    const controller = new AbortController();
    controller.abort();
    const answer = await sendRequest({ method: "GET", url: `${url}/json` }, { signal: controller.signal });
    expect(answer.ok).toBe(false);
  });
});
