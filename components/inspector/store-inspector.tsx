"use client";

import { useId, useState } from "react";
import { DraftInput, NameInput, parseNumber } from "@/components/draft-input";
import { Why } from "@/components/analysis/why";
import dynamic from "next/dynamic";
import { useStudio, useStudioStore } from "@/components/studio/studio-context";
import {
  CONFLICT_RESOLUTIONS,
  LEADER_MODES,
  READ_REPAIR_MODES,
  READ_MODES_BY_REPLICATION,
  REPLICATION_MODES,
  SHARDING_STRATEGIES,
  STORE_PURPOSES,
  type Design,
  type ReadRepair,
  type Store,
} from "@/lib/design/schema";
import {
  addLearner,
  addMemberNode,
  deleteStore,
  removeLearner,
  setLeader,
  toggleReplica,
  updateStore,
  type StorePatch,
} from "@/lib/design/store-commands";
import { quorumLabel, quorumSize } from "@/lib/design/quorum";
import { PACELC_ELSE_MEANING, PACELC_PARTITION_MEANING } from "@/lib/client/format";
import { majority } from "@/lib/analysis/math";
import { IdField } from "./id-field";
import { QuorumSelect, quorumOptionLabel } from "./quorum-select";

/** The advisor and the sweep (with the chart code) load when a store is first inspected. */
const PlacementAdvisor = dynamic(() => import("@/components/advisor/placement-advisor").then((m) => m.PlacementAdvisor), { ssr: false });
const WhatIfDialog = dynamic(() => import("@/components/advisor/what-if-dialog").then((m) => m.WhatIfDialog), { ssr: false });

const REPLICATION_HELP: Record<Store["replication"], string> = {
  consensus: "A replicated log (Raft, Multi-Paxos, ZAB): majority writes, linearizable.",
  leaderless: "Dynamo-style: any R replicas read, any W write; tune R and W.",
  "primary-sync": "A primary waits for W replicas (itself included) before acknowledging.",
  "primary-async": "A primary acknowledges alone and ships its log later: fast, can lose writes.",
  "multi-leader": "Every region takes writes and replicates to the others; needs conflict resolution.",
  crdt: "Replicas merge by construction (counters, sets, registers); always available.",
};

const READ_REPAIR_HELP: Record<ReadRepair, string> = {
  blocking: "A read writes the value it returns back to a write quorum before answering — what linearizable reads need (the default).",
  async: "Stale replicas are fixed in the background: a read can return a write still in flight and the next read the older value (eventual).",
  none: "Replicas converge only through anti-entropy: reads are eventual.",
};

/** What a per-region quorum means for a read (R) or a write (W). */
const REGIONAL_CONSEQUENCE: Record<"readQuorum" | "writeQuorum", Record<"local-quorum" | "each-quorum", string>> = {
  readQuorum: {
    "local-quorum": "Fast; it meets only writes acknowledged in the same region.",
    "each-quorum": "Meets every write quorum, but waits for the farthest region and stops when one is lost.",
  },
  writeQuorum: {
    "local-quorum": "Fast, and keeps working when another region is lost; reads elsewhere may not see it yet.",
    "each-quorum": "Every LOCAL_QUORUM read meets it, but it waits for the farthest region and stops when one is lost.",
  },
};


/** A labelled control whose help text is its description (read after its name, not inside it). */
function HelpField({ label, help, children }: { label: string; help: React.ReactNode; children: (ids: { id: string; "aria-describedby": string }) => React.ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-describedby": `${id}-help` })}
      <small id={`${id}-help`}>{help}</small>
    </div>
  );
}

/** A duration in ms (≥ 0, at most 10 minutes); empty removes it and the default applies. */
function MsField({ label, value, placeholder, help, onCommit }: { label: string; value: number | undefined; placeholder: string; help: React.ReactNode; onCommit: (v: number | null) => void }) {
  const valid = (v: number) => v >= 0 && v <= 600_000;
  return (
    <HelpField label={label} help={help}>
      {(ids) => (
        <DraftInput
          {...ids}
          type="number"
          min={0}
          max={600000}
          step="any"
          inputMode="decimal"
          placeholder={placeholder}
          value={value === undefined ? "" : String(value)}
          invalid={(raw) => {
            const v = parseNumber(raw);
            return v === undefined || (v !== null && !valid(v));
          }}
          onCommit={(raw) => {
            const v = parseNumber(raw);
            if (v === null || (v !== undefined && valid(v))) onCommit(v);
          }}
        />
      )}
    </HelpField>
  );
}

