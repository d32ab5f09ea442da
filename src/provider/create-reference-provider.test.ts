import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReferenceProvider } from "../../test-support/start-reference-provider.js";
import {
  AUTH_SCHEME,
  CODE_ALPHABET,
  CODE_LENGTH,
  checkAnswerBody,
  ERROR_CODES,
  MAX_BODY_BYTES,
  OPEN_SESSION_PATH,
  SESSION_STATUS,
  SESSION_TYPE,
} from "../rules/index.js";
import { PROVIDER_STATES, PROVIDER_STATES_PATH } from "../rules/provider-states.js";
import type { ReferenceProvider } from "./create-reference-provider.js";

const TOKEN = "provider-test-token";
const AUTH = `${AUTH_SCHEME} ${TOKEN}`;
const JSON_TYPE = "application/json";

let provider: ReferenceProvider;
let baseUrl: string;
let url: string;

beforeAll(async () => {
  ({ provider, url: baseUrl } = await startReferenceProvider({ tokens: [TOKEN] }));
  url = `${baseUrl}${OPEN_SESSION_PATH}`;
});
afterAll(() => provider.close(500));

interface Answer {
  status: number;
  headers: Headers;
  body: { code?: unknown; message?: unknown; [key: string]: unknown };
}

async function post(
  body: string | undefined,
  headers: Record<string, string> = { authorization: AUTH, "content-type": JSON_TYPE },
  target = url,
  method = "POST",
): Promise<Answer> {
  const response = await fetch(target, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) };
}

const open = (body: unknown): Promise<Answer> => post(JSON.stringify(body));
const sharedCode = (): string => provider.store.share();
/** A well-formed code the store never issued. */
function unsharedCode(): string {
  for (;;) {
    let code = "";
    for (let i = 0; i < CODE_LENGTH; i++)
      code += CODE_ALPHABET[Math.floor(Math.random() * CODE_ALPHABET.length)];
    if (!provider.store.isUsable(code)) return code;
  }
}

function expectError(answer: Answer, status: number, code: string): void {
  expect({ status: answer.status, code: answer.body.code }).toEqual({ status, code });
  expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
  expect(typeof answer.body.message).toBe("string");
  expect(checkAnswerBody(status, answer.body)).toEqual([]);
}

describe("the doc's example request", () => {
  it("opens a session whose body validates against the spec", async () => {
    const answer = await open({ code: sharedCode(), type: SESSION_TYPE });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    expect(checkAnswerBody(200, answer.body)).toEqual([]);
    expect(answer.body.status).toBe(SESSION_STATUS);
    expect(answer.body.type).toBe(SESSION_TYPE);
    expect(Math.abs(Date.parse(String(answer.body.createdAt)) - Date.now())).toBeLessThan(60_000);
  });

  it("gives every session its own id", async () => {
    const code = sharedCode();
    const ids = new Set<unknown>();
    for (let i = 0; i < 20; i++) ids.add((await open({ code, type: SESSION_TYPE })).body.id);
    expect(ids.size).toBe(20);
  });

  it("accepts payeeInfo objects and ignores unknown fields", async () => {
    const answer = await open({ code: sharedCode(), type: SESSION_TYPE, payeeInfo: { a: [1] }, extra: 1 });
    expect(answer.status).toBe(200);
  });

  it("accepts a charset parameter on application/json", async () => {
    const answer = await post(JSON.stringify({ code: sharedCode(), type: SESSION_TYPE }), {
      authorization: AUTH,
      "content-type": "application/json; charset=utf-8",
    });
    expect(answer.status).toBe(200);
  });
});

