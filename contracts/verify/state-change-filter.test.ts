/**
 * The verifier proxy's filter: the real token replaces the placeholder only, and a provider state
 * that cannot be set up (or hands back no code to inject) fails loudly with its name.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDER_STATES } from "../../src/rules/provider-states.js";
import { PLACEHOLDER_TOKEN, UNKNOWN_TOKEN } from "../pact-names.js";
import { createStateChangeFilter, type FilterRequest, PROXY_STATE_PATH } from "./state-change-filter.js";
import type { StateFailure } from "./verification-job.js";

const REAL = "tok_live_filter_secret_9";

/** A state endpoint that answers every setup with the JSON given. */
let endpoint: Server;
let endpointUrl: string;
let answer = "{}";
beforeAll(async () => {
  endpoint = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(answer);
  });
  await new Promise<void>((resolve) => endpoint.listen(0, "127.0.0.1", resolve));
  endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/states`;
});
afterAll(() => new Promise<void>((resolve) => endpoint.close(() => resolve())));

interface Captured {
  status?: number;
  body?: string;
  next: boolean;
}

/** Runs the filter on one request and resolves when it answered or passed the request on. */
function run(
  stateSetupUrl: string | undefined,
  request: { path: string; authorization?: string; body?: unknown },
  failures: StateFailure[] = [],
): Promise<{ captured: Captured; headers: IncomingMessage["headers"] }> {
  const filter = createStateChangeFilter({
    stateSetupUrl,
    token: REAL,
    placeholderToken: PLACEHOLDER_TOKEN,
    timeoutMs: 5_000,
    onStateFailure: (f) => failures.push(f),
  });
  const headers: IncomingMessage["headers"] = request.authorization
    ? { authorization: request.authorization }
    : {};
  const req = {
    method: "POST",
    path: request.path,
    url: request.path,
    headers,
    body: request.body,
  } as FilterRequest;
  const captured: Captured = { next: false };
  return new Promise((resolve) => {
    const res = {
      writeHead(status: number) {
        captured.status = status;
        return res;
      },
      end(body: string) {
        captured.body = body;
        resolve({ captured, headers });
      },
    } as unknown as ServerResponse;
    filter(req, res, () => {
      captured.next = true;
      resolve({ captured, headers });
    });
  });
}

describe("createStateChangeFilter", () => {
  it("should replace the placeholder token with the real one", async () => {
    const { captured, headers } = await run(undefined, {
      path: "/x",
      authorization: `Bearer ${PLACEHOLDER_TOKEN}`,
    });
    expect(captured.next).toBe(true);
    expect(headers.authorization).toBe(`Bearer ${REAL}`);
  });

  it("should leave an unknown token and a missing header as they are", async () => {
    expect(
      (await run(undefined, { path: "/x", authorization: `Bearer ${UNKNOWN_TOKEN}` })).headers.authorization,
    ).toBe(`Bearer ${UNKNOWN_TOKEN}`);
    expect((await run(undefined, { path: "/x" })).headers.authorization).toBeUndefined();
  });

  it("should pass on the code a state hands back", async () => {
    answer = '{"code":"K7M2Q9"}';
    const body = { state: PROVIDER_STATES.codeShared, params: {}, action: "setup" };
    const { captured } = await run(endpointUrl, { path: PROXY_STATE_PATH, body });
    expect([captured.status, JSON.parse(captured.body ?? "null")]).toEqual([200, { code: "K7M2Q9" }]);
  });

  it("should fail a state that hands back no code, naming the state", async () => {
    answer = "{}";
    const failures: StateFailure[] = [];
    const body = { state: PROVIDER_STATES.codeExpired, params: {}, action: "setup" };
    const { captured } = await run(endpointUrl, { path: PROXY_STATE_PATH, body }, failures);
    expect(captured.status).toBe(500);
    expect(failures.map((f) => f.state)).toEqual([PROVIDER_STATES.codeExpired]);
    expect(failures[0]?.message).toContain(`provider state "${PROVIDER_STATES.codeExpired}"`);
  });

  it("should fail a state when there is no state endpoint, saying which option is missing", async () => {
    const failures: StateFailure[] = [];
    const body = { state: PROVIDER_STATES.codeShared, params: {}, action: "setup" };
    const { captured } = await run(undefined, { path: PROXY_STATE_PATH, body }, failures);
    expect(captured.status).toBe(500);
    expect(failures[0]?.message).toContain("--state-setup-url");
  });

  it("should answer an interaction without a state with nothing to inject", async () => {
    const { captured } = await run(undefined, {
      path: PROXY_STATE_PATH,
      body: { state: "", action: "setup" },
    });
    expect([captured.status, captured.body]).toEqual([200, "{}"]);
  });
});
