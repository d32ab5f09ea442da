/**
 * The client's local guard: it never sends an invalid code, and sends every valid body unchanged.
 * A fake `fetch` counts and captures requests, so nothing leaves the process.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createBleepayClient } from "../src/client/index.js";
import type { OpenSessionRequest } from "../src/rules/index.js";
import { invalidCode } from "./arbitraries/invalid-code.js";
import { openSessionBody } from "./arbitraries/open-session-body.js";

const SESSION = {
  id: "ses_fake",
  code: "D4E5F6",
  status: "OPEN",
  type: "SESSION_DEFAULT",
  createdAt: "2026-06-09T12:00:00.000Z",
};

/** A fetch that records what it was asked to send and answers a fixed session. */
function recordingFetch(): { fetch: typeof globalThis.fetch; sent: { body: string; auth: string | null }[] } {
  const sent: { body: string; auth: string | null }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    sent.push({ body: await request.text(), auth: request.headers.get("authorization") });
    return new Response(JSON.stringify(SESSION), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  };
  return { fetch, sent };
}

describe("the Open Session client", () => {
  it("should reject every invalid code without sending a request", async () => {
    await fc.assert(
      fc.asyncProperty(invalidCode(), async ({ code }) => {
        const { fetch, sent } = recordingFetch();
        const client = createBleepayClient({ baseUrl: "http://127.0.0.1:9", token: "t0ken", fetch });
        const body = { code, type: "SESSION_DEFAULT" } as unknown as OpenSessionRequest;
        const result = await client.openSession(body);
        expect(sent).toHaveLength(0);
        expect(result.ok).toBe(false);
        expect(result.status).toBe(0);
        if (!result.ok) expect(result.error.code).toBe("client_invalid_code");
      }),
      { numRuns: 300 },
    );
  });

  it("should send every valid body once and unchanged, with the bearer token", async () => {
    await fc.assert(
      fc.asyncProperty(openSessionBody(), async (body) => {
        const { fetch, sent } = recordingFetch();
        const client = createBleepayClient({ baseUrl: "http://127.0.0.1:9", token: "t0ken", fetch });
        const result = await client.openSession(body);
        expect(sent).toHaveLength(1);
        expect(JSON.parse(sent[0]?.body ?? "null")).toStrictEqual(JSON.parse(JSON.stringify(body)));
        expect(sent[0]?.auth).toBe("Bearer t0ken");
        expect(result).toStrictEqual({ ok: true, status: 200, session: SESSION });
      }),
      { numRuns: 200 },
    );
  });
});
