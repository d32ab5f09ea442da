/**
 * A provider built from the reference provider plus a behaviour that may rewrite each request
 * before it reaches the reference logic and each answer after: the mechanism behind every broken
 * provider in this folder (and the conforming variant). It is a real HTTP server on 127.0.0.1.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { CodeStore, ReferenceProviderOptions } from "../../src/provider/index.js";
import { PROVIDER_STATES_PATH } from "../../src/rules/provider-states.js";
import { startReferenceProvider } from "../start-reference-provider.js";

/** One request as the proxy saw it. Header names are lower case. */
export interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** One answer. Header names are lower case. */
export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** What the behaviour can use: the inner provider's store and its token. */
export interface BehaviourContext {
  readonly store: CodeStore;
  readonly token: string;
}

/** How a provider departs from the reference: request and answer rewrites, both optional. */
export interface Behaviour {
  /** Rewrites the request, or answers it directly. */
  request?(exchange: Exchange, context: BehaviourContext): Exchange | Answer;
  /** Rewrites the answer. */
  answer?(answer: Answer, exchange: Exchange, context: BehaviourContext): Answer;
  /** Whether to never answer this request (a provider that hangs on some inputs). */
  hang?(exchange: Exchange): boolean;
  /** Options of the reference provider inside (e.g. a larger body limit). */
  readonly inner?: ReferenceProviderOptions;
}

/** A running provider of this folder. */
export interface DefectiveProvider {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Its provider-state endpoint. */
  readonly stateSetupUrl: string;
  /** The bearer token it accepts. */
  readonly token: string;
  close(): Promise<void>;
}

/** The token every provider of this folder accepts. */
export const DEFECTIVE_PROVIDER_TOKEN = "qa-defect-token";

const isAnswer = (value: Exchange | Answer): value is Answer => "status" in value;

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString()));
    req.on("error", reject);
  });
}

/** Starts a provider with the given behaviour on a free port of 127.0.0.1. */
export async function startProxyProvider(behaviour: Behaviour): Promise<DefectiveProvider> {
  const { provider: inner, url: innerUrl } = await startReferenceProvider({
    ...behaviour.inner,
    tokens: [DEFECTIVE_PROVIDER_TOKEN],
  });
  const context: BehaviourContext = { store: inner.store, token: DEFECTIVE_PROVIDER_TOKEN };

  const server = createServer(async (req, res) => {
    try {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers[name] = value;
      }
      const original: Exchange = {
        method: req.method ?? "GET",
        path: req.url ?? "/",
        headers,
        body: await readAll(req),
      };
      // Never answered; closeAllConnections ends it when the provider closes.
      if (behaviour.hang?.(original)) return;
      const rewritten = behaviour.request ? behaviour.request(original, context) : original;
      let answer: Answer;
      if (isAnswer(rewritten)) answer = rewritten;
      else {
        const forwarded: Record<string, string> = { ...rewritten.headers };
        for (const hop of ["host", "content-length", "connection", "transfer-encoding", "keep-alive"])
          delete forwarded[hop];
        const response = await fetch(`${innerUrl}${rewritten.path}`, {
          method: rewritten.method,
          headers: forwarded,
          ...(rewritten.method === "GET" || rewritten.method === "HEAD" ? {} : { body: rewritten.body }),
        });
        const answerHeaders: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          if (!["content-length", "connection", "keep-alive", "date", "transfer-encoding"].includes(name)) {
            answerHeaders[name] = value;
          }
        });
        answer = { status: response.status, headers: answerHeaders, body: await response.text() };
      }
      const final = behaviour.answer ? behaviour.answer(answer, original, context) : answer;
      res.writeHead(final.status, { ...final.headers, "content-length": Buffer.byteLength(final.body) });
      res.end(final.body);
    } catch (error) {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(`defective-provider proxy failure: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    stateSetupUrl: `${url}${PROVIDER_STATES_PATH}`,
    token: DEFECTIVE_PROVIDER_TOKEN,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await inner.close(100);
    },
  };
}
