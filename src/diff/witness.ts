/**
 * Witnesses: a concrete request one version accepts and the other refuses, or a concrete answer
 * one version allows and the other forbids, with both verdicts. Requests print as a `curl` built
 * from the spec's own example (token as `$BLEEPAY_TOKEN`, base URL as `$BLEEPAY_BASE_URL`);
 * answers print as their status, headers and JSON body.
 */
import { toCurl } from "../util/curl.js";
import type { MediaModel, ParameterModel, ResponseModel } from "./operation-model.js";
import { schemaValues } from "./schema-arbitrary.js";
import type { SpecOracle, Verdict, WitnessAnswer, WitnessRequest } from "./spec-oracle.js";

/** Stands for the real token inside a witness; printed as `$BLEEPAY_TOKEN`. */
export const TOKEN_PLACEHOLDER = "bleepay-token-placeholder";
const BASE_URL_PLACEHOLDER = "http://bleepay-base-url.placeholder";

/** A version's verdict as a report shows it. */
export interface VerdictReport {
  readonly verdict: "accepted" | "refused" | "allowed" | "forbidden";
  /** Why it refuses or forbids. */
  readonly because?: readonly string[];
}

/** A request one version accepts and the other refuses. */
export interface RequestWitness {
  readonly kind: "request";
  /** The request as a `curl` to paste. */
  readonly curl: string;
  readonly request: WitnessRequest;
  readonly base: VerdictReport;
  readonly head: VerdictReport;
}

/** An answer one version allows and the other forbids. */
export interface AnswerWitness {
  readonly kind: "answer";
  readonly answer: WitnessAnswer;
  readonly base: VerdictReport;
  readonly head: VerdictReport;
}

/** Either kind of witness. */
export type Witness = RequestWitness | AnswerWitness;

/**
 * A `curl` for a witness request. The placeholders become shell variables, outside single quotes
 * so that the shell expands them.
 *
 * @example
 * witnessCurl({ method: "POST", path: "/x", headers: {}, body: {} });
 * // curl -sS -i -X POST "$BLEEPAY_BASE_URL"'/x' --data-binary '{}'
 */
export function witnessCurl(request: WitnessRequest): string {
  const curl = toCurl(
    {
      method: request.method,
      url: BASE_URL_PLACEHOLDER + request.path,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    },
    { realToken: TOKEN_PLACEHOLDER },
  );
  return curl
    .replace(`'${BASE_URL_PLACEHOLDER}`, `"$BLEEPAY_BASE_URL"'`)
    .replaceAll(TOKEN_PLACEHOLDER, `'"$BLEEPAY_TOKEN"'`);
}

const report = (
  verdict: Verdict,
  yes: VerdictReport["verdict"],
  no: VerdictReport["verdict"],
): VerdictReport =>
  verdict.ok ? { verdict: yes } : { verdict: no, because: verdict.problems.map((p) => p.message) };

// In a report the credential reads `Bearer $BLEEPAY_TOKEN`, as in the curl: a placeholder no
// redaction takes for a secret, and that still satisfies the security check of either version.
const shownRequest = (request: WitnessRequest): WitnessRequest => ({
  ...request,
  path: request.path.replaceAll(TOKEN_PLACEHOLDER, "$BLEEPAY_TOKEN"),
  headers: Object.fromEntries(
    Object.entries(request.headers).map(([k, v]) => [k, v.replaceAll(TOKEN_PLACEHOLDER, "$BLEEPAY_TOKEN")]),
  ),
});

/** A request witness from a request and both verdicts. */
export function requestWitness(request: WitnessRequest, base: Verdict, head: Verdict): RequestWitness {
  return {
    kind: "request",
    curl: witnessCurl(request),
    request: shownRequest(request),
    base: report(base, "accepted", "refused"),
    head: report(head, "accepted", "refused"),
  };
}

/** An answer witness from an answer and both verdicts. */
export function answerWitness(answer: WitnessAnswer, base: Verdict, head: Verdict): AnswerWitness {
  return {
    kind: "answer",
    answer,
    base: report(base, "allowed", "forbidden"),
    head: report(head, "allowed", "forbidden"),
  };
}

const SEED = 20_260_609;

/** Values of a parameter or header a version allows, as text: its examples first. */
function parameterValues(oracle: SpecOracle, parameter: ParameterModel): string[] {
  const values = [
    ...parameter.examples,
    ...schemaValues(parameter.schema, { document: oracle.spec.document, seed: SEED, count: 20 }),
  ];
  return values
    .filter((v) => oracle.errorsAt(parameter.schemaPointer, v).length === 0)
    .map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
}

/** Body values a version allows for a media type: the spec's examples first, then samples. */
export function bodyValues(oracle: SpecOracle, media: MediaModel, count = 20): unknown[] {
  const { examples, samples } = bodySeeds(oracle, media, count);
  return [...examples.filter((v) => oracle.errorsAt(media.schemaPointer, v).length === 0), ...samples];
}

/**
 * The seeds of a witness search for a media type: the spec's examples as written (a stale example
 * is still the best thing to edit) and samples of its schema that the version allows.
 */
export function bodySeeds(
  oracle: SpecOracle,
  media: MediaModel,
  count = 20,
): { examples: unknown[]; samples: unknown[] } {
  if (media.schema === undefined)
    return { examples: media.examples.length ? [...media.examples] : [{}], samples: [] };
  const samples = schemaValues(media.schema, {
    document: oracle.spec.document,
    seed: SEED,
    count,
    extraKeys: "explicit",
  }).filter((v) => oracle.errorsAt(media.schemaPointer, v).length === 0);
  return { examples: [...media.examples], samples };
}

