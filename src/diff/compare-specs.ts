/**
 * Compares the Open Session operation of two spec versions and judges every change by a witness:
 * a request the old version accepts and the new one refuses (breaking, request side), an answer
 * the new version allows and the old one forbids (breaking, response side), or the reverse of
 * either (non-breaking: the provider accepts more, or promises less). A change that looks like a
 * break but yields no witness is `info`, with the reason, never `breaking`.
 */
import type { MediaModel, ParameterModel, ResponseModel } from "./operation-model.js";
import { schemaValues } from "./schema-arbitrary.js";
import { type SchemaChange, schemaChanges } from "./schema-changes.js";
import {
  describeScheme,
  matchMediaType,
  matchResponse,
  type SpecOracle,
  type WitnessAnswer,
  type WitnessRequest,
} from "./spec-oracle.js";
import {
  answerSeeds,
  answerSkeleton,
  answerWitness,
  bodySeeds,
  preferredMedia,
  requestSeeds,
  requestSkeleton,
  requestWitness,
  statusOf,
  type Witness,
} from "./witness.js";
import { concernsChange, searchWitness, WITNESS_SEED } from "./witness-search.js";

/** How much a change matters. */
export type Severity = "breaking" | "non-breaking" | "info";

/** One change between the two versions, judged. */
export interface Finding {
  readonly severity: Severity;
  /** Whether it concerns what clients send (`request`) or what they read (`response`). */
  readonly side: "request" | "response";
  /** The version the pointer points into: the new one, or the old one for something removed. */
  readonly spec: "base" | "head";
  /** JSON pointer of the changed element in that version. */
  readonly pointer: string;
  /** One sentence: what changed, and for whom. */
  readonly message: string;
  /** The proof: required for `breaking`, shown when found for `non-breaking`. */
  readonly witness: Witness | null;
  /** For `info`: why it is not judged breaking. */
  readonly reason?: string;
}

/** Who is affected, by severity and side. */
const FOR_WHOM = {
  requestBreaking: "for the consumer, a request the old spec allowed is now refused by the provider",
  requestLoosened:
    "the provider now accepts requests the old spec refused; existing consumers are unaffected",
  responseBreaking:
    "for the consumer, an answer the new spec allows cannot be read by a client built on the old one",
  responseNarrowed:
    "the new spec allows fewer answers than the old one, all of which a client built on the old one reads",
} as const;

interface Versions {
  readonly base: SpecOracle;
  readonly head: SpecOracle;
}

const lower = (text: string): string => text.toLowerCase();

/** The same request, sent where a version serves Open Session (the path may have moved). */
function retarget(request: WitnessRequest, from: SpecOracle, to: SpecOracle): WitnessRequest {
  if (from.operation.path === to.operation.path && from.operation.method === to.operation.method)
    return request;
  const [, search] = request.path.split("?");
  const path = to.operation.path.replace(/\{[^}]+\}/g, "1");
  return { ...request, method: to.operation.method, path: search ? `${path}?${search}` : path };
}

function withoutHeader(headers: Readonly<Record<string, string>>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => lower(key) !== lower(name)));
}

function withParameter(
  request: WitnessRequest,
  parameter: ParameterModel,
  value: string | undefined,
): WitnessRequest {
  if (parameter.in === "query") {
    const [path = "", search = ""] = request.path.split("?");
    const query = new URLSearchParams(search);
    if (value === undefined) query.delete(parameter.name);
    else query.set(parameter.name, value);
    const text = query.toString();
    return { ...request, path: text ? `${path}?${text}` : path };
  }
  const headers = withoutHeader(request.headers, parameter.name);
  if (value !== undefined) headers[parameter.name] = value;
  return { ...request, headers };
}

const asText = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

/** `payeeInfo.storeId`, `(other fields)`, `items[]`, or `(body)`. */
function fieldLabel(path: readonly string[]): string {
  if (path.length === 0) return "(body)";
  return path
    .map((s) => (s === "*" ? "(other fields)" : s))
    .join(".")
    .replaceAll(".[]", "[]");
}