/**
 * What a per-region spec takes from this store's replicas, with region names: "2 of 3 replicas in
 * the callers' region (us-east-1 or eu-west-1)", "2 of 3 in us-east-1 + 2 of 3 in eu-west-1 = 4".
 */
function regionalBreakdown(design: Design, store: Store, spec: "local-quorum" | "each-quorum"): string {
  const regionOf = new Map((design.nodes ?? []).map((n) => [n.id, n.region]));
  const counts = new Map<string, number>();
  for (const r of store.replicas) counts.set(regionOf.get(r) ?? "", (counts.get(regionOf.get(r) ?? "") ?? 0) + 1);
  const name = (id: string) => design.regions?.find((r) => r.id === id)?.name ?? id;
  const groups = [...counts];
  if (spec === "each-quorum") return `${groups.map(([g, c]) => `${majority(c)} of ${c} in ${name(g)}`).join(" + ")} = ${quorumSize(design, store, "each-quorum")} replicas`;
  const sizes = new Set(groups.map(([, c]) => c));
  const where = groups.map(([g]) => name(g)).join(" or ");
  if (sizes.size === 1) return `${majority(groups[0][1])} of ${groups[0][1]} replicas in the callers' region (${where})`;
  return `a majority of the callers' region: ${groups.map(([g, c]) => `${majority(c)} of ${c} in ${name(g)}`).join(", ")}`;
}

