/** Provided consistency and staleness (analysis-model.md, "Consistency levels", "Per store", "Per operation"). */
import { CONSISTENCY_LEVELS, type ConsistencyLevel } from "../design/schema";
import { binomialRatio, fmt } from "./math";
import type { Model, ResolvedOperation, ResolvedStore } from "./model";
import { ackedOn, describeSpec, intersects, type PlacedSpec } from "./quorum";
import type { Explanation } from "./types";

/** 0 = strongest (linearizable) … 5 = weakest (eventual). */
export function rank(level: ConsistencyLevel): number {
  return CONSISTENCY_LEVELS.indexOf(level);
}

/** True when `provided` is at least as strong as `required`. */
export function atLeastAsStrong(provided: ConsistencyLevel, required: ConsistencyLevel): boolean {
  return rank(provided) <= rank(required);
}

/** A write the reads of a store must meet: its spec, local region and where it comes from. */
export interface PlacedWrite extends PlacedSpec {
  /** Operation id, or null for the store's writeQuorum (a store without write operations). */
  op: string | null;
  name: string;
}

const storeWrites = new WeakMap<Model, Map<string, PlacedWrite[]>>();
const storeReads = new WeakMap<Model, Map<string, ResolvedOperation[]>>();

/** The read operations of each store, indexed once per model. */
function readsOf(model: Model, s: ResolvedStore): ResolvedOperation[] {
  let byStore = storeReads.get(model);
  if (!byStore) {
    byStore = new Map();
    for (const o of model.operations) {
      if (o.op.type !== "read") continue;
      const list = byStore.get(o.store.id);
      if (list) list.push(o);
      else byStore.set(o.store.id, [o]);
    }
    storeReads.set(model, byStore);
  }
  return byStore.get(s.id) ?? [];
}

/**
 * The write specs every read of the store must intersect: each write operation with its own
 * quorum and local region (operations whose local region is unknown count in no other figure);
 * a store without write operations uses its writeQuorum with the local region of its first replica.
 */
export function writesOf(model: Model, s: ResolvedStore): PlacedWrite[] {
  let byStore = storeWrites.get(model);
  if (!byStore) storeWrites.set(model, (byStore = new Map()));
  let list = byStore.get(s.id);
  if (!list) {
    const ops = model.writesOf.get(s.id) ?? [];
    list = ops.length
      ? ops.filter((w) => w.known && w.spec !== null).map((w) => ({ spec: w.spec!, local: w.localRegion, op: w.op.id, name: w.op.name }))
      : [{ spec: s.writeQuorum, local: s.firstRegion, op: null, name: "the store's write quorum" }];
    byStore.set(s.id, list);
  }
  return list;
}

/** The writes a read does not intersect, as written (sloppy quorums aside). */
export function missedWrites(model: Model, s: ResolvedStore, read: PlacedSpec): PlacedWrite[] {
  return writesOf(model, s).filter((w) => !intersects(s, read, w));
}

/**
 * A strong read that can miss what a read in local region `local` wrote back (the store's write
 * quorum, ABD): then a later read can return an older value than an earlier one.
 */
function blindTo(model: Model, s: ResolvedStore, local: string | null): ResolvedOperation | undefined {
  const writeBack: PlacedSpec = { spec: s.writeQuorum, local };
  return readsOf(model, s).find((o) => {
    if (!o.known) return false;
    const other: PlacedSpec = { spec: o.spec!, local: o.localRegion };
    return !intersects(s, writeBack, other) && missedWrites(model, s, other).length === 0;
  });
}

/**
 * The read that can miss what blocking read repair writes back for `rop` (the store's write
 * quorum, ABD), as the provided level finds it: for a read, a read blind to its own write-back;
 * for a write, one blind to the write-back of any strong read. Undefined when there is none.
 */
export function writeBackMissedBy(model: Model, rop: ResolvedOperation): ResolvedOperation | undefined {
  const s = rop.store;
  if (s.replication !== "leaderless" || s.readRepair !== "blocking" || !rop.known) return undefined;
  if (rop.op.type === "read") return blindTo(model, s, rop.localRegion);
  for (const reader of readsOf(model, s)) {
    if (!reader.known || missedWrites(model, s, { spec: reader.spec!, local: reader.localRegion }).length > 0) continue;
    const blind = blindTo(model, s, reader.localRegion);
    if (blind) return blind;
  }
  return undefined;
}

/** strongRead: not sloppy, and the read's spec intersects the write spec of every write operation. */
export function strongRead(model: Model, s: ResolvedStore, read: PlacedSpec): boolean {
  return !s.sloppy && missedWrites(model, s, read).length === 0;
}

/** The store's default read: its readQuorum, with the local region of its first replica. */
export function defaultRead(s: ResolvedStore): PlacedSpec {
  return { spec: s.readQuorum, local: s.firstRegion };
}

