/** What both load engines (closed and open model) are given. */
import type { Recorder } from "./recorder.js";
import type { Scenario } from "./scenario.js";
import type { SelfCheck } from "./self-check.js";

/** Options shared by the closed and the open model. */
export interface EngineOptions {
  /** Full URL of Open Session, e.g. `http://127.0.0.1:8080/api/v1/vouchers/sessions/session-open`. */
  readonly url: string;
  readonly scenario: Scenario;
  readonly recorder: Recorder;
  readonly selfCheck: SelfCheck;
  /** `performance.now()` the schedule starts from. */
  readonly startAt: number;
  /** Total run time (warmup included), ms. */
  readonly durationMs: number;
  /** A request without an answer after this long is a timeout, ms. */
  readonly timeoutMs: number;
  /** Connections (closed: each loops; open: most open at once). */
  readonly connections: number;
  /** Stops the run early (answers so far are kept). */
  readonly signal?: AbortSignal;
}
