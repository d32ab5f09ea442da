/**
 * The model of the doc's rules the stateful test compares the provider with: which codes were
 * shared and not yet opened, which opened a session (a reuse may be taken or refused: the doc
 * leaves it open), and which expired. Each request's answer is judged by the answer oracle.
 */
import type { RuleId } from "../../../src/rules/index.js";
import type { CodeValue } from "../body-text.js";
import type { FuzzContext } from "../fuzz-context.js";
import type { Trace } from "../trace.js";

/** The model's state for one command sequence. */
export interface SessionModel {
  /** Shared, unexpired codes that opened no session yet. */
  readonly fresh: CodeValue[];
  /** Codes that opened a session (usable again only if the provider allows reuse). */
  readonly opened: CodeValue[];
  /** Codes that were shared and have expired. */
  readonly expired: CodeValue[];
}

/** The system under test, as the commands reach it. */
export interface SessionSystem {
  readonly context: FuzzContext;
  readonly trace: Trace;
}

/** Thrown by a command when the provider departs from the model. */
export class ModelMismatch extends Error {
  constructor(
    message: string,
    /** The problems of the failing request. */
    readonly problems: readonly string[],
    /** The rules they break. */
    readonly rules: readonly RuleId[] = [],
  ) {
    super(message);
    this.name = "ModelMismatch";
  }
}

/** A fresh, empty model. */
export function emptyModel(): SessionModel {
  return { fresh: [], opened: [], expired: [] };
}

/** Throws a {@link ModelMismatch} if the last request's answer failed under the run's policy. */
export function assertLastRequest(system: SessionSystem, command: string): void {
  const last = system.trace.steps.at(-1);
  if (last?.kind === "request" && last.problems.length > 0) {
    throw new ModelMismatch(
      `${command}: ${last.problems.join("; ")}`,
      last.problems,
      last.rules.map((r) => r.id),
    );
  }
}

/** Picks an element by a generated index. */
export function pick<T>(items: readonly T[], index: number): T {
  return items[index % items.length] as T;
}
