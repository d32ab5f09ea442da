/**
 * The stateful, model-based property: random sequences of share, open, expire, reuse and
 * bad-token commands, each answer compared with a model of the doc's rules. Sequences are
 * independent (each shares its own codes), so the runner sends several at once; shrinking removes
 * commands until the shortest sequence that still departs from the model is left.
 */
import fc from "fast-check";
import { badAuthorization } from "../../arbitraries/authorization.js";
import { bodyWithoutCode } from "../../arbitraries/open-session-body.js";
import { validCode } from "../../arbitraries/valid-code.js";
import type { FuzzProperty } from "../fuzz-property.js";
import { BadTokenCommand } from "../model/bad-token-command.js";
import { ExpireCodeCommand } from "../model/expire-code-command.js";
import { OpenExpiredCodeCommand } from "../model/open-expired-code-command.js";
import { OpenSharedCodeCommand } from "../model/open-shared-code-command.js";
import { OpenUnsharedCodeCommand } from "../model/open-unshared-code-command.js";
import { ReuseCodeCommand } from "../model/reuse-code-command.js";
import { emptyModel, ModelMismatch, type SessionModel, type SessionSystem } from "../model/session-model.js";
import { ShareCodeCommand } from "../model/share-code-command.js";
import { propertyRule } from "./catalog.js";

type Commands = Iterable<fc.AsyncCommand<SessionModel, SessionSystem>>;

/** The model-based property. */
export const modelProperty: FuzzProperty<Commands> = {
  ...propertyRule("model"),
  needsStates: true,
  cases: (runs) => Math.max(1, Math.ceil(runs / 5)),
  arbitrary: ({ token }) => {
    const index = fc.nat({ max: 7 });
    return fc.commands(
      [
        fc.constant(new ShareCodeCommand()),
        fc.tuple(index, bodyWithoutCode()).map(([i, rest]) => new OpenSharedCodeCommand(i, rest)),
        fc.tuple(index, bodyWithoutCode()).map(([i, rest]) => new ReuseCodeCommand(i, rest)),
        fc.constant(new ExpireCodeCommand()),
        fc.tuple(index, bodyWithoutCode()).map(([i, rest]) => new OpenExpiredCodeCommand(i, rest)),
        fc
          .tuple(badAuthorization(token), index, bodyWithoutCode())
          .map(([recipe, i, rest]) => new BadTokenCommand(recipe, i, rest)),
        fc
          .tuple(validCode(), bodyWithoutCode())
          .map(([code, rest]) => new OpenUnsharedCodeCommand(code, rest)),
      ],
      { maxCommands: 14 },
    );
  },
  async run(commands, context, trace) {
    try {
      await fc.asyncModelRun(() => ({ model: emptyModel(), real: { context, trace } }), commands);
      return { problems: [] };
    } catch (error) {
      if (error instanceof ModelMismatch) return { problems: [error.message], rules: error.rules };
      throw error;
    }
  },
};
