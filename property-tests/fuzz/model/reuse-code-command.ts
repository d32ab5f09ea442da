/**
 * Command: open again with a code that already opened a session. The doc does not say whether
 * opening a session consumes the code, and a provider may allow a few uses: each reuse is 200 with
 * a session or 400 `invalid_code`, and never anything else (no 5xx, no other error, a valid session).
 */
import type fc from "fast-check";
import type { BodyWithoutCode } from "../../arbitraries/open-session-body.js";
import { openRequest } from "../properties/requests.js";
import { assertLastRequest, pick, type SessionModel, type SessionSystem } from "./session-model.js";

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
    await system.context.open(system.trace, openRequest(code, this.rest, { code: "reused" }));
    assertLastRequest(system, this.toString());
  }

  toString(): string {
    return `reuse opened code #${this.index}`;
  }
}