describe("400 invalid_code", () => {
  it.each([
    ["a missing code", () => ({ type: SESSION_TYPE })],
    ["a numeric code", () => ({ code: 123456, type: SESSION_TYPE })],
    ["a null code", () => ({ code: null, type: SESSION_TYPE })],
    ["an array code", () => ({ code: ["A1B2C3"], type: SESSION_TYPE })],
    ["a lowercase code", () => ({ code: "a1b2c3", type: SESSION_TYPE })],
    ["a 5-character code", () => ({ code: "A1B2C", type: SESSION_TYPE })],
    ["a 7-character code", () => ({ code: "A1B2C3D", type: SESSION_TYPE })],
    ["a code with a space", () => ({ code: " A1B2C", type: SESSION_TYPE })],
    ["a code with a trailing newline", () => ({ code: "A1B2C3\n", type: SESSION_TYPE })],
    ["a code no payer shared", () => ({ code: unsharedCode(), type: SESSION_TYPE })],
    ["an expired code", () => ({ code: provider.store.shareExpired(), type: SESSION_TYPE })],
  ])("for %s", async (_name, body) => {
    expectError(await open(body()), 400, ERROR_CODES.invalidCode);
  });

  it("does not normalise a shared code's case", async () => {
    let code = sharedCode();
    // An all-digit code has no case to change (one in 2,000): take another.
    while (!/[A-Z]/.test(code)) code = sharedCode();
    expectError(await open({ code: code.toLowerCase(), type: SESSION_TYPE }), 400, ERROR_CODES.invalidCode);
    expect((await open({ code, type: SESSION_TYPE })).status).toBe(200);
  });
});

describe("400 invalid_request", () => {
  it.each([
    ["a body that is not JSON", "{not json"],
    ["an empty body", ""],
    ["a JSON array", "[]"],
    ["a JSON string", '"A1B2C3"'],
    ["JSON null", "null"],
    ["a JSON number", "42"],
  ])("for %s", async (_name, text) => {
    expectError(await post(text), 400, ERROR_CODES.invalidRequest);
  });

  it.each([
    ["a missing type", () => ({ code: sharedCode() })],
    ["another type", () => ({ code: sharedCode(), type: "SESSION_SPLIT" })],
    ["a lowercase type", () => ({ code: sharedCode(), type: "session_default" })],
    ["a numeric type", () => ({ code: sharedCode(), type: 1 })],
    ["a string payeeInfo", () => ({ code: sharedCode(), type: SESSION_TYPE, payeeInfo: "x" })],
    ["a null payeeInfo", () => ({ code: sharedCode(), type: SESSION_TYPE, payeeInfo: null })],
    ["an array payeeInfo", () => ({ code: sharedCode(), type: SESSION_TYPE, payeeInfo: [] })],
    ["a numeric payeeInfo", () => ({ code: sharedCode(), type: SESSION_TYPE, payeeInfo: 3 })],
  ])("for %s", async (_name, body) => {
    expectError(await open(body()), 400, ERROR_CODES.invalidRequest);
  });
});

describe("401 unauthorized", () => {
  const body = (): string => JSON.stringify({ code: sharedCode(), type: SESSION_TYPE });
  it.each([
    ["no Authorization header", {}],
    ["another scheme", { authorization: `Basic ${Buffer.from("a:b").toString("base64")}` }],
    ["an empty bearer", { authorization: `${AUTH_SCHEME} ` }],
    ["the bare scheme", { authorization: AUTH_SCHEME }],
    ["an unknown token", { authorization: `${AUTH_SCHEME} not-${TOKEN}` }],
    ["a token prefix", { authorization: `${AUTH_SCHEME} ${TOKEN.slice(0, -1)}` }],
    ["the token with a suffix", { authorization: `${AUTH_SCHEME} ${TOKEN}x` }],
    ["the token without the scheme", { authorization: TOKEN }],
  ])("for %s, with WWW-Authenticate: Bearer", async (_name, auth: Record<string, string>) => {
    const answer = await post(body(), { ...auth, "content-type": JSON_TYPE });
    expectError(answer, 401, ERROR_CODES.unauthorized);
    expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
  });

  it.each([
    ["a body that is not JSON", "{not json", JSON_TYPE],
    ["a malformed code", JSON.stringify({ code: "x", type: SESSION_TYPE }), JSON_TYPE],
    ["a text/plain body", "hello", "text/plain"],
    ["a body over the limit", "x".repeat(MAX_BODY_BYTES + 1), JSON_TYPE],
  ])("comes before any body problem: %s", async (_name, text, type) => {
    const answer = await post(text, { authorization: `${AUTH_SCHEME} wrong`, "content-type": type });
    expectError(answer, 401, ERROR_CODES.unauthorized);
  });

  it("accepts the scheme in any case (RFC 9110 §11.1) but not the token", async () => {
    const code = sharedCode();
    const ok = await post(JSON.stringify({ code, type: SESSION_TYPE }), {
      authorization: `bEaReR ${TOKEN}`,
      "content-type": JSON_TYPE,
    });
    expect(ok.status).toBe(200);
    const bad = await post(JSON.stringify({ code, type: SESSION_TYPE }), {
      authorization: `${AUTH_SCHEME} ${TOKEN.toUpperCase()}`,
      "content-type": JSON_TYPE,
    });
    expect(bad.status).toBe(401);
  });
});