/** ` (ContextCode)` when the pointer is inside a named component schema. */
function schemaName(pointer: string): string {
  const match = /^\/components\/schemas\/([^/]+)/.exec(pointer);
  return match ? ` (${(match[1] ?? "").replaceAll("~1", "/").replaceAll("~0", "~")})` : "";
}

function changeWhat(change: SchemaChange): string {
  switch (change.kind) {
    case "node":
      return change.details.join(", ");
    case "property-added":
      return `new ${change.required ? "required" : "optional"} field`;
    case "property-removed":
      return `field removed${change.required ? " (it was required)" : ""}`;
    case "required-added":
      return "now required";
    case "required-removed":
      return "no longer required";
  }
}

/** Field changes that no witness can make breaking in either direction, with why they are harmless. */
function quietReason(change: SchemaChange, side: "request" | "response"): string | undefined {
  if (change.kind === "property-added" && side === "request" && !change.required) {
    return "consumers built on the old spec do not send it and are unaffected";
  }
  if (change.kind === "property-added" && side === "response") {
    return "a client built on the old spec ignores a field it does not know (the old schema does not forbid it)";
  }
  if (change.kind === "property-removed" && side === "request") {
    return "requests that still send it are accepted (the new schema does not forbid fields it does not name)";
  }
  if (change.kind === "property-removed" && side === "response" && !change.required) {
    return "the field was optional, so a client built on the old spec already copes without it";
  }
  return undefined;
}

/** A draft finding before response findings of one shared schema are merged. */
interface Draft extends Finding {
  /** Identity for merging: the same change met through several answers is one finding. */
  readonly key: string;
  /** The answers (e.g. `400`) it was met through, for response-side schema findings. */
  readonly where: readonly string[];
  /** The message without its `where` prefix. */
  readonly text: string;
}

function draft(
  finding: Omit<Finding, "message"> & { text: string; where?: readonly string[]; key?: string },
): Draft {
  const where = finding.where ?? [];
  const { text, key, ...rest } = finding;
  return {
    ...rest,
    text,
    where,
    key: key ?? `${finding.side}|${finding.spec}|${finding.pointer}|${text}`,
    message: text,
  };
}

/** A suspected break that no witness shows: `info` with the reason, never `breaking`. */
function unwitnessed(
  at: Omit<Finding, "message" | "severity" | "witness" | "reason"> & {
    readonly where?: readonly string[];
    readonly key?: string;
  },
  what: string,
  reason: string,
): Draft {
  return draft({
    ...at,
    severity: "info",
    witness: null,
    reason,
    text: `${what}: suspected break without a witness: ${reason}.`,
  });
}

/** The two versions, named by role for one search: `from` must accept a candidate, `to` refuse it. */
interface Way {
  readonly from: "base" | "head";
  readonly to: "base" | "head";
}

const BASE_TO_HEAD: Way = { from: "base", to: "head" };
const HEAD_TO_BASE: Way = { from: "head", to: "base" };

/**
 * Searches for a body, built from the `from` version's schema at `change`, in a request (or, with
 * `response`, an answer) that `from` accepts and `to` refuses because of that change.
 */
function searchBodyWitness(
  v: Versions,
  change: SchemaChange,
  way: Way,
  media: { readonly base: MediaModel; readonly head: MediaModel },
  responses?: { readonly base: ResponseModel; readonly head: ResponseModel },
): { witness: Witness | undefined; tried: number } {
  const from = v[way.from];
  const to = v[way.to];
  const fromMedia = media[way.from];
  const search = {
    ...bodySeeds(from, fromMedia),
    valueSchema: change[way.from].schema,
    bodySchema: fromMedia.schema ?? true,
    document: from.spec.document,
  };
  const inOrder = <V>(fromVerdict: V, toVerdict: V): [V, V] =>
    way.from === "base" ? [fromVerdict, toVerdict] : [toVerdict, fromVerdict];
  if (responses) {
    const skeleton = answerSkeleton(from, responses[way.from], fromMedia);
    return searchWitness<Witness>(change, search, (body) => {
      const answer: WitnessAnswer = { ...skeleton, body };
      const accepted = from.checkAnswer(answer);
      if (!accepted.ok) return undefined;
      const refused = to.checkAnswer(answer);
      if (refused.ok || !concernsChange(change, refused.problems)) return undefined;
      return answerWitness(answer, ...inOrder(accepted, refused));
    });
  }
  const skeleton = requestSkeleton(from, 0, fromMedia);
  return searchWitness<Witness>(change, search, (body) => {
    const request = { ...skeleton, body };
    const accepted = from.checkRequest(request);
    if (!accepted.ok) return undefined;
    const refused = to.checkRequest(retarget(request, from, to));
    if (refused.ok || !concernsChange(change, refused.problems)) return undefined;
    return requestWitness(request, ...inOrder(accepted, refused));
  });
}

