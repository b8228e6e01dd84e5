/** Provided consistency and staleness (analysis-model.md, "Consistency levels", "Per store"). */
import { CONSISTENCY_LEVELS, type ConsistencyLevel } from "../design/schema";
import { binomialRatio, fmt } from "./math";
import type { ResolvedOperation } from "./model";
import type { Explanation } from "./types";

/** 0 = strongest (linearizable) … 5 = weakest (eventual). */
export function rank(level: ConsistencyLevel): number {
  return CONSISTENCY_LEVELS.indexOf(level);
}

/** True when `provided` is at least as strong as `required`. */
export function atLeastAsStrong(provided: ConsistencyLevel, required: ConsistencyLevel): boolean {
  return rank(provided) <= rank(required);
}

/** R and W for an operation's staleness: a read uses its own R and the store's W; a write the reverse. */
export function quorumsOf(rop: ResolvedOperation): { r: number; w: number; n: number } {
  const s = rop.store;
  return rop.op.type === "read" ? { r: rop.q, w: s.writeQuorum, n: s.n } : { r: s.readQuorum, w: rop.q, n: s.n };
}

/** The level the store gives this operation, before session guarantees. */
export function baseProvided(rop: ResolvedOperation): ConsistencyLevel {
  const s = rop.store;
  switch (s.replication) {
    case "consensus":
    case "primary-sync":
    case "primary-async":
      return rop.op.type === "read" && rop.readMode === "follower" ? "consistent-prefix" : "linearizable";
    case "leaderless": {
      const { r, w, n } = quorumsOf(rop);
      return r + w > n ? "linearizable" : "eventual";
    }
    default:
      return "eventual";
  }
}

export function providedConsistency(rop: ResolvedOperation): { value: ConsistencyLevel; explain: Explanation } {
  const base = baseProvided(rop);
  const s = rop.store;
  const session = s.store.sessionGuarantees === true && rank(base) > rank("session");
  const value: ConsistencyLevel = session ? "session" : base;
  let why: string;
  switch (s.replication) {
    case "consensus":
      why = rop.op.type === "read" && rop.readMode === "follower" ? "consensus follower read → consistent-prefix" : `consensus ${rop.op.type === "write" ? "write" : `${rop.readMode} read`} → linearizable`;
      break;
    case "leaderless": {
      const { r, w, n } = quorumsOf(rop);
      why = `leaderless: R + W ${r + w > n ? ">" : "≤"} n (${r} + ${w} ${r + w > n ? ">" : "≤"} ${n}) → ${base}`;
      break;
    }
    case "primary-sync":
    case "primary-async":
      why = rop.op.type === "read" && rop.readMode === "follower" ? `${s.replication} follower read → consistent-prefix` : `${s.replication} ${rop.op.type === "write" ? "write" : "leader read"} → linearizable`;
      break;
    default:
      why = `${s.replication} → eventual`;
  }
  if (session) why += "; sessionGuarantees raise it to session";
  return {
    value,
    explain: {
      formula: "provided level by replication mode (sessionGuarantees raise levels below session to session)",
      inputs: { replication: s.replication, type: rop.op.type, readMode: rop.readMode, sessionGuarantees: s.store.sessionGuarantees ?? false },
      text: `providedConsistency = ${value} (${why}); required ${rop.required}: ${atLeastAsStrong(value, rop.required) ? "satisfied" : "NOT satisfied"}`,
      section: "Consistency levels",
    },
  };
}

/** PBS closed form (Bailis et al. 2012, k = 1): C(n−W, R)/C(n, R) when R + W ≤ n, else 0. */
export function staleProbability(n: number, r: number, w: number): number {
  return r + w > n ? 0 : binomialRatio(n - w, n, r);
}

export function explainStale(n: number, r: number, w: number, value: number, subject: string): Explanation {
  return {
    formula: "C(n−W, R)/C(n, R) when R + W ≤ n, else 0",
    inputs: { n, R: r, W: w },
    text:
      r + w > n
        ? `${subject} = 0 because R + W > n (${r} + ${w} > ${n}): every read quorum meets the last write quorum`
        : `${subject} = C(n−W, R)/C(n, R) = C(${n - w},${r})/C(${n},${r}) = ${fmt(value)}; within k versions: 1 − p^k (k = 2: ${fmt(1 - value * value)})`,
    section: "Per store: staleReadProbability",
  };
}
