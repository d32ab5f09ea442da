/**
 * Command: a shared code expires. A remote provider's clock cannot be moved, so the code comes
 * from the provider state "the context code has expired".
 */
import type fc from "fast-check";
import type { SessionModel, SessionSystem } from "./session-model.js";

/** Gets an expired code. */
export class ExpireCodeCommand implements fc.AsyncCommand<SessionModel, SessionSystem> {
  check(model: Readonly<SessionModel>): boolean {
    return model.expired.length < 3;
  }

  async run(model: SessionModel, system: SessionSystem): Promise<void> {
    model.expired.push(await system.context.expiredCode(system.trace));
  }

  toString(): string {
    return "let a code expire";
  }
}
