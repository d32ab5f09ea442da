/**
 * Small edits of the exchanges a proxy provider sees (start-proxy-provider.ts), shared by the
 * defective providers and the doc-faithful variants.
 */
import { OPEN_SESSION_PATH } from "../../src/rules/index.js";
import type { Behaviour, Exchange } from "./start-proxy-provider.js";

/** The JSON object in `text`, or undefined for anything else. */
export const parseObject = (text: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/** Whether the exchange is on Open Session's path, whatever its method. */
export const isOpenSessionPath = (exchange: Exchange): boolean =>
  exchange.path.split("?")[0] === OPEN_SESSION_PATH;

/** Whether the exchange is a call of Open Session (POST on its path). */
export const isOpenSession = (exchange: Exchange): boolean =>
  isOpenSessionPath(exchange) && exchange.method === "POST";

/** Rewrites the JSON body of 200 answers to Open Session. */
export const onSessionBody =
  (edit: (session: Record<string, unknown>) => Record<string, unknown>): Behaviour["answer"] =>
  (answer, exchange) => {
    if (!isOpenSession(exchange) || answer.status !== 200) return answer;
    const session = parseObject(answer.body);
    return session ? { ...answer, body: JSON.stringify(edit(session)) } : answer;
  };
