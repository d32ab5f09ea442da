import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFaultServer } from "../../test-support/fault-servers.js";
import { startReferenceProvider } from "../../test-support/start-reference-provider.js";
import type { ReferenceProvider } from "../provider/index.js";
import { isWellFormedCode } from "../rules/index.js";
import { createStateSetupClient, StateSetupError } from "./create-state-setup-client.js";

let provider: ReferenceProvider;
let statesUrl: string;

beforeAll(async () => {
  ({ provider, stateSetupUrl: statesUrl } = await startReferenceProvider());
});
afterAll(() => provider.close(500));

/** A state endpoint that answers every call with the given status and body. */
async function fakeEndpoint(status: number, body: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(status, { "content-type": "application/json" }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/states`,
    server,
  };
}

describe("createStateSetupClient against the reference provider", () => {
  const states = () => createStateSetupClient({ url: statesUrl });

  it("gets a shared code the provider accepts", async () => {
    const code = await states().sharedCode();
    expect(isWellFormedCode(code)).toBe(true);
    expect(provider.store.isUsable(code)).toBe(true);
  });

  it("gets N distinct shared codes in one call", async () => {
    const codes = await states().sharedCodes(1_000);
    expect(new Set(codes).size).toBe(1_000);
    expect(codes.every((c) => provider.store.isUsable(c))).toBe(true);
  });

  it("gets an expired code", async () => {
    const code = await states().expiredCode();
    expect(isWellFormedCode(code)).toBe(true);
    expect(provider.store.isUsable(code)).toBe(false);
  });

  it("throws a StateSetupError naming the state for an unknown state", async () => {
    const error = await states()
      .setup("no such state")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateSetupError);
    expect((error as StateSetupError).state).toBe("no such state");
    expect((error as Error).message).toContain("HTTP 400");
  });
});

describe("createStateSetupClient against a broken endpoint", () => {
  it.each([
    ["a 500", 500, "{}", /HTTP 500/],
    ["a body that is not JSON", 200, "<html>", /not a JSON object/],
    ["an array", 200, "[]", /not a JSON object/],
    ["no code", 200, "{}", /no "code" string/],
    ["a wrong number of codes", 200, '{"codes":["AAAAAA"]}', /did not return 2 codes/],
  ])("throws a clear StateSetupError for %s", async (_name, status, body, message) => {
    const { url, server } = await fakeEndpoint(status, body);
    try {
      const client = createStateSetupClient({ url });
      const call = /codes/.test(body) ? client.sharedCodes(2) : client.sharedCode();
      await expect(call).rejects.toThrow(message);
      await expect(call).rejects.toBeInstanceOf(StateSetupError);
    } finally {
      server.close();
    }
  });

  it("names the URL and the cause when the endpoint is unreachable", async () => {
    const { url, server } = await fakeEndpoint(200, "{}");
    await new Promise((resolve) => server.close(resolve));
    await expect(createStateSetupClient({ url }).sharedCode()).rejects.toThrow(
      new RegExp(`${url}.*ECONNREFUSED`),
    );
  });

  it("gives up after timeoutMs on an endpoint that never answers, and says how long it waited", async () => {
    const silent = await startFaultServer("silent");
    try {
      const url = `${silent.url}/states`;
      const started = performance.now();
      const error = await createStateSetupClient({ url, timeoutMs: 200 })
        .sharedCode()
        .catch((e: unknown) => e);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(error).toBeInstanceOf(StateSetupError);
      expect((error as Error).message).toBe(
        `provider state "a context code has been shared by the payer": ${url} could not be reached (no answer within 0.2 s)`,
      );
    } finally {
      await silent.close();
    }
  });
});