/** strongReads of a store ("Per store"). */
export function storeStrongReads(model: Model, s: ResolvedStore): boolean {
  if (s.replication === "leaderless") return strongRead(model, s, defaultRead(s));
  if (s.replication === "consensus") return s.readMode !== "follower";
  if (s.replication === "primary-sync" || s.replication === "primary-async") return s.readMode === "leader";
  return false;
}

interface Provided {
  value: ConsistencyLevel;
  why: string;
  source: string;
}

function baseProvided(model: Model, rop: ResolvedOperation): Provided {
  const s = rop.store;
  const type = rop.op.type;
  const follower = type === "read" && rop.readMode === "follower";
  switch (s.replication) {
    case "consensus":
    case "primary-sync":
    case "primary-async": {
      if (!follower) {
        const what = type === "write" ? "write" : `${rop.readMode} read`;
        return { value: "linearizable", why: `${s.replication} ${what} → linearizable`, source: s.replication === "consensus" ? "Raft/Paxos: committed by a majority in one order" : "one primary orders every write" };
      }
      const bound = s.store.maxStalenessMs;
      return bound !== undefined
        ? { value: "bounded-staleness", why: `follower read with a max staleness of ${fmt(bound)} ms → bounded-staleness`, source: "CockroachDB bounded-staleness follower reads; Cosmos DB's bounded staleness" }
        : { value: "consistent-prefix", why: "follower read → consistent-prefix (a replica applies the log in order but may lag)", source: "Cosmos DB consistency levels" };
    }
    case "leaderless": {
      if (s.store.purpose === "lock") {
        return { value: "eventual", why: "a lock on independent leaderless nodes (Redlock) → eventual, whatever the quorums", source: "Kleppmann 2016, “How to do distributed locking”: no linearizable lock without consensus" };
      }
      if (s.sloppy) return { value: "eventual", why: "sloppy quorums: hinted handoff lets writes land outside the replica set → eventual", source: "DeCandia et al. 2007 (Dynamo); Abadi 2012 rates Dynamo PA/EL" };
      const placed: PlacedSpec = { spec: rop.spec!, local: rop.localRegion };
      const blocking = s.readRepair === "blocking";
      if (type === "read") {
        const missed = missedWrites(model, s, placed);
        if (missed.length) {
          return { value: "eventual", why: `R = ${describeSpec(placed)} does not intersect W = ${describeSpec(missed[0])} of ${missed[0].name} (quorums overlap only when R + W > n) → eventual`, source: "Bailis et al. 2012 (PBS); Kleppmann, DDIA ch. 5" };
        }
        if (!blocking) return { value: "eventual", why: `quorums intersect, but read repair is “${s.readRepair}”: a read can return a write still in flight and the next read the older value → eventual`, source: "Attiya, Bar-Noy, Dolev (ABD): reads must write back before answering" };
        const writeBack: PlacedSpec = { spec: s.writeQuorum, local: rop.localRegion };
        const blind = blindTo(model, s, rop.localRegion);
        if (blind) {
          return { value: "eventual", why: `its read repair writes back to W = ${describeSpec(writeBack)} (the store's write quorum), which ${blind.op.name} (R = ${describeSpec({ spec: blind.spec!, local: blind.localRegion })}) can miss: a later read may return an older value → eventual`, source: "Attiya, Bar-Noy, Dolev (ABD) 1995: the write-back quorum must meet every read quorum" };
        }
        return { value: "linearizable", why: `R = ${describeSpec(placed)} meets every write quorum and blocking read repair writes the value back before answering → linearizable`, source: "Attiya, Bar-Noy, Dolev (ABD) 1995" };
      }
      if (!storeStrongReads(model, s)) return { value: "eventual", why: "the store's reads do not meet every write quorum → eventual", source: "Kleppmann, DDIA ch. 5" };
      if (!blocking) return { value: "eventual", why: `read repair is “${s.readRepair}”, not blocking → eventual`, source: "Attiya, Bar-Noy, Dolev (ABD)" };
      const disjoint = writesOf(model, s).find((w) => !intersects(s, placed, w)) ?? (intersects(s, placed, placed) ? undefined : { ...placed, name: "itself" });
      if (disjoint) {
        return { value: "eventual", why: `W = ${describeSpec(placed)} does not meet W = ${describeSpec(disjoint)} of ${disjoint.name}: two sides of a partition can both accept writes → eventual`, source: "Kleppmann, DDIA ch. 5 (W + W > n)" };
      }
      // Reads that can invert (one returns the write, a later one an older value) make the write's
      // history non-linearizable too: the same ABD write-back condition as for reads.
      for (const reader of readsOf(model, s).filter((o) => o.known && missedWrites(model, s, { spec: o.spec!, local: o.localRegion }).length === 0).map((o) => ({ local: o.localRegion }))) {
        const blind = blindTo(model, s, reader.local);
        if (blind) {
          return { value: "eventual", why: `the store's read repair writes back to W = ${describeSpec({ spec: s.writeQuorum, local: reader.local })}, which ${blind.op.name} can miss: once one read returns this write a later read may return the older value → eventual`, source: "Attiya, Bar-Noy, Dolev (ABD) 1995: the write-back quorum must meet every read quorum" };
        }
      }
      return { value: "linearizable", why: "strict quorums that meet every write and every read, with blocking read repair → linearizable", source: "Attiya, Bar-Noy, Dolev (ABD) 1995" };
    }
    default:
      return { value: "eventual", why: `${s.replication}: any replica accepts writes → eventual`, source: "Kleppmann, DDIA ch. 5" };
  }
}