/**
 * Judges a change inside a body schema by witnesses, breaking first: for a request, one the old
 * spec accepts and the new one refuses (else the reverse: loosened); for an answer, one the new
 * spec allows and the old one forbids (else the reverse: narrowed). With neither, a change that
 * cannot matter is non-breaking with its reason, and any other is `info`.
 */
function judgeBodyChange(
  v: Versions,
  change: SchemaChange,
  media: { readonly base: MediaModel; readonly head: MediaModel },
  responses?: { readonly base: ResponseModel; readonly head: ResponseModel },
): Draft {
  const side = responses ? "response" : "request";
  const field = fieldLabel(change.instancePath);
  const what = responses
    ? `\`${field}\`${schemaName(change.at.pointer)}: ${changeWhat(change)}`
    : `request body \`${field}\`${schemaName(change.at.pointer)}: ${changeWhat(change)}`;
  const at = {
    side,
    spec: change.at.spec,
    pointer: change.at.pointer,
    ...(responses
      ? {
          where: [responses.head.key],
          key: `response|${change.at.spec}|${change.at.pointer}|${what}|${field}`,
        }
      : {}),
  } as const;
  // A request breaks when the old spec's body is refused; an answer when the new spec's is.
  const [breakingWay, reverseWay] = responses ? [HEAD_TO_BASE, BASE_TO_HEAD] : [BASE_TO_HEAD, HEAD_TO_BASE];
  const breaking = searchBodyWitness(v, change, breakingWay, media, responses);
  if (breaking.witness) {
    const forWhom = responses ? FOR_WHOM.responseBreaking : FOR_WHOM.requestBreaking;
    return draft({ ...at, severity: "breaking", witness: breaking.witness, text: `${what}: ${forWhom}.` });
  }
  const reverse = searchBodyWitness(v, change, reverseWay, media, responses);
  if (reverse.witness) {
    const forWhom = responses ? FOR_WHOM.responseNarrowed : FOR_WHOM.requestLoosened;
    return draft({ ...at, severity: "non-breaking", witness: reverse.witness, text: `${what}: ${forWhom}.` });
  }
  const quiet = quietReason(change, side);
  if (quiet) return draft({ ...at, severity: "non-breaking", witness: null, text: `${what}: ${quiet}.` });
  const sought = responses
    ? "no answer the new spec allows and the old one forbids"
    : "no request the old spec accepts and the new one refuses";
  const reason = `${sought} was found among ${breaking.tried} candidates made from the spec's examples and schema (nor the reverse among ${reverse.tried})`;
  return unwitnessed(at, what, reason);
}

function compareOperation(v: Versions): Draft[] {
  const { base, head } = v;
  const b = base.operation;
  const h = head.operation;
  if (b.path === h.path && b.method === h.method) return [];
  const text = `path or method changed: ${b.method} ${b.path} → ${h.method} ${h.path}`;
  const at = { side: "request" as const, spec: "head" as const, pointer: h.pointer };
  const request = requestSeeds(base, 1)[0];
  if (request) {
    const baseVerdict = base.checkRequest(request);
    const headVerdict = head.checkRequest(request);
    if (baseVerdict.ok && headVerdict.problems.some((p) => p.where === "operation")) {
      return [
        draft({
          ...at,
          severity: "breaking",
          witness: requestWitness(request, baseVerdict, headVerdict),
          text: `${text}: ${FOR_WHOM.requestBreaking} (the new spec defines nothing at the old path).`,
        }),
      ];
    }
  }
  const reason =
    "the old spec accepts none of the requests made from its own examples, so no request shows the move";
  return [unwitnessed(at, text, reason)];
}