/** The media type a client sends or expects first: JSON when the spec offers it. */
export function preferredMedia(content: readonly MediaModel[]): MediaModel | undefined {
  return (
    content.find((m) => /^application\/json\b/i.test(m.mediaType)) ??
    content.find((m) => /json/i.test(m.mediaType)) ??
    content[0]
  );
}

/** Credentials satisfying one security alternative of a version. */
export function credentialHeaders(
  alternative: readonly {
    type: string;
    scheme?: string | undefined;
    in?: string | undefined;
    paramName?: string | undefined;
  }[],
): {
  headers: Record<string, string>;
  query: Record<string, string>;
} {
  const headers: Record<string, string> = {};
  const query: Record<string, string> = {};
  for (const scheme of alternative) {
    if (scheme.type === "http" && scheme.scheme === "basic")
      headers.Authorization = `Basic ${TOKEN_PLACEHOLDER}`;
    else if (scheme.type === "http" || scheme.type === "oauth2" || scheme.type === "openIdConnect")
      headers.Authorization = `Bearer ${TOKEN_PLACEHOLDER}`;
    else if (scheme.type === "apiKey" && scheme.paramName) {
      if (scheme.in === "query") query[scheme.paramName] = TOKEN_PLACEHOLDER;
      else if (scheme.in === "cookie") headers.Cookie = `${scheme.paramName}=${TOKEN_PLACEHOLDER}`;
      else headers[scheme.paramName] = TOKEN_PLACEHOLDER;
    }
  }
  return { headers, query };
}

function withQuery(path: string, query: Record<string, string>): string {
  const search = new URLSearchParams(query).toString();
  return search ? `${path}${path.includes("?") ? "&" : "?"}${search}` : path;
}

/**
 * The request a client of a version sends, without its body: the path (path parameters from their
 * examples), a security alternative's credential, required headers and query parameters, and the
 * content type of the chosen (else the preferred) media type.
 */
export function requestSkeleton(oracle: SpecOracle, alternative = 0, media?: MediaModel): WitnessRequest {
  const op = oracle.operation;
  const credential = credentialHeaders(op.security[alternative] ?? []);
  const headers: Record<string, string> = { ...credential.headers };
  const query: Record<string, string> = { ...credential.query };
  let path = op.path;
  for (const parameter of op.parameters) {
    if (!parameter.required) continue;
    const value = parameterValues(oracle, parameter)[0] ?? "1";
    if (parameter.in === "header") headers[parameter.name] = value;
    else if (parameter.in === "query") query[parameter.name] = value;
    else if (parameter.in === "path") path = path.replace(`{${parameter.name}}`, encodeURIComponent(value));
    else headers.Cookie = [headers.Cookie, `${parameter.name}=${value}`].filter(Boolean).join("; ");
  }
  const chosen = media ?? preferredMedia(op.requestBody?.content ?? []);
  if (chosen)
    headers["Content-Type"] = chosen.mediaType.includes("*") ? "application/json" : chosen.mediaType;
  return { method: op.method, path: withQuery(path, query), headers };
}

/**
 * Requests a version accepts, built from its doc example: {@link requestSkeleton} with each body
 * value the version accepts (its examples first). At most `limit`; none when it accepts none.
 */
export function requestSeeds(
  oracle: SpecOracle,
  limit = 4,
  alternative = 0,
  media?: MediaModel,
): WitnessRequest[] {
  const skeleton = requestSkeleton(oracle, alternative, media);
  const chosen = media ?? preferredMedia(oracle.operation.requestBody?.content ?? []);
  if (!chosen) return oracle.checkRequest(skeleton).ok ? [skeleton] : [];
  return bodyValues(oracle, chosen)
    .map((body): WitnessRequest => ({ ...skeleton, body }))
    .filter((r) => oracle.checkRequest(r).ok)
    .slice(0, limit);
}

/** A status a response key stands for: itself, the first of its range, or 500 for `default`. */
export function statusOf(key: string, taken: readonly string[] = []): number {
  if (/^\d{3}$/.test(key)) return Number(key);
  if (/^\dXX$/.test(key)) {
    const first = Number(key[0]) * 100;
    for (let s = first; s < first + 100; s++) if (!taken.includes(String(s))) return s;
    return first;
  }
  for (const s of [500, 503, 502, 599]) if (!taken.includes(String(s))) return s;
  return 599;
}

/** Headers an answer of a version carries: its required documented headers, with allowed values. */
function answerHeaders(oracle: SpecOracle, response: ResponseModel): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const documented of response.headers) {
    if (!documented.required) continue;
    const value = parameterValues(oracle, documented)[0];
    if (value !== undefined) headers[documented.name] = value;
  }
  return headers;
}

/** The answer a version gives for one documented response and media type, without its body. */
export function answerSkeleton(
  oracle: SpecOracle,
  response: ResponseModel,
  media: MediaModel | undefined,
): WitnessAnswer {
  const status = statusOf(
    response.key,
    oracle.operation.responses.map((r) => r.key),
  );
  const headers = answerHeaders(oracle, response);
  if (media) headers["Content-Type"] = media.mediaType.includes("*") ? "application/json" : media.mediaType;
  return { status, headers };
}

/**
 * Answers a version allows for one documented response and media type: its examples first, then
 * samples of its schema. At most `limit`.
 */
export function answerSeeds(
  oracle: SpecOracle,
  response: ResponseModel,
  media: MediaModel | undefined,
  limit = 4,
): WitnessAnswer[] {
  const skeleton = answerSkeleton(oracle, response, media);
  if (!media) return oracle.checkAnswer(skeleton).ok ? [skeleton] : [];
  return bodyValues(oracle, media)
    .map((body): WitnessAnswer => ({ ...skeleton, body }))
    .filter((a) => oracle.checkAnswer(a).ok)
    .slice(0, limit);
}
