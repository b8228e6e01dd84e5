import { asyncDataLoss } from "./async-data-loss";
import { availabilitySlo } from "./availability-slo";
import { conflictResolutionMissing } from "./conflict-resolution-missing";
import { consistencyUnsatisfied } from "./consistency-unsatisfied";
import { evenConsensusSize } from "./even-consensus-size";
import { fencingUnsupported } from "./fencing-unsupported";
import { latencySlo } from "./latency-slo";
import { lockWithoutFencing } from "./lock-without-fencing";
import { missingLatency } from "./missing-latency";
import { quorumLinearizability } from "./quorum-linearizability";
import { readRepairNotBlocking } from "./read-repair-not-blocking";
import { redlockCorrectness } from "./redlock-correctness";
import { replicationLag } from "./replication-lag";
import type { Rule } from "./rule";
import { singleRegionStore } from "./single-region-store";
import { sloppyQuorum } from "./sloppy-quorum";
import { survivalGoalUnmet } from "./survival-goal-unmet";

/** Every rule, in the order findings are listed (then by severity in the UI). */
export const RULES: readonly Rule[] = [
  consistencyUnsatisfied,
  lockWithoutFencing,
  redlockCorrectness,
  fencingUnsupported,
  conflictResolutionMissing,
  survivalGoalUnmet,
  latencySlo,
  availabilitySlo,
  quorumLinearizability,
  readRepairNotBlocking,
  sloppyQuorum,
  asyncDataLoss,
  evenConsensusSize,
  singleRegionStore,
  replicationLag,
  missingLatency,
];
