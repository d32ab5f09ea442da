/** A witness as text: the `curl` of a request, or the status, headers and JSON body of an answer. */
import type { Witness } from "./witness.js";

/** The printable form of a witness (a `curl`, or `HTTP 200` + headers + pretty JSON body). */
export function witnessText(witness: Witness): string {
  if (witness.kind === "request") return witness.curl;
  const { answer } = witness;
  const headers = Object.entries(answer.headers).map(([name, value]) => `${name}: ${value}`);
  const body = answer.body === undefined ? [] : ["", JSON.stringify(answer.body, null, 2)];
  return [`HTTP ${answer.status}`, ...headers, ...body].join("\n");
}

/** Who accepts and who refuses, and why, in one line. */
export function witnessVerdicts(witness: Witness): string {
  const side = (label: string, v: Witness["base"]) =>
    `${label} ${v.verdict}${v.because?.length ? ` (${v.because.join("; ")})` : ""}`;
  return `${side("old spec:", witness.base)}; ${side("new spec:", witness.head)}`;
}