function compareSecurity(v: Versions): Draft[] {
  const { base, head } = v;
  const describe = (alternatives: SpecOracle["operation"]["security"]): string[] =>
    alternatives.length
      ? alternatives.map((a) => a.map(describeScheme).sort().join(" + ") || "no credential")
      : ["no credential"];
  const before = describe(base.operation.security);
  const after = describe(head.operation.security);
  if ([...before].sort().join("|") === [...after].sort().join("|")) return [];
  const text = `security: ${before.join(" or ")} → ${after.join(" or ")}`;
  const at = { side: "request" as const, spec: "head" as const, pointer: head.operation.securityPointer };
  for (let i = 0; i < Math.max(1, base.operation.security.length); i++) {
    const request = requestSeeds(base, 1, i)[0];
    if (!request) continue;
    const headVerdict = head.checkRequest(retarget(request, base, head));
    if (!headVerdict.ok && headVerdict.problems.some((p) => p.where === "security")) {
      return [
        draft({
          ...at,
          severity: "breaking",
          witness: requestWitness(request, base.checkRequest(request), headVerdict),
          text: `${text}: ${FOR_WHOM.requestBreaking}.`,
        }),
      ];
    }
  }
  for (let i = 0; i < Math.max(1, head.operation.security.length); i++) {
    const request = requestSeeds(head, 1, i)[0];
    if (!request) continue;
    const baseVerdict = base.checkRequest(retarget(request, head, base));
    if (!baseVerdict.ok && baseVerdict.problems.some((p) => p.where === "security")) {
      return [
        draft({
          ...at,
          severity: "non-breaking",
          witness: requestWitness(request, baseVerdict, head.checkRequest(request)),
          text: `${text}: ${FOR_WHOM.requestLoosened}.`,
        }),
      ];
    }
  }
  const reason = "no request with the old credentials is refused by the new spec, nor the reverse";
  return [unwitnessed(at, text, reason)];
}

const parameterKey = (p: ParameterModel): string => `${p.in}:${p.in === "header" ? lower(p.name) : p.name}`;

