/** Command: open with a well-formed code no payer shared; the model says 400 `invalid_code`. */
import type fc from "fast-check";
import type { BodyWithoutCode } from "../../arbitraries/open-session-body.js";
import { literalCode } from "../body-text.js";
import { openRequest } from "../properties/requests.js";
import { assertLastRequest, type SessionModel, type SessionSystem } from "./session-model.js";

/** Opens with an unshared code. */
export class OpenUnsharedCodeCommand implements fc.AsyncCommand<SessionModel, SessionSystem> {
  constructor(
    readonly code: string,
    readonly rest: BodyWithoutCode,
  ) {}

  check(): boolean {
    return true;
  }

  async run(_model: SessionModel, system: SessionSystem): Promise<void> {
    if (system.context.sharedCodes.has(this.code)) return;
    await system.context.open(
      system.trace,
      openRequest(literalCode(this.code), this.rest, { code: "unshared" }),
    );
    assertLastRequest(system, this.toString());
  }

  toString(): string {
    return `open with unshared code ${this.code}`;
  }
}
