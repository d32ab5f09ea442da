/**
 * A minimal Pact Broker on 127.0.0.1 speaking the HAL API that the verifier and the diff's consumer
 * impact use (index links, pacts for verification, the pact, the provider's branch version,
 * verification results). It records what it is sent, so broker flags are checked as a broker sees them.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { PROVIDER_NAME } from "../contracts/pact-names.js";

/** A request the broker was sent. */
export interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

/** A running fake broker. */
export interface FakeBroker {
  readonly server: Server;
  readonly url: string;
}

/**
 * Starts a broker on 127.0.0.1 serving `pact` as the one pact for verification, recording every
 * request in `seen`, answering published verification results with `resultsStatus`, and every
 * other request (the index, the provider, its versions) with its links.
 *
 * @example
 * const broker = await startFakeBroker(pact, seen);
 */
export function startFakeBroker(pact: unknown, seen: Seen[], resultsStatus = 201): Promise<FakeBroker> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on("end", () => {
      seen.push({
        method: req.method ?? "",
        url: req.url ?? "",
        authorization: req.headers.authorization,
        body,
      });
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const provider = `${base}/pacticipants/${PROVIDER_NAME}`;
      const links = {
        self: { href: `${base}${req.url}` },
        "pb:provider-pacts-for-verification": {
          href: `${base}/pacts/provider/{provider}/for-verification`,
          templated: true,
        },
        "pb:provider": { href: provider },
        "pb:branch-version": { href: `${provider}/branches/{branch}/versions/{version}`, templated: true },
        "pb:version": { href: `${provider}/versions/{version}`, templated: true },
        "pb:publish-verification-results": { href: `${base}/results` },
      };
      const send = (status: number, json: unknown): void => {
        res.writeHead(status, { "content-type": "application/hal+json" });
        res.end(JSON.stringify(json));
      };
      if (req.method === "POST" && req.url?.endsWith("/for-verification")) {
        return send(200, {
          _embedded: {
            pacts: [
              {
                shortDescription: "latest from main",
                verificationProperties: { pending: false, notices: [] },
                _links: { self: { href: `${base}/pacts/1`, name: "payee app on main" } },
              },
            ],
          },
        });
      }
      if (req.url === "/pacts/1") return send(200, { ...(pact as object), _links: links });
      if (req.url === "/results") return send(resultsStatus, { _links: links });
      send(200, { _links: links });
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}