function compareParameters(v: Versions): Draft[] {
  const { base, head } = v;
  const drafts: Draft[] = [];
  const seed = requestSeeds(base, 1)[0];
  const headSeed = requestSeeds(head, 1)[0];
  const refusedFor = (
    request: WitnessRequest | undefined,
    parameter: ParameterModel,
    from: SpecOracle,
    to: SpecOracle,
  ) => {
    if (!request) return undefined;
    const fromVerdict = from.checkRequest(request);
    if (!fromVerdict.ok) return undefined;
    const toVerdict = to.checkRequest(retarget(request, from, to));
    if (
      toVerdict.ok ||
      !toVerdict.problems.some(
        (p) => p.where === "parameter" && lower(p.name ?? "") === lower(parameter.name),
      )
    )
      return undefined;
    return from === base
      ? requestWitness(request, fromVerdict, toVerdict)
      : requestWitness(request, toVerdict, fromVerdict);
  };
  for (const after of head.operation.parameters) {
    const before = base.operation.parameters.find((p) => parameterKey(p) === parameterKey(after));
    const name = `${after.in} \`${after.name}\``;
    const at = { side: "request" as const, spec: "head" as const, pointer: after.pointer };
    if (!before || (!before.required && after.required)) {
      if (!after.required) {
        drafts.push(
          draft({
            ...at,
            severity: "non-breaking",
            witness: null,
            text: `new optional ${name}: consumers built on the old spec do not send it and are unaffected.`,
          }),
        );
        continue;
      }
      const request = seed && before ? withParameter(seed, before, undefined) : seed;
      const witness = refusedFor(request, after, base, head);
      const text = before ? `${name} now required` : `new required ${name}`;
      if (witness)
        drafts.push(
          draft({ ...at, severity: "breaking", witness, text: `${text}: ${FOR_WHOM.requestBreaking}.` }),
        );
      else {
        const reason = "no request the old spec accepts lacks it";
        drafts.push(unwitnessed(at, text, reason));
      }
      continue;
    }
    if (before.required && !after.required) {
      const witness = refusedFor(headSeed, before, head, base);
      drafts.push(
        draft({
          ...at,
          severity: "non-breaking",
          witness: witness ?? null,
          text: `${name} no longer required: ${FOR_WHOM.requestLoosened}.`,
        }),
      );
    }
    const changes = schemaChanges(
      { document: base.spec.document, node: before.schema, pointer: before.schemaPointer },
      { document: head.spec.document, node: after.schema, pointer: after.schemaPointer },
    );
    if (changes.length === 0) continue;
    const details = changes.flatMap((c) => c.details).join(", ") || "schema changed";
    const text = `${name}: ${details}`;
    const values = (oracle: SpecOracle, parameter: ParameterModel) =>
      [
        ...parameter.examples,
        ...schemaValues(parameter.schema, { document: oracle.spec.document, seed: WITNESS_SEED, count: 60 }),
      ].map(asText);
    let witness: Witness | undefined;
    for (const value of seed ? values(base, before) : []) {
      witness = refusedFor(withParameter(seed as WitnessRequest, before, value), after, base, head);
      if (witness) break;
    }
    if (witness) {
      drafts.push(
        draft({
          ...at,
          pointer: after.schemaPointer,
          severity: "breaking",
          witness,
          text: `${text}: ${FOR_WHOM.requestBreaking}.`,
        }),
      );
      continue;
    }
    for (const value of headSeed ? values(head, after) : []) {
      witness = refusedFor(withParameter(headSeed as WitnessRequest, after, value), before, head, base);
      if (witness) break;
    }
    if (witness)
      drafts.push(
        draft({
          ...at,
          pointer: after.schemaPointer,
          severity: "non-breaking",
          witness,
          text: `${text}: ${FOR_WHOM.requestLoosened}.`,
        }),
      );
    else {
      const reason = "no value the old spec allows is refused by the new one, nor the reverse";
      drafts.push(
        unwitnessed(
          {
            ...at,
            pointer: after.schemaPointer,
          },
          text,
          reason,
        ),
      );
    }
  }
  for (const before of base.operation.parameters) {
    if (head.operation.parameters.some((p) => parameterKey(p) === parameterKey(before))) continue;
    drafts.push(
      draft({
        side: "request",
        spec: "base",
        pointer: before.pointer,
        severity: "non-breaking",
        witness: null,
        text: `${before.in} \`${before.name}\` no longer documented: requests that still send it are accepted (a ${before.in} parameter the spec does not name is ignored).`,
      }),
    );
  }
  return drafts;
}

