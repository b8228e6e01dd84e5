/** fast-check generators of valid designs, for property tests of the engine. */
import fc from "fast-check";
import type { Design, DesignNode, Operation, Store } from "../design/schema";
import { CONSISTENCY_LEVELS, FORMAT, REPLICATION_MODES } from "../design/schema";

const prob = fc.double({ min: 0.5, max: 1, noNaN: true });

export const designArbitrary: fc.Arbitrary<Design> = fc
  .record({
    regionCount: fc.integer({ min: 1, max: 4 }),
    nodeCount: fc.integer({ min: 1, max: 9 }),
    seed: fc.array(fc.nat(1000), { minLength: 40, maxLength: 40 }),
    nodeAvail: fc.array(prob, { minLength: 9, maxLength: 9 }),
    regionAvail: fc.array(prob, { minLength: 4, maxLength: 4 }),
    rtts: fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 6, maxLength: 6 }),
    withLinks: fc.boolean(),
    stores: fc.array(
      fc.record({
        replication: fc.constantFrom(...REPLICATION_MODES),
        size: fc.integer({ min: 1, max: 9 }),
        r: fc.integer({ min: 1, max: 9 }),
        w: fc.integer({ min: 1, max: 9 }),
        readMode: fc.integer({ min: 0, max: 2 }),
        session: fc.boolean(),
        fencing: fc.boolean(),
        /** 0..n: a number; -1: local-quorum; -2: each-quorum. */
        rSpec: fc.integer({ min: -2, max: 9 }),
        wSpec: fc.integer({ min: -2, max: 9 }),
        readRepair: fc.constantFrom("blocking" as const, "async" as const, "none" as const, undefined),
        sloppy: fc.boolean(),
        lock: fc.boolean(),
        learners: fc.integer({ min: 0, max: 2 }),
        maxStaleness: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    ops: fc.array(
      fc.record({ store: fc.nat(10), type: fc.constantFrom("read" as const, "write" as const), level: fc.constantFrom(...CONSISTENCY_LEVELS), region: fc.nat(10), quorum: fc.option(fc.integer({ min: -2, max: 9 }), { nil: undefined }), slo: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }) }),
      { maxLength: 6 },
    ),
    survivalGoal: fc.constantFrom("none" as const, "zone" as const, "region" as const, undefined),
    jitter: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
  })
  .map(({ regionCount, nodeCount, seed, nodeAvail, regionAvail, rtts, withLinks, stores, ops, survivalGoal, jitter }) => {
    const regions = Array.from({ length: regionCount }, (_, i) => ({ id: `r${i}`, name: `R${i}`, zones: ["a", "b"], availability: regionAvail[i] }));
    const nodes: DesignNode[] = Array.from({ length: nodeCount }, (_, i) => ({
      id: `n${i}`,
      name: `N${i}`,
      kind: "database",
      region: `r${seed[i] % regionCount}`,
      zone: seed[i + 10] % 3 === 2 ? undefined : ["a", "b"][seed[i + 10] % 2],
      availability: nodeAvail[i],
    }));
    for (const n of nodes) if (n.zone === undefined) delete n.zone;
    const links: { a: string; b: string; rttMs: number }[] = [];
    let k = 0;
    for (let a = 0; a < regionCount; a++) for (let b = a + 1; b < regionCount; b++) if (withLinks || (a + b) % 2 === 0) links.push({ a: `r${a}`, b: `r${b}`, rttMs: rtts[k++ % rtts.length] });
    const builtStores: Store[] = stores.map((s, i) => {
      const n = Math.min(s.size, nodeCount);
      const start = seed[20 + i] % nodeCount;
      const replicas = Array.from({ length: n }, (_, j) => `n${(start + j) % nodeCount}`);
      const store: Store = { id: `s${i}`, name: `S${i}`, replication: s.replication, replicas, fencing: s.fencing, sessionGuarantees: s.session };
      const spec = (v: number) => (v === -1 ? ("local-quorum" as const) : v === -2 ? ("each-quorum" as const) : Math.max(1, Math.min(v, n)));
      if (s.replication === "leaderless") {
        store.readQuorum = s.rSpec === 0 ? Math.min(s.r, n) : spec(s.rSpec);
        store.writeQuorum = s.wSpec === 0 ? Math.min(s.w, n) : spec(s.wSpec);
        store.conflictResolution = "lww";
        if (s.readRepair) store.readRepair = s.readRepair;
        if (s.sloppy) store.sloppyQuorum = true;
        if (s.lock) store.purpose = "lock";
      }
      if (s.replication === "consensus") {
        const learners = Array.from({ length: nodeCount }, (_, j) => `n${j}`).filter((id) => !replicas.includes(id)).slice(0, s.learners);
        if (learners.length) store.learners = learners;
        if (s.lock) store.purpose = "coordination";
      }
      if (s.maxStaleness !== undefined && (s.replication === "consensus" || s.replication.startsWith("primary"))) store.maxStalenessMs = s.maxStaleness;
      if (s.replication === "primary-sync") store.writeQuorum = Math.min(s.w, n);
      if (s.replication === "consensus") store.readMode = (["quorum", "lease", "follower"] as const)[s.readMode];
      if (s.replication === "primary-sync" || s.replication === "primary-async") store.readMode = s.readMode === 2 ? "follower" : "leader";
      if (s.replication === "consensus" || s.replication.startsWith("primary")) store.leader = replicas[seed[30 + i] % n];
      return store;
    });
    const operations: Operation[] = ops.map((o, i) => {
      const store = builtStores[o.store % builtStores.length];
      const op: Operation = { id: `o${i}`, name: `O${i}`, store: store.id, type: o.type, consistency: o.level, clientRegion: `r${o.region % regionCount}` };
      const hasQuorum = store.replication === "leaderless" || (store.replication === "primary-sync" && o.type === "write");
      if (hasQuorum && o.quorum !== undefined) {
        const regional = o.quorum < 0 && store.replication === "leaderless";
        op.quorum = regional ? (o.quorum === -1 ? "local-quorum" : "each-quorum") : Math.max(1, Math.min(Math.abs(o.quorum) || 1, store.replicas.length));
      }
      if (o.slo !== undefined) op.latencySloMs = o.slo;
      return op;
    });
    return {
      format: FORMAT,
      name: "prop",
      ...(survivalGoal ? { context: { survivalGoal } } : {}),
      ...(jitter !== undefined ? { defaults: { jitterMs: jitter } } : {}),
      regions,
      links,
      nodes,
      stores: builtStores,
      operations,
    } satisfies Design;
  });