/** Sends a chunked body (no Content-Length) with node:http, as fetch would not let us choose. */
function postChunked(chunks: readonly string[]): Promise<{ status: number; body: Answer["body"] }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: "POST",
      headers: { authorization: AUTH, "content-type": JSON_TYPE, "transfer-encoding": "chunked" },
    });
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (t: string) => {
        text += t;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    // The provider may close before it read everything: that is the point of a 413.
    req.on("error", reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe("413, 415, 404, 405", () => {
  it("413 for a body over 16 KiB by Content-Length", async () => {
    const pad = "x".repeat(MAX_BODY_BYTES);
    expectError(
      await open({ code: sharedCode(), type: SESSION_TYPE, payeeInfo: { pad } }),
      413,
      ERROR_CODES.payloadTooLarge,
    );
  });

  it("413 for a chunked body that grows over 16 KiB", async () => {
    const chunks = [`{"code":"${sharedCode()}","type":"SESSION_DEFAULT","payeeInfo":{"pad":"`];
    for (let i = 0; i < 5; i++) chunks.push("y".repeat(4096));
    chunks.push('"}}');
    const answer = await postChunked(chunks);
    expect({ status: answer.status, code: answer.body.code }).toEqual({
      status: 413,
      code: ERROR_CODES.payloadTooLarge,
    });
  });

  it("accepts a body of exactly 16 KiB, chunked or not", async () => {
    const head = `{"code":"${sharedCode()}","type":"SESSION_DEFAULT","payeeInfo":{"pad":"`;
    const tail = '"}}';
    const text = head + "z".repeat(MAX_BODY_BYTES - head.length - tail.length) + tail;
    expect(Buffer.byteLength(text)).toBe(MAX_BODY_BYTES);
    expect((await post(text)).status).toBe(200);
    expect((await postChunked([text.slice(0, 5000), text.slice(5000)])).status).toBe(200);
  });

  it.each([
    ["text/plain", { "content-type": "text/plain" }],
    ["application/x-www-form-urlencoded", { "content-type": "application/x-www-form-urlencoded" }],
    ["application/jsonx", { "content-type": "application/jsonx" }],
    ["no content type", {}],
  ])("415 for %s", async (_name, type: Record<string, string>) => {
    const text = JSON.stringify({ code: sharedCode(), type: SESSION_TYPE });
    const response = await fetch(url, {
      method: "POST",
      headers: { authorization: AUTH, ...type },
      // A Blob without a type keeps fetch from adding text/plain on its own.
      body: "content-type" in type ? text : new Blob([text]),
    });
    expectError(
      { status: response.status, headers: response.headers, body: (await response.json()) as Answer["body"] },
      415,
      ERROR_CODES.unsupportedMediaType,
    );
  });

  it.each([
    "/",
    "/api/v1/vouchers/sessions",
    `${OPEN_SESSION_PATH}/`,
    `${OPEN_SESSION_PATH}x`,
    "/API/V1/VOUCHERS/SESSIONS/SESSION-OPEN",
  ])("404 for %s", async (path) => {
    expectError(
      await post("{}", { authorization: AUTH, "content-type": JSON_TYPE }, `${baseUrl}${path}`),
      404,
      ERROR_CODES.notFound,
    );
  });

  it("ignores a query string when routing", async () => {
    const answer = await post(
      JSON.stringify({ code: sharedCode(), type: SESSION_TYPE }),
      undefined,
      `${url}?x=1`,
    );
    expect(answer.status).toBe(200);
  });

  it.each(["GET", "PUT", "DELETE", "PATCH"])(
    "405 with Allow: POST for %s, before authentication",
    async (method) => {
      const answer = await post(method === "GET" || method === "DELETE" ? undefined : "{}", {}, url, method);
      expectError(answer, 405, ERROR_CODES.methodNotAllowed);
      expect(answer.headers.get("allow")).toBe("POST");
    },
  );
});

describe("the check order the spec records", () => {
  // route → Authorization → Content-Type → size → JSON → code → type → payeeInfo → shared/unexpired
  it("puts 415 before 413 and 400", async () => {
    const answer = await post("x".repeat(MAX_BODY_BYTES + 1), {
      authorization: AUTH,
      "content-type": "text/plain",
    });
    expect(answer.status).toBe(415);
  });

  it("puts 413 before a JSON error", async () => {
    expect((await post(`{${"x".repeat(MAX_BODY_BYTES)}`)).status).toBe(413);
  });

  it("checks the code before the type, and the type before payeeInfo", async () => {
    expect((await open({ code: "bad", type: "bad", payeeInfo: 1 })).body.code).toBe(ERROR_CODES.invalidCode);
    expect((await open({ type: "bad", payeeInfo: 1 })).body.code).toBe(ERROR_CODES.invalidCode);
    const typeFirst = await open({ code: unsharedCode(), type: "bad", payeeInfo: 1 });
    expect(typeFirst.body).toMatchObject({ code: ERROR_CODES.invalidRequest });
    expect(String(typeFirst.body.message)).toMatch(/type/i);
    const payeeFirst = await open({ code: unsharedCode(), type: SESSION_TYPE, payeeInfo: 1 });
    expect(payeeFirst.body.code).toBe(ERROR_CODES.invalidRequest);
  });
});

describe("provider states (Pact's state-change protocol)", () => {
  const states = (body: unknown): Promise<Answer> =>
    post(JSON.stringify(body), { "content-type": JSON_TYPE }, `${baseUrl}${PROVIDER_STATES_PATH}`);

  it("injects a fresh shared code that opens a session", async () => {
    const answer = await states({ state: PROVIDER_STATES.codeShared, params: {}, action: "setup" });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body)).toEqual(["code"]);
    expect((await open({ code: answer.body.code, type: SESSION_TYPE })).status).toBe(200);
  });

  it("mints N distinct usable codes with params.count", async () => {
    const answer = await states({ state: PROVIDER_STATES.codeShared, params: { count: 500 } });
    const codes = answer.body.codes as string[];
    expect(codes).toHaveLength(500);
    expect(new Set(codes).size).toBe(500);
    expect(codes.every((c) => provider.store.isUsable(c))).toBe(true);
    expect((await open({ code: codes[499], type: SESSION_TYPE })).status).toBe(200);
  });

  it.each([0, -1, 1.5, 1_000_001, "10", null])(
    "refuses params.count = %j with a 400 naming count",
    async (count) => {
      const answer = await states({ state: PROVIDER_STATES.codeShared, params: { count } });
      expect(answer.status).toBe(400);
      expect(String(answer.body.message)).toMatch(/count/);
    },
  );

  it("injects an expired code that the provider refuses as invalid_code", async () => {
    const answer = await states({ state: PROVIDER_STATES.codeExpired, action: "setup" });
    expect(answer.status).toBe(200);
    expectError(await open({ code: answer.body.code, type: SESSION_TYPE }), 400, ERROR_CODES.invalidCode);
  });

  it("answers {} to a teardown", async () => {
    const answer = await states({ state: PROVIDER_STATES.codeShared, action: "teardown" });
    expect({ status: answer.status, body: answer.body }).toEqual({ status: 200, body: {} });
  });

  it("refuses an unknown state with a 400 naming it", async () => {
    const answer = await states({ state: "the moon is made of cheese", action: "setup" });
    expect(answer.status).toBe(400);
    expect(String(answer.body.message)).toContain("the moon is made of cheese");
  });

  it.each([
    ["an unknown action", { state: PROVIDER_STATES.codeShared, action: "explode" }],
    ["no state", { action: "setup" }],
    ["a body that is an array", []],
  ])("refuses %s with a 400", async (_name, body) => {
    expect((await states(body)).status).toBe(400);
  });

  it("refuses a state-change body that is not JSON with a 400", async () => {
    const answer = await post("{", { "content-type": JSON_TYPE }, `${baseUrl}${PROVIDER_STATES_PATH}`);
    expect(answer.status).toBe(400);
  });

  it("is absent (404) when provider states are off", async () => {
    const off = await startReferenceProvider({ tokens: [TOKEN], providerStates: false });
    const offUrl = off.url;
    try {
      const answer = await post(
        JSON.stringify({ state: PROVIDER_STATES.codeShared }),
        { "content-type": JSON_TYPE },
        `${offUrl}${PROVIDER_STATES_PATH}`,
      );
      expectError(answer, 404, ERROR_CODES.notFound);
    } finally {
      await off.close(500);
    }
  });
});