function compareRequestBody(v: Versions): Draft[] {
  const { base, head } = v;
  const before = base.operation.requestBody;
  const after = head.operation.requestBody;
  const drafts: Draft[] = [];
  if (!after) {
    if (before) {
      drafts.push(
        draft({
          side: "request",
          spec: "base",
          pointer: before.pointer,
          severity: "non-breaking",
          witness: null,
          text: "request body no longer documented: the new spec asks for none, and a body sent anyway is not refused by the spec.",
        }),
      );
    }
    return drafts;
  }
  const at = { side: "request" as const, spec: "head" as const, pointer: after.pointer };
  if (after.required && !before?.required) {
    const skeleton = requestSkeleton(base);
    const request: WitnessRequest = { ...skeleton, headers: withoutHeader(skeleton.headers, "content-type") };
    const baseVerdict = base.checkRequest(request);
    const headVerdict = head.checkRequest(retarget(request, base, head));
    const text = "request body now required";
    if (baseVerdict.ok && !headVerdict.ok)
      drafts.push(
        draft({
          ...at,
          severity: "breaking",
          witness: requestWitness(request, baseVerdict, headVerdict),
          text: `${text}: ${FOR_WHOM.requestBreaking}.`,
        }),
      );
    else {
      const reason = "the old spec refuses a request without a body for another reason";
      drafts.push(unwitnessed(at, text, reason));
    }
  }
  if (!before) return drafts;
  if (before.required && !after.required) {
    drafts.push(
      draft({
        ...at,
        severity: "non-breaking",
        witness: null,
        text: `request body no longer required: ${FOR_WHOM.requestLoosened}.`,
      }),
    );
  }
  for (const media of before.content) {
    if (matchMediaType(after.content, media.mediaType)) continue;
    const request = requestSeeds(base, 1, 0, media)[0];
    const headVerdict = request ? head.checkRequest(retarget(request, base, head)) : undefined;
    const text = `request content type ${media.mediaType} no longer accepted (the new spec takes ${after.content.map((m) => m.mediaType).join(", ") || "none"})`;
    if (request && headVerdict?.problems.some((p) => p.where === "content-type")) {
      drafts.push(
        draft({
          side: "request",
          spec: "base",
          pointer: media.pointer,
          severity: "breaking",
          witness: requestWitness(request, base.checkRequest(request), headVerdict),
          text: `${text}: ${FOR_WHOM.requestBreaking}.`,
        }),
      );
    } else {
      const reason = "the old spec accepts no request of that content type made from its examples";
      drafts.push(
        unwitnessed(
          {
            side: "request",
            spec: "base",
            pointer: media.pointer,
          },
          text,
          reason,
        ),
      );
    }
  }
  for (const media of after.content) {
    if (matchMediaType(before.content, media.mediaType)) continue;
    drafts.push(
      draft({
        side: "request",
        spec: "head",
        pointer: media.pointer,
        severity: "non-breaking",
        witness: null,
        text: `request content type ${media.mediaType} now accepted: ${FOR_WHOM.requestLoosened}.`,
      }),
    );
  }
  for (const baseMedia of before.content) {
    const headMedia = after.content.find((m) => m.mediaType === baseMedia.mediaType);
    if (!headMedia) continue;
    const changes = schemaChanges(
      { document: base.spec.document, node: baseMedia.schema ?? true, pointer: baseMedia.schemaPointer },
      { document: head.spec.document, node: headMedia.schema ?? true, pointer: headMedia.schemaPointer },
    );
    for (const change of changes)
      drafts.push(judgeBodyChange(v, change, { base: baseMedia, head: headMedia }));
  }
  return drafts;
}

