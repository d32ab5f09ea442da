/** Command: open a session with a shared code that opened none yet; the model says 200. */
import type fc from "fast-check";
import type { BodyWithoutCode } from "../../arbitraries/open-session-body.js";
import { openRequest } from "../properties/requests.js";
import { assertLastRequest, pick, type SessionModel, type SessionSystem } from "./session-model.js";

/** Opens a session with a fresh shared code. */
export class OpenSharedCodeCommand implements fc.AsyncCommand<SessionModel, SessionSystem> {
  constructor(
    readonly index: number,
    readonly rest: BodyWithoutCode,
  ) {}

  check(model: Readonly<SessionModel>): boolean {
    return model.fresh.length > 0;
  }

  async run(model: SessionModel, system: SessionSystem): Promise<void> {
    const code = pick(model.fresh, this.index);
    await system.context.open(system.trace, openRequest(code, this.rest, { code: "shared" }));
    assertLastRequest(system, this.toString());
    model.fresh.splice(model.fresh.indexOf(code), 1);
    model.opened.push(code);
  }

  toString(): string {
    return `open with shared code #${this.index}`;
  }
}