describe("code TTL, with a fake clock", () => {
  it("accepts a code until its TTL has passed, then answers invalid_code", async () => {
    let now = 1_000_000;
    const { provider: timed, url: timedBase } = await startReferenceProvider({
      tokens: [TOKEN],
      codeTtlMs: 60_000,
      now: () => now,
    });
    const timedUrl = `${timedBase}${OPEN_SESSION_PATH}`;
    try {
      const code = timed.store.share();
      const body = JSON.stringify({ code, type: SESSION_TYPE });
      now += 59_999;
      expect((await post(body, undefined, timedUrl)).status).toBe(200);
      now += 1;
      expectError(await post(body, undefined, timedUrl), 400, ERROR_CODES.invalidCode);
    } finally {
      await timed.close(500);
    }
  });
});

describe("stats and close", () => {
  it("counts answers by status", async () => {
    const before = provider.stats.byStatus()[404] ?? 0;
    await post("{}", undefined, `${baseUrl}/nowhere`);
    expect(provider.stats.byStatus()[404]).toBe(before + 1);
  });

  it("drains an in-flight request on close, then refuses new connections", async () => {
    const { provider: draining, url: drainBase } = await startReferenceProvider({ tokens: [TOKEN] });
    const drainUrl = `${drainBase}${OPEN_SESSION_PATH}`;
    const code = draining.store.share();
    // Headers and half the body now; the rest after close() started.
    const answer = new Promise<number>((resolve, reject) => {
      const req = httpRequest(drainUrl, {
        method: "POST",
        headers: { authorization: AUTH, "content-type": JSON_TYPE, "transfer-encoding": "chunked" },
      });
      req.on("response", (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", reject);
      req.write(`{"code":"${code}",`);
      req.on("socket", (socket) =>
        socket.on("connect", () =>
          setTimeout(() => {
            closing = draining.close(5_000);
            setTimeout(() => req.end(`"type":"${SESSION_TYPE}"}`), 100);
          }, 100),
        ),
      );
    });
    let closing: Promise<void> | undefined;
    expect(await answer).toBe(200);
    await closing;
    await expect(fetch(drainUrl, { method: "POST" })).rejects.toThrow();
  });
});
