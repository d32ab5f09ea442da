/**
 * Every `bleepay-qa` command. Stages are listed once here, in the order `all` runs them; each is
 * also a command of its own.
 */
import { contractsStage } from "../../../contracts/contracts-stage.js";
import { verifyStage } from "../../../contracts/verify-stage.js";
import { capacityStage } from "../../../load/capacity/capacity-stage.js";
import { loadStage } from "../../../load/load-stage.js";
import { fuzzStage } from "../../../property-tests/fuzz/fuzz-stage.js";
import { smokeStage } from "../../stages/smoke/smoke-stage.js";
import type { Stage } from "../../stages/stage.js";
import type { CommandDefinition } from "../command.js";
import { stageCommand } from "../stage-command.js";
import { allCommand } from "./all.js";
import { diffCommand } from "./diff.js";
import { loadCommand } from "./load.js";
import { rulesCommand } from "./rules.js";
import { serveCommand } from "./serve.js";

/** The stages, in the order `bleepay-qa all` runs them (those with `inAll: false` only with `--with`). */
export const STAGES: readonly Stage[] = [
  smokeStage,
  contractsStage,
  verifyStage,
  fuzzStage,
  loadStage,
  capacityStage,
];

/** Every command, as `bleepay-qa --help` lists them. */
export const COMMANDS: readonly CommandDefinition[] = [
  allCommand(STAGES),
  // `load` has a subcommand (`load merge`) and an export mode: its own wrapper of the stage.
  ...STAGES.map((stage) => (stage === loadStage ? loadCommand : stageCommand(stage))),
  diffCommand,
  rulesCommand,
  serveCommand,
];