function compareResponseHeaders(v: Versions, before: ResponseModel, after: ResponseModel): Draft[] {
  const { base, head } = v;
  const drafts: Draft[] = [];
  const headSeed = answerSeeds(head, after, preferredMedia(after.content), 1)[0];
  const baseSeed = answerSeeds(base, before, preferredMedia(before.content), 1)[0];
  const forbiddenFor = (
    answer: WitnessAnswer | undefined,
    name: string,
    from: SpecOracle,
    to: SpecOracle,
  ) => {
    if (!answer) return undefined;
    const fromVerdict = from.checkAnswer(answer);
    const toVerdict = to.checkAnswer(answer);
    if (
      !fromVerdict.ok ||
      toVerdict.ok ||
      !toVerdict.problems.some((p) => p.where === "header" && lower(p.name ?? "") === lower(name))
    )
      return undefined;
    return from === head
      ? answerWitness(answer, toVerdict, fromVerdict)
      : answerWitness(answer, fromVerdict, toVerdict);
  };
  for (const documented of before.headers) {
    const now = after.headers.find((h) => lower(h.name) === lower(documented.name));
    if (documented.required && !now?.required) {
      const answer = headSeed && { ...headSeed, headers: withoutHeader(headSeed.headers, documented.name) };
      const witness = forbiddenFor(answer, documented.name, head, base);
      const text = `${after.key} answer header \`${documented.name}\` no longer ${now ? "required" : "documented"}`;
      const at = now
        ? { spec: "head" as const, pointer: now.pointer }
        : { spec: "base" as const, pointer: documented.pointer };
      if (witness)
        drafts.push(
          draft({
            ...at,
            side: "response",
            severity: "breaking",
            witness,
            text: `${text}: ${FOR_WHOM.responseBreaking}.`,
          }),
        );
      else {
        const reason = "no answer the new spec allows lacks it";
        drafts.push(
          unwitnessed(
            {
              ...at,
              side: "response",
            },
            text,
            reason,
          ),
        );
      }
    }
    if (!now) continue;
    const changes = schemaChanges(
      { document: base.spec.document, node: documented.schema, pointer: documented.schemaPointer },
      { document: head.spec.document, node: now.schema, pointer: now.schemaPointer },
    );
    if (changes.length === 0) continue;
    const text = `${after.key} answer header \`${now.name}\`: ${changes.flatMap((c) => c.details).join(", ") || "schema changed"}`;
    const at = { side: "response" as const, spec: "head" as const, pointer: now.schemaPointer };
    const tryValues = (
      seed: WitnessAnswer | undefined,
      from: SpecOracle,
      model: ParameterModel,
      to: SpecOracle,
    ) => {
      if (!seed) return undefined;
      const values = [
        ...model.examples,
        ...schemaValues(model.schema, { document: from.spec.document, seed: WITNESS_SEED, count: 60 }),
      ];
      for (const value of values) {
        const answer = {
          ...seed,
          headers: { ...withoutHeader(seed.headers, model.name), [model.name]: asText(value) },
        };
        const witness = forbiddenFor(answer, model.name, from, to);
        if (witness) return witness;
      }
      return undefined;
    };
    const breaking = tryValues(headSeed, head, now, base);
    if (breaking) {
      drafts.push(
        draft({
          ...at,
          severity: "breaking",
          witness: breaking,
          text: `${text}: ${FOR_WHOM.responseBreaking}.`,
        }),
      );
      continue;
    }
    const narrowed = tryValues(baseSeed, base, documented, head);
    if (narrowed)
      drafts.push(
        draft({
          ...at,
          severity: "non-breaking",
          witness: narrowed,
          text: `${text}: ${FOR_WHOM.responseNarrowed}.`,
        }),
      );
    else {
      const reason = "no header value tells the two versions apart";
      drafts.push(unwitnessed(at, text, reason));
    }
  }
  for (const documented of after.headers) {
    const was = before.headers.find((h) => lower(h.name) === lower(documented.name));
    if (documented.required && !was?.required) {
      drafts.push(
        draft({
          side: "response",
          spec: "head",
          pointer: documented.pointer,
          severity: "non-breaking",
          witness: null,
          text: `${after.key} answer header \`${documented.name}\` now always sent: a client built on the old spec ignores a header it does not read.`,
        }),
      );
    }
  }
  return drafts;
}

function compareResponse(v: Versions, before: ResponseModel, after: ResponseModel): Draft[] {
  const { base, head } = v;
  const drafts = compareResponseHeaders(v, before, after);
  for (const media of after.content) {
    if (matchMediaType(before.content, media.mediaType)) continue;
    const answer = answerSeeds(head, after, media, 1)[0];
    const baseVerdict = answer && base.checkAnswer(answer);
    const text = `${after.key} answer now also given as ${media.mediaType}`;
    if (answer && baseVerdict?.problems.some((p) => p.where === "content-type")) {
      drafts.push(
        draft({
          side: "response",
          spec: "head",
          pointer: media.pointer,
          severity: "breaking",
          witness: answerWitness(answer, baseVerdict, head.checkAnswer(answer)),
          text: `${text}: ${FOR_WHOM.responseBreaking}.`,
        }),
      );
    } else {
      const reason =
        "no answer of that content type made from the new spec's examples is forbidden by the old one";
      drafts.push(
        unwitnessed(
          {
            side: "response",
            spec: "head",
            pointer: media.pointer,
          },
          text,
          reason,
        ),
      );
    }
  }
  for (const media of before.content) {
    if (matchMediaType(after.content, media.mediaType)) continue;
    drafts.push(
      draft({
        side: "response",
        spec: "base",
        pointer: media.pointer,
        severity: "non-breaking",
        witness: null,
        text: `${after.key} answer no longer given as ${media.mediaType}: ${FOR_WHOM.responseNarrowed}.`,
      }),
    );
  }
  for (const baseMedia of before.content) {
    const headMedia = after.content.find((m) => m.mediaType === baseMedia.mediaType);
    if (!headMedia) continue;
    const changes = schemaChanges(
      { document: base.spec.document, node: baseMedia.schema ?? true, pointer: baseMedia.schemaPointer },
      { document: head.spec.document, node: headMedia.schema ?? true, pointer: headMedia.schemaPointer },
    );
    for (const change of changes)
      drafts.push(
        judgeBodyChange(v, change, { base: baseMedia, head: headMedia }, { base: before, head: after }),
      );
  }
  return drafts;
}

