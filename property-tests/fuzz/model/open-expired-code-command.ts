/** Command: open with an expired code; the model says 400 `invalid_code`. */
import type fc from "fast-check";
import type { BodyWithoutCode } from "../../arbitraries/open-session-body.js";
import { openRequest } from "../properties/requests.js";
import { assertLastRequest, pick, type SessionModel, type SessionSystem } from "./session-model.js";

/** Opens with an expired code. */
export class OpenExpiredCodeCommand implements fc.AsyncCommand<SessionModel, SessionSystem> {
  constructor(
    readonly index: number,
    readonly rest: BodyWithoutCode,
  ) {}

  check(model: Readonly<SessionModel>): boolean {
    return model.expired.length > 0;
  }

  async run(model: SessionModel, system: SessionSystem): Promise<void> {
    await system.context.open(
      system.trace,
      openRequest(pick(model.expired, this.index), this.rest, { code: "expired" }),
    );
    assertLastRequest(system, this.toString());
  }

  toString(): string {
    return `open with expired code #${this.index}`;
  }
}
