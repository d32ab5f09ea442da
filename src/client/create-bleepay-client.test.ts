import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTcpServer, type Socket, type Server as TcpServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort } from "../../test-support/ports-apart.js";
import { startReferenceProvider } from "../../test-support/start-reference-provider.js";
import type { ReferenceProvider } from "../provider/index.js";
import {
  checkAnswerBody,
  ERROR_CODES,
  MAX_BODY_BYTES,
  OPEN_SESSION_PATH,
  SESSION_TYPE,
} from "../rules/index.js";
import { createBleepayClient } from "./create-bleepay-client.js";
import type { OpenSessionResult } from "./open-session-result.js";

// Distinctive, so a leak into any message is found by a plain search.
const TOKEN = "client-test-token-7f3a9c";

let provider: ReferenceProvider;
let baseUrl: string;

beforeAll(async () => {
  ({ provider, url: baseUrl } = await startReferenceProvider({ tokens: [TOKEN] }));
});
afterAll(() => provider.close(500));

/** The error message of a failed result ("" for a success, which the caller's own assertion rules out). */
const messageOf = (result: OpenSessionResult): string => (result.ok ? "" : result.error.message);

/** Listens on an ephemeral port with a handler; returns the base URL and a closer. */
async function withServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("createBleepayClient against the reference provider over HTTP", () => {
  it("opens a session and returns it typed", async () => {
    const client = createBleepayClient({ baseUrl, token: TOKEN });
    const result = await client.openSession({ code: provider.store.share(), type: SESSION_TYPE });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.status).toBe(200);
    expect(checkAnswerBody(200, result.session)).toEqual([]);
  });

  it("sends payeeInfo", async () => {
    const client = createBleepayClient({ baseUrl, token: TOKEN });
    const ok = await client.openSession({
      code: provider.store.share(),
      type: SESSION_TYPE,
      payeeInfo: { a: 1 },
    });
    expect(ok.status).toBe(200);
  });

  it("exposes the full URL and tolerates a trailing slash on baseUrl", async () => {
    const client = createBleepayClient({ baseUrl: `${baseUrl}/`, token: TOKEN });
    expect(client.url).toBe(`${baseUrl}${OPEN_SESSION_PATH}`);
    expect((await client.openSession({ code: provider.store.share(), type: SESSION_TYPE })).status).toBe(200);
  });

  it.each([
    ["an unshared code", () => ({ code: "ZZZZZ9", type: SESSION_TYPE }), 400, ERROR_CODES.invalidCode],
    [
      "an expired code",
      () => ({ code: provider.store.shareExpired(), type: SESSION_TYPE }),
      400,
      ERROR_CODES.invalidCode,
    ],
    [
      "a wrong type",
      () => ({ code: provider.store.share(), type: "SESSION_SPLIT" as typeof SESSION_TYPE }),
      400,
      ERROR_CODES.invalidRequest,
    ],
    [
      "a body over 16 KiB",
      () => ({
        code: provider.store.share(),
        type: SESSION_TYPE,
        payeeInfo: { pad: "x".repeat(MAX_BODY_BYTES) },
      }),
      413,
      ERROR_CODES.payloadTooLarge,
    ],
  ])("returns the provider's error for %s", async (_name, body, status, code) => {
    const client = createBleepayClient({ baseUrl, token: TOKEN });
    const result = await client.openSession(body());
    expect(result).toMatchObject({ ok: false, status, error: { code } });
  });

  it("returns 400 invalid_code for a malformed code sent with skipLocalValidation", async () => {
    const client = createBleepayClient({ baseUrl, token: TOKEN });
    const result = await client.openSession(
      { code: "abc", type: SESSION_TYPE },
      { skipLocalValidation: true },
    );
    expect(result).toMatchObject({ ok: false, status: 400, error: { code: ERROR_CODES.invalidCode } });
  });

  it.each([
    ["a wrong token", "not-the-token"],
    ["no token", undefined],
  ])("returns 401 unauthorized for %s", async (_name, token) => {
    const client = createBleepayClient({ baseUrl, token });
    const result = await client.openSession({ code: provider.store.share(), type: SESSION_TYPE });
    expect(result).toMatchObject({ ok: false, status: 401, error: { code: ERROR_CODES.unauthorized } });
  });

  it("returns 404 not_found when the base URL carries a wrong prefix", async () => {
    const client = createBleepayClient({ baseUrl: `${baseUrl}/v2`, token: TOKEN });
    const result = await client.openSession({ code: provider.store.share(), type: SESSION_TYPE });
    expect(result).toMatchObject({ ok: false, status: 404, error: { code: ERROR_CODES.notFound } });
  });
});

