/** Command: a payer shares a code (provider state "a context code has been shared by the payer"). */
import type fc from "fast-check";
import type { SessionModel, SessionSystem } from "./session-model.js";

/** Shares a code. */
export class ShareCodeCommand implements fc.AsyncCommand<SessionModel, SessionSystem> {
  check(model: Readonly<SessionModel>): boolean {
    return model.fresh.length < 4;
  }

  async run(model: SessionModel, system: SessionSystem): Promise<void> {
    model.fresh.push(await system.context.sharedCode(system.trace));
  }

  toString(): string {
    return "share a code";
  }
}
