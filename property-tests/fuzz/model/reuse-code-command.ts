/**
 * Command: open again with a code that already opened a session. The first reuse of a sequence
 * tells whether the provider allows reuse (200) or not (400 `invalid_code`); every later reuse
 * must give the same answer.
 */
import type fc from "fast-check";
import { ERROR_CODES } from "../../../src/rules/index.js";
import type { BodyWithoutCode } from "../../arbitraries/open-session-body.js";
import type { Expectation } from "../expectation.js";
import { INVALID_CODE, OPENED, openRequest } from "../properties/requests.js";
import { assertLastRequest, pick, type SessionModel, type SessionSystem } from "./session-model.js";

const EITHER: Expectation = {
  accept: [{ status: 200 }, { status: 400, errorCode: ERROR_CODES.invalidCode }],
};

/** Reuses an opened code. */
export class ReuseCodeCommand implements fc.AsyncCommand<SessionModel, SessionSystem> {
  constructor(
    readonly index: number,
    readonly rest: BodyWithoutCode,
  ) {}

  check(model: Readonly<SessionModel>): boolean {
    return model.opened.length > 0;
  }

  async run(model: SessionModel, system: SessionSystem): Promise<void> {
    const code = pick(model.opened, this.index);
    const expect = model.reuse === "unknown" ? EITHER : model.reuse === "allowed" ? OPENED : INVALID_CODE;
    const step = await system.context.open(system.trace, openRequest(code, this.rest, expect));
    assertLastRequest(system, `${this.toString()} (reuse ${model.reuse})`);
    if (model.reuse === "unknown") model.reuse = step.answer.status === 200 ? "allowed" : "refused";
  }

  toString(): string {
    return `reuse opened code #${this.index}`;
  }
}