export function StoreInspector({ id }: { id: string }) {
  const design = useStudio((s) => s.design);
  const analysis = useStudio((s) => s.analysis);
  const studio = useStudioStore();
  const uid = useId();
  const [whatIf, setWhatIf] = useState(false);
  const store = design.stores?.find((s) => s.id === id);
  if (!store) return null;
  const n = store.replicas.length;
  const edit = (patch: StorePatch, coalesce?: string) => studio.getState().edit((d) => updateStore(d, id, patch), coalesce ? { coalesce: `${id}:${coalesce}` } : undefined);
  const result = analysis?.stores.find((s) => s.id === id);
  const modes = READ_MODES_BY_REPLICATION[store.replication];
  const hasLeader = LEADER_MODES.includes(store.replication);
  const leader = store.leader ?? store.replicas[0];
  const leaderless = store.replication === "leaderless";
  const consensus = store.replication === "consensus";
  const primary = store.replication === "primary-sync" || store.replication === "primary-async";
  const sharding = store.sharding ?? { strategy: "none" as const };
  const nodeName = (nodeId: string) => design.nodes?.find((x) => x.id === nodeId)?.name ?? nodeId;
  const regionName = (regionId: string | undefined) => design.regions?.find((r) => r.id === regionId)?.name ?? regionId ?? "";
  const learners = consensus ? (store.learners ?? []) : [];
  /** A whole-number sharding field (≥ 1; empty removes it). */
  const countField = (label: string, key: "shards" | "vnodes") => (
    <label className="field">
      <span>{label}</span>
      <DraftInput
        type="number"
        min={1}
        value={sharding[key] === undefined ? "" : String(sharding[key])}
        onCommit={(raw) => {
          const v = parseNumber(raw);
          if (v === null || (v !== undefined && Number.isInteger(v) && v >= 1)) edit({ sharding: { ...sharding, [key]: v ?? undefined } }, key);
        }}
      />
    </label>
  );
  /** A quorum field of this store: one control, its help below (what a per-region choice takes here). */
  const quorumField = (label: string, key: "readQuorum" | "writeQuorum", fallback: number, help: string) => {
    const value = store[key];
    return (
      <HelpField label={label} help={typeof value === "string" ? `${quorumLabel(value)}: ${regionalBreakdown(design, store, value)}. ${REGIONAL_CONSEQUENCE[key][value]}` : help}>
        {(ids) => <QuorumSelect {...ids} value={value} n={n} allowRegional={leaderless} fallbackLabel={`default: ${quorumOptionLabel(fallback, n)}`} onChange={(v) => edit({ [key]: v })} />}
      </HelpField>
    );
  };

  return (
    <section aria-label="Store" className="store-inspector">
      <h2>Store</h2>
      <label className="field">
        <span>Name</span>
        <NameInput value={store.name} onCommit={(name) => edit({ name }, "name")} />
      </label>
      <IdField kind="store" id={store.id} />
      <label className="field">
        <span>Purpose</span>
        <select value={store.purpose ?? "data"} onChange={(e) => edit({ purpose: e.target.value as Store["purpose"] })}>
          {STORE_PURPOSES.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <HelpField label="Replication" help={REPLICATION_HELP[store.replication]}>
        {(ids) => (
          <select {...ids} value={store.replication} onChange={(e) => edit({ replication: e.target.value as Store["replication"] })}>
            {REPLICATION_MODES.map((m) => (
              <option key={m} value={m} title={REPLICATION_HELP[m]}>
                {m}
              </option>
            ))}
          </select>
        )}
      </HelpField>
      {consensus && (
        <label className="field">
          <span>Protocol</span>
          <select value={store.protocol ?? ""} onChange={(e) => edit({ protocol: e.target.value || null })}>
            <option value="">(not chosen)</option>
            {["raft", "multi-paxos", "zab", "epaxos"].map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
      )}

      <div className="field">
        <span>{consensus ? `Voting replicas (${n})` : `Replicas (${n})`}</span>
        <ul className="replica-list" aria-label={consensus ? "Voting replicas" : "Replicas"}>
          {store.replicas.map((r) => {
            const node = design.nodes?.find((x) => x.id === r);
            const name = node?.name ?? r;
            return (
              <li key={r}>
                {hasLeader && (
                  <button
                    type="button"
                    className={`leader-btn ${r === leader ? "is-leader" : ""}`}
                    aria-pressed={r === leader}
                    aria-label={r === leader ? `${name} is the leader` : `Make ${name} the leader`}
                    onClick={() => studio.getState().edit((d) => setLeader(d, id, r))}
                    title={r === leader ? "Leader" : "Make leader"}
                  >
                    ♛
                  </button>
                )}
                <span>
                  {name} <span className="muted">({regionName(node?.region)})</span>
                </span>
                <button type="button" className="icon-btn danger" aria-label={`Remove ${name} from the store`} disabled={n === 1} onClick={() => studio.getState().edit((d) => toggleReplica(d, id, r))}>
                  ✕
                </button>
              </li>
            );
          })}
        </ul>
        <AddMember design={design} store={store} role="replica" />
      </div>

      {consensus && (
        <div className="field learners">
          <span>Learners — non-voting ({learners.length})</span>
          {learners.length > 0 && (
            <ul className="replica-list" aria-label="Learners">
              {learners.map((l) => {
                const node = design.nodes?.find((x) => x.id === l);
                return (
                  <li key={l}>
                    <span className="learner-tag" aria-hidden="true">
                      L
                    </span>
                    <span>
                      {node?.name ?? l} <span className="muted">({regionName(node?.region)})</span>
                    </span>
                    <button type="button" className="icon-btn danger" aria-label={`Remove learner ${node?.name ?? l}`} onClick={() => studio.getState().edit((d) => removeLearner(d, id, l))}>
                      ✕
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          <AddMember design={design} store={store} role="learner" describedBy={`${uid}-learners-help`} />
          <small id={`${uid}-learners-help`}>They receive the log but do not vote: follower reads near them, without slowing writes or counting in the majority (CockroachDB non-voting replicas, etcd learners).</small>
        </div>
      )}

      {leaderless && (
        <fieldset className="quorums">
          <legend>Quorums</legend>
          {quorumField("Read quorum (R)", "readQuorum", majority(n), "How many replicas a read waits for.")}
          {quorumField("Write quorum (W)", "writeQuorum", majority(n), "How many replicas acknowledge a write before it succeeds.")}
          <HelpField label="Read repair" help={READ_REPAIR_HELP[store.readRepair ?? "blocking"]}>
            {(ids) => (
              <select {...ids} value={store.readRepair ?? "blocking"} onChange={(e) => edit({ readRepair: e.target.value === "blocking" ? null : (e.target.value as ReadRepair) })}>
                {READ_REPAIR_MODES.map((m) => (
                  <option key={m} value={m}>
                    {m === "blocking" ? "blocking (default)" : m}
                  </option>
                ))}
              </select>
            )}
          </HelpField>
          <label className="check">
            <input type="checkbox" aria-describedby={`${uid}-sloppy-help`} checked={store.sloppyQuorum ?? false} onChange={(e) => edit({ sloppyQuorum: e.target.checked || null })} /> Sloppy quorums (hinted handoff)
          </label>
          <small className="check-help" id={`${uid}-sloppy-help`}>
            Other nodes accept writes for replicas that are down and hand them over later: always available, but only eventual (Dynamo, Riak).
          </small>
        </fieldset>
      )}
      {store.replication === "primary-sync" && quorumField("Write quorum (W)", "writeQuorum", n, "Replicas (the primary included) that hold a write before it is acknowledged.")}
      {modes.length > 0 && (
        <label className="field">
          <span>Read mode</span>
          <select value={store.readMode ?? ""} onChange={(e) => edit({ readMode: (e.target.value || null) as Store["readMode"] | null })}>
            <option value="">default ({modes[0]})</option>
            {modes.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
      )}
      {(consensus || primary) && (
        <fieldset className="timing">
          <legend>Staleness and failover</legend>
          <MsField
            label="Max staleness (ms)"
            value={store.maxStalenessMs}
            placeholder="no bound"
            help={
              <>
                How far behind a follower read may be. Set: follower reads are <b>bounded-staleness</b>; empty: consistent-prefix.
              </>
            }
            onCommit={(v) => edit({ maxStalenessMs: v }, "maxStalenessMs")}
          />
          {consensus && (
            <MsField
              label="Election timeout (ms)"
              value={store.electionTimeoutMs}
              placeholder="1000"
              help="How long writes and quorum reads stop when the leader dies, until a new one is elected (default 1000, etcd's)."
              onCommit={(v) => edit({ electionTimeoutMs: v }, "electionTimeoutMs")}
            />
          )}
          {primary && (
            <MsField
              label="Failover time (ms)"
              value={store.failoverMs}
              placeholder="30000"
              help="How long writes and leader reads stop when the primary dies, until a replica is promoted (default 30000)."
              onCommit={(v) => edit({ failoverMs: v }, "failoverMs")}
            />
          )}
        </fieldset>
      )}
      <label className="check">
        <input type="checkbox" checked={store.sessionGuarantees ?? false} onChange={(e) => edit({ sessionGuarantees: e.target.checked || null })} /> Session guarantees (sticky sessions / tokens)
      </label>
      <label className="check">
        <input type="checkbox" checked={store.fencing ?? false} onChange={(e) => edit({ fencing: e.target.checked || null })} /> Fencing tokens on leadership / lock grants
      </label>
      <label className="field">
        <span>Conflict resolution</span>
        <select value={store.conflictResolution ?? "none"} onChange={(e) => edit({ conflictResolution: e.target.value === "none" ? null : (e.target.value as Store["conflictResolution"]) })}>
          {CONFLICT_RESOLUTIONS.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>

      <fieldset className="sharding">
        <legend>Sharding</legend>
        <label className="field">
          <span>Strategy</span>
          <select value={sharding.strategy} onChange={(e) => edit({ sharding: e.target.value === "none" && !sharding.shards ? null : { ...sharding, strategy: e.target.value as typeof sharding.strategy } })}>
            {SHARDING_STRATEGIES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        {sharding.strategy !== "none" && (
          <>
            {countField("Shards", "shards")}
            <label className="field">
              <span>Partition key</span>
              <DraftInput type="text" maxLength={200} value={sharding.partitionKey ?? ""} onCommit={(raw) => edit({ sharding: { ...sharding, partitionKey: raw.trim() || undefined } }, "partitionKey")} />
            </label>
            {/* Virtual nodes only mean something on a hash ring (kept visible when a file sets them elsewhere). */}
            {(sharding.strategy === "consistent-hash" || sharding.vnodes !== undefined) && countField("Virtual nodes per node", "vnodes")}
          </>
        )}
      </fieldset>

      <PlacementAdvisor key={id} storeId={id} />
      <button type="button" className="btn small what-if-open" onClick={() => setWhatIf(true)}>
        What if… (every {leaderless ? "n, R and W" : consensus ? "n and read mode" : "configuration"})
      </button>
      {whatIf && <WhatIfDialog storeId={id} onClose={() => setWhatIf(false)} />}

      {result && <h2 className="figures-heading">Analysis</h2>}
      {result && (
        <dl className="store-figures" aria-label="Store figures">
          <dt>{result.replication === "consensus" ? "voting replicas" : "replicas"}</dt>
          <dd>
            {result.n}, majority {result.majority} <Why explain={result.explain.majority} />
          </dd>
          {result.replication === "consensus" && (
            <>
              <dt>learners</dt>
              <dd>
                {result.learners.length ? result.learners.map(nodeName).join(", ") : "none"} <Why explain={result.explain.n} />
              </dd>
            </>
          )}
          <dt>read quorum R</dt>
          <dd>
            {quorumLabel(result.readQuorum)} <Why explain={result.explain.readQuorum} />
          </dd>
          <dt>write quorum W</dt>
          <dd>
            {quorumLabel(result.writeQuorum)} <Why explain={result.explain.writeQuorum} />
          </dd>
          <dt>tolerates</dt>
          <dd>
            {result.toleratedWriteFailures} write, {result.toleratedReadFailures} read failure{result.toleratedReadFailures === 1 ? "" : "s"} <Why explain={result.explain.toleratedReadFailures} />
          </dd>
          <dt title="PACELC: if Partitioned, Availability or Consistency">if partitioned</dt>
          <dd data-testid="pacelc-partition">
            {result.pacelcPartition === null ? (
              "– (no operations)"
            ) : (
              <>
                <b>{result.pacelcPartition}</b> <span className="muted">{PACELC_PARTITION_MEANING[result.pacelcPartition]}</span>
              </>
            )}{" "}
            <Why explain={result.explain.pacelc} />
          </dd>
          <dt title="PACELC: Else (no partition), Latency or Consistency">else (normal)</dt>
          <dd data-testid="pacelc-else">
            {result.pacelcElse === null ? (
              "– (no operations)"
            ) : (
              <>
                <b>{result.pacelcElse}</b> <span className="muted">{PACELC_ELSE_MEANING[result.pacelcElse]}</span>
              </>
            )}{" "}
            <Why explain={result.explain.pacelc} />
          </dd>
        </dl>
      )}
      <hr />
      <button type="button" className="btn danger" onClick={() => studio.getState().edit((d) => deleteStore(d, id), { focus: null })}>
        Delete store{(design.operations ?? []).some((o) => o.store === id) ? " and its operations" : ""}
      </button>
    </section>
  );
}

/**
 * "+ Add a replica…" / "+ Add a learner…": an existing node that is not yet in the store, or a new
 * node created in a chosen region (one undo step either way).
 */
function AddMember({ design, store, role, describedBy }: { design: Design; store: Store; role: "replica" | "learner"; describedBy?: string }) {
  const studio = useStudioStore();
  const taken = new Set([...store.replicas, ...(role === "learner" ? (store.learners ?? []) : [])]);
  const candidates = (design.nodes ?? []).filter((n) => !taken.has(n.id));
  const regions = design.regions ?? [];
  const regionName = (id: string) => regions.find((r) => r.id === id)?.name ?? id;
  if (candidates.length === 0 && regions.length === 0) return null;
  const label = role === "learner" ? "Add a learner" : "Add a replica";
  return (
    <select
      className="add-member"
      aria-label={label}
      aria-describedby={describedBy}
      value=""
      onChange={(e) => {
        const value = e.target.value;
        if (!value) return;
        if (value.startsWith("new:")) studio.getState().edit((d) => addMemberNode(d, store.id, { region: value.slice(4), role }).design);
        else if (role === "learner") studio.getState().edit((d) => addLearner(d, store.id, value));
        else studio.getState().edit((d) => toggleReplica(d, store.id, value));
      }}
    >
      <option value="">+ {label}…</option>
      {candidates.length > 0 && (
        <optgroup label="Existing node">
          {candidates.map((n) => (
            <option key={n.id} value={n.id}>
              {n.name} ({regionName(n.region)})
            </option>
          ))}
        </optgroup>
      )}
      {regions.length > 0 && (
        <optgroup label="New node in">
          {regions.map((r) => (
            <option key={r.id} value={`new:${r.id}`}>
              New node in {r.name}
            </option>
          ))}
        </optgroup>
      )}
    </select>
  );
}
