/** What the k6 and Artillery exports are written from: the same scenario `bleepay-qa load` runs. */

import type { ScenarioName, Weights } from "../engine/scenario.js";
import type { Slo } from "../report/slo.js";

/** A load scenario as the distributed engines need it. */
export interface ExportScenario {
  readonly scenario: ScenarioName;
  readonly weights: Weights;
  /** Requests per second (both exports use a constant arrival rate). */
  readonly rate: number;
  readonly durationS: number;
  /** Most connections (k6: VUs) in flight. */
  readonly maxConnections: number;
  readonly timeoutMs: number;
  readonly slos: readonly Slo[];
  /** File name (next to the script) holding the code pool, one code a line. */
  readonly codesFile: string;
}