describe("local validation", () => {
  it.each(["a1b2c3", "A1B2C", "A1B2C3D", "", " A1B2C"])("sends nothing for the code %j", async (code) => {
    let calls = 0;
    const client = createBleepayClient({
      baseUrl,
      token: TOKEN,
      fetch: (...args) => {
        calls++;
        return fetch(...args);
      },
    });
    const result = await client.openSession({ code, type: SESSION_TYPE });
    expect(result).toMatchObject({ ok: false, status: 0, error: { code: "client_invalid_code" } });
    expect(calls).toBe(0);
  });
});

describe("failures without an answer", () => {
  it("times out against a server that accepts and never answers, naming the URL", async () => {
    const sockets: Socket[] = [];
    const silent: TcpServer = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const address = silent.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    try {
      const client = createBleepayClient({ baseUrl: url, token: TOKEN, timeoutMs: 300 });
      const result = await client.openSession({ code: "A1B2C3", type: SESSION_TYPE });
      expect(result).toMatchObject({ ok: false, status: 0, error: { code: "timeout" } });
      expect(messageOf(result)).toContain(`${url}${OPEN_SESSION_PATH}`);
      expect(JSON.stringify(result)).not.toContain(TOKEN);
      expect(sockets).toHaveLength(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it("reports a refused connection as network_error naming the URL and the cause", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const client = createBleepayClient({ baseUrl: url, token: TOKEN });
    const result = await client.openSession({ code: "A1B2C3", type: SESSION_TYPE });
    expect(result).toMatchObject({ ok: false, status: 0, error: { code: "network_error" } });
    expect(messageOf(result)).toContain(`${url}${OPEN_SESSION_PATH}`);
    expect(messageOf(result)).toContain("ECONNREFUSED");
  });

  it("never retries: a reset connection and a 503 each cost exactly one request", async () => {
    let seen = 0;
    let reset = true;
    const { url, close } = await withServer((req, res) => {
      seen++;
      if (reset) req.socket.destroy();
      else {
        res.writeHead(503, { "content-type": "application/json", "retry-after": "0" });
        res.end('{"code":"unavailable","message":"try later"}');
      }
    });
    try {
      const client = createBleepayClient({ baseUrl: url, token: TOKEN });
      const first = await client.openSession({ code: "A1B2C3", type: SESSION_TYPE });
      expect(first).toMatchObject({ ok: false, status: 0, error: { code: "network_error" } });
      expect(seen).toBe(1);
      reset = false;
      const second = await client.openSession({ code: "A1B2C3", type: SESSION_TYPE });
      expect(second).toMatchObject({ ok: false, status: 503, error: { code: "unavailable" } });
      expect(seen).toBe(2);
    } finally {
      await close();
    }
  });
});

describe("the token", () => {
  it("is sent as a bearer credential", async () => {
    let seen: string | undefined;
    const { url, close } = await withServer((req, res) => {
      seen = req.headers.authorization;
      res
        .writeHead(401, { "content-type": "application/json" })
        .end('{"code":"unauthorized","message":"no"}');
    });
    try {
      await createBleepayClient({ baseUrl: url, token: TOKEN }).openSession({
        code: "A1B2C3",
        type: SESSION_TYPE,
      });
      expect(seen).toBe(`Bearer ${TOKEN}`);
    } finally {
      await close();
    }
  });

  it.each([
    ["a text body", "text/plain", (auth: string) => `you sent ${auth}`],
    [
      "a JSON error message",
      "application/json",
      (auth: string) => JSON.stringify({ code: "x", message: `bad ${auth}` }),
    ],
    ["a JSON body of another shape", "application/json", (auth: string) => JSON.stringify({ echo: auth })],
  ])("never appears in an error, even when the server echoes it in %s", async (_name, type, render) => {
    const { url, close } = await withServer((req, res) => {
      res.writeHead(500, { "content-type": type }).end(render(req.headers.authorization ?? ""));
    });
    try {
      const result = await createBleepayClient({ baseUrl: url, token: TOKEN }).openSession({
        code: "A1B2C3",
        type: SESSION_TYPE,
      });
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain(TOKEN);
    } finally {
      await close();
    }
  });
});
