/** A stage's context for tests that run a stage directly: a target and a silent (or recording) reporter. */
import { DOC_POLICY } from "../src/rules/verdict-policy.js";
import type { Reporter, StageContext, Target } from "../src/stages/stage.js";
import { redact } from "../src/util/redact.js";

/** A reporter that keeps what a stage says, redacted, in `lines`. */
export interface RecordingReporter extends Reporter {
  readonly lines: string[];
}

/** Creates a reporter that records every line (progress and logs included), redacted. */
export function recordingReporter(): RecordingReporter {
  const lines: string[] = [];
  const secrets: string[] = [];
  const clean = (text: string): string => redact(text, secrets);
  return {
    lines,
    line: (text = "") => void lines.push(clean(text)),
    progress: (text) => void lines.push(clean(text)),
    log: (text) => void lines.push(clean(text)),
    interactive: false,
    addSecret: (secret) => {
      if (secret) secrets.push(secret);
    },
    redact: clean,
  };
}

/**
 * A stage context against `target`, writing reports to `reportsDir`.
 *
 * @example
 * const result = await smokeStage.run(stageSettings(smokeStage), stageContext(target, dir));
 */
export function stageContext(
  target: Target,
  reportsDir: string,
  extra: Partial<Omit<StageContext, "target" | "reportsDir">> = {},
): StageContext {
  return {
    target,
    reportsDir,
    reporter: recordingReporter(),
    debug: false,
    policy: DOC_POLICY,
    signal: new AbortController().signal,
    ...extra,
  };
}