export function providedConsistency(model: Model, rop: ResolvedOperation): { value: ConsistencyLevel | null; explain: Explanation } {
  const section = "Consistency levels";
  const formula = "provided level by replication mode (sessionGuarantees raise levels below session to session)";
  if (!rop.known) {
    return { value: null, explain: { formula, inputs: {}, text: "provided consistency = unknown: its local region is unknown (no round-trip time from the callers to any replica)", section } };
  }
  const base = baseProvided(model, rop);
  const s = rop.store;
  const session = s.store.sessionGuarantees === true && rank(base.value) > rank("session");
  const value: ConsistencyLevel = session ? "session" : base.value;
  const why = session ? `${base.why}; session guarantees raise it to session` : base.why;
  return {
    value,
    explain: {
      formula,
      inputs: { replication: s.replication, type: rop.op.type, readMode: rop.readMode, readRepair: s.readRepair, sloppyQuorum: s.sloppy, sessionGuarantees: s.store.sessionGuarantees ?? false },
      text: `provided consistency = ${value} (${why}); required ${rop.required}: ${atLeastAsStrong(value, rop.required) ? "satisfied" : "NOT satisfied"}. Source: ${base.source}`,
      section,
    },
  };
}

/** PBS closed form (Bailis et al. 2012, k = 1): C(n−W, R)/C(n, R) when R + W ≤ n, else 0. */
export function staleProbability(n: number, r: number, w: number): number {
  return r + w > n ? 0 : binomialRatio(n - w, n, r);
}

/**
 * staleReadProbability of a leaderless read: 0 when it meets every write; the closed form with
 * the weakest missed numeric write; null when a spec involved is local-/each-quorum.
 */
export function leaderlessStale(model: Model, s: ResolvedStore, read: PlacedSpec, subject: string): { value: number | null; explain: Explanation } {
  const section = "Per store: staleReadProbability";
  const formula = "C(n−W, R)/C(n, R) with W the weakest write the read does not meet; 0 when it meets every write";
  const missed = missedWrites(model, s, read);
  const src = "Bailis et al., “Probabilistically Bounded Staleness”, VLDB 2012 (k = 1)";
  if (missed.length === 0) {
    return { value: 0, explain: { formula, inputs: { n: s.n, R: describeSpec(read) }, text: `${subject} = 0: R = ${describeSpec(read)} meets every write quorum (${writesOf(model, s).map((w) => `${w.name}: W = ${describeSpec(w)}`).join("; ")}). Source: ${src}`, section } };
  }
  const nonNumeric = typeof read.spec !== "number" || missed.some((w) => typeof w.spec !== "number");
  if (nonNumeric) {
    return { value: null, explain: { formula, inputs: { n: s.n, R: describeSpec(read) }, text: `${subject} = unknown: R = ${describeSpec(read)} misses ${missed.map((w) => `${w.name} (W = ${describeSpec(w)})`).join(", ")}, and the closed form assumes quorums of replicas chosen uniformly at random, which LOCAL_QUORUM / EACH_QUORUM are not`, section } };
  }
  const weakest = missed.reduce((a, b) => ((b.spec as number) < (a.spec as number) ? b : a));
  const r = read.spec as number;
  const w = weakest.spec as number;
  const value = staleProbability(s.n, r, w);
  return {
    value,
    explain: {
      formula,
      inputs: { n: s.n, R: r, W: w, weakestWrite: weakest.name },
      text: `${subject} = C(n−W, R)/C(n, R) = C(${s.n - w},${r})/C(${s.n},${r}) = ${fmt(value)} (W = ${w} of ${weakest.name}, the weakest write it misses); within k versions: 1 − p^k (k = 2: ${fmt(1 - value * value)}). Source: ${src}`,
      section,
    },
  };
}

/** The weakest write a read misses: acknowledged on the fewest replicas, ties in document order (PBS t-visibility). */
export function weakestMissed(model: Model, s: ResolvedStore, read: PlacedSpec | null): PlacedWrite | null {
  const all = writesOf(model, s);
  const missed = read === null ? all : missedWrites(model, s, read);
  const pool = missed.length ? missed : all;
  let best: PlacedWrite | null = null;
  let bestAcks = Infinity;
  for (const w of pool) {
    const acks = ackedOn(s, w);
    if (acks !== null && acks < bestAcks) {
      best = w;
      bestAcks = acks;
    }
  }
  return best;
}