function compareResponses(v: Versions): Draft[] {
  const { base, head } = v;
  const drafts: Draft[] = [];
  const headKeys = head.operation.responses.map((r) => r.key);
  for (const after of head.operation.responses) {
    const before = base.operation.responses.find((r) => r.key === after.key);
    if (before) {
      drafts.push(...compareResponse(v, before, after));
      continue;
    }
    const answer = answerSeeds(head, after, preferredMedia(after.content), 1)[0];
    const text = `new ${after.key} answer`;
    const at = { side: "response" as const, spec: "head" as const, pointer: after.pointer };
    if (!answer) {
      const reason = "the new spec allows none of the answers made from its examples and schema";
      drafts.push(unwitnessed(at, text, reason));
      continue;
    }
    const baseVerdict = base.checkAnswer(answer);
    if (!baseVerdict.ok) {
      drafts.push(
        draft({
          ...at,
          severity: "breaking",
          witness: answerWitness(answer, baseVerdict, head.checkAnswer(answer)),
          text: `${text}: ${FOR_WHOM.responseBreaking}.`,
        }),
      );
    } else {
      const covering = matchResponse(base.operation.responses, answer.status)?.key ?? "?";
      drafts.push(
        draft({
          ...at,
          severity: "non-breaking",
          witness: null,
          text: `${text}: now documented on its own; the old spec's ${covering} answer already allowed it.`,
        }),
      );
    }
  }
  for (const before of base.operation.responses) {
    if (headKeys.includes(before.key)) continue;
    const covering = matchResponse(head.operation.responses, statusOf(before.key, headKeys));
    if (covering) {
      drafts.push(...compareResponse(v, before, covering));
      continue;
    }
    const reason =
      "no answer the new spec allows is one the old spec forbids, and no request changed, so there is no witness; " +
      "but a client that handles this answer loses its documented form (the known consumers' pacts show whether one relies on it)";
    drafts.push(
      unwitnessed(
        { side: "response", spec: "base", pointer: before.pointer },
        `${before.key} answer removed from the spec`,
        reason,
      ),
    );
  }
  return drafts;
}

/** Merges response findings of one shared schema met through several answers into one. */
function merge(drafts: readonly Draft[]): Finding[] {
  const byKey = new Map<string, Draft[]>();
  for (const d of drafts) byKey.set(d.key, [...(byKey.get(d.key) ?? []), d]);
  const order: Severity[] = ["breaking", "non-breaking", "info"];
  const merged: Finding[] = [];
  for (const group of byKey.values()) {
    // The most severe judgement wins: a change breaking through one answer breaks.
    const best = [...group].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity))[0] as Draft;
    const where = [...new Set(group.flatMap((d) => d.where))];
    const prefix = where.length ? `${where.join(", ")} answer${where.length > 1 ? "s" : ""} ` : "";
    const { key: _key, where: _where, text, ...finding } = best;
    merged.push({ ...finding, message: `${prefix}${text}` });
  }
  return merged.sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
}

/**
 * Compares two versions of the Open Session operation. Findings come breaking first; every
 * breaking one carries its witness.
 *
 * @example
 * const findings = compareSpecs(new SpecOracle("base", base), new SpecOracle("head", head));
 */
export function compareSpecs(base: SpecOracle, head: SpecOracle): Finding[] {
  const v = { base, head };
  return merge([
    ...compareOperation(v),
    ...compareSecurity(v),
    ...compareParameters(v),
    ...compareRequestBody(v),
    ...compareResponses(v),
  ]);
}
