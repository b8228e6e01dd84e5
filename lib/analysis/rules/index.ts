import { asyncDataLoss } from "./async-data-loss";
import { availabilitySlo } from "./availability-slo";
import { conflictResolutionMissing } from "./conflict-resolution-missing";
import { consistencyUnsatisfied } from "./consistency-unsatisfied";
import { evenConsensusSize } from "./even-consensus-size";
import { latencySlo } from "./latency-slo";
import { lockWithoutFencing } from "./lock-without-fencing";
import { missingLatency } from "./missing-latency";
import { quorumLinearizability } from "./quorum-linearizability";
import { redlockCorrectness } from "./redlock-correctness";
import { replicationLag } from "./replication-lag";
import type { Rule } from "./rule";
import { singleRegionStore } from "./single-region-store";

/** Every rule, in the order findings are listed (then by severity in the UI). */
export const RULES: readonly Rule[] = [
  consistencyUnsatisfied,
  lockWithoutFencing,
  conflictResolutionMissing,
  latencySlo,
  availabilitySlo,
  quorumLinearizability,
  asyncDataLoss,
  evenConsensusSize,
  singleRegionStore,
  redlockCorrectness,
  replicationLag,
  missingLatency,
];
