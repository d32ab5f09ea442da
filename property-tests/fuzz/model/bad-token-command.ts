/**
 * Command: try a code with a bad token; the model says 401 and nothing changes: a fresh code stays
 * fresh (a provider that burns a code on a rejected request fails the next open).
 */
import type fc from "fast-check";
import type { BadAuthorization } from "../../arbitraries/authorization.js";
import type { BodyWithoutCode } from "../../arbitraries/open-session-body.js";
import { literalCode } from "../body-text.js";
import { badToken, openRequest } from "../properties/requests.js";
import { assertLastRequest, pick, type SessionModel, type SessionSystem } from "./session-model.js";

/** Sends a bad token with a fresh code (or a made-up one when none is fresh). */
export class BadTokenCommand implements fc.AsyncCommand<SessionModel, SessionSystem> {
  constructor(
    readonly recipe: BadAuthorization,
    readonly index: number,
    readonly rest: BodyWithoutCode,
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: SessionModel, system: SessionSystem): Promise<void> {
    const fresh = model.fresh.length > 0;
    const code = fresh ? pick(model.fresh, this.index) : literalCode("A1B2C3");
    await system.context.open(
      system.trace,
      openRequest(
        code,
        this.rest,
        { code: fresh ? "shared" : "unshared", auth: this.recipe.kind === "missing" ? "missing" : "invalid" },
        badToken(this.recipe),
      ),
    );
    assertLastRequest(system, this.toString());
  }

  toString(): string {
    return `bad token ${JSON.stringify(this.recipe)} with fresh code #${this.index}`;
  }
}
