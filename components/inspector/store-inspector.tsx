"use client";

import { DraftInput, parseNumber } from "@/components/draft-input";
import { Why } from "@/components/analysis/why";
import { useStudio, useStudioStore } from "@/components/studio/studio-context";
import {
  CONFLICT_RESOLUTIONS,
  LEADER_MODES,
  READ_MODES_BY_REPLICATION,
  REPLICATION_MODES,
  SHARDING_STRATEGIES,
  STORE_PURPOSES,
  type Design,
  type Store,
} from "@/lib/design/schema";
import { deleteStore, setLeader, toggleReplica, updateStore, type StorePatch } from "@/lib/design/store-commands";
import { majority } from "@/lib/analysis/math";

const REPLICATION_HELP: Record<Store["replication"], string> = {
  consensus: "A replicated log (Raft, Multi-Paxos, ZAB): majority writes, linearizable.",
  leaderless: "Dynamo-style: any R replicas read, any W write; tune R and W.",
  "primary-sync": "A primary waits for W replicas (itself included) before acknowledging.",
  "primary-async": "A primary acknowledges alone and ships its log later: fast, can lose writes.",
  "multi-leader": "Every region takes writes and replicates to the others; needs conflict resolution.",
  crdt: "Replicas merge by construction (counters, sets, registers); always available.",
};

/** A stepper bounded to 1..n, with "default" as the empty state. */
function QuorumStepper({ label, value, n, fallback, onChange }: { label: string; value: number | undefined; n: number; fallback: number; onChange: (v: number | null) => void }) {
  const shown = value ?? fallback;
  return (
    <div className="field">
      <span>{label}</span>
      <div className="stepper" role="group" aria-label={label}>
        <button type="button" className="btn small" aria-label={`Decrease ${label}`} disabled={shown <= 1} onClick={() => onChange(shown - 1)}>
          −
        </button>
        <output aria-live="polite">{shown}</output>
        <button type="button" className="btn small" aria-label={`Increase ${label}`} disabled={shown >= n} onClick={() => onChange(shown + 1)}>
          +
        </button>
        <span className="muted">of {n}</span>
        {value !== undefined && (
          <button type="button" className="btn small" onClick={() => onChange(null)} title="Back to the default">
            default ({fallback})
          </button>
        )}
      </div>
    </div>
  );
}

export function StoreInspector({ id }: { id: string }) {
  const design = useStudio((s) => s.design);
  const analysis = useStudio((s) => s.analysis);
  const studio = useStudioStore();
  const store = design.stores?.find((s) => s.id === id);
  if (!store) return null;
  const n = store.replicas.length;
  const edit = (patch: StorePatch, coalesce?: string) => studio.getState().edit((d) => updateStore(d, id, patch), coalesce ? { coalesce: `${id}:${coalesce}` } : undefined);
  const result = analysis?.stores.find((s) => s.id === id);
  const modes = READ_MODES_BY_REPLICATION[store.replication];
  const hasLeader = LEADER_MODES.includes(store.replication);
  const leader = store.leader ?? store.replicas[0];
  const sharding = store.sharding ?? { strategy: "none" as const };
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

  return (
    <section aria-label="Store" className="store-inspector">
      <h2>Store</h2>
      <div className="id-line">id: {store.id}</div>
      <label className="field">
        <span>Name</span>
        <DraftInput type="text" value={store.name} maxLength={200} invalid={(v) => !v.trim()} onCommit={(v) => v.trim() && edit({ name: v }, "name")} />
      </label>
      <label className="field">
        <span>Purpose</span>
        <select value={store.purpose ?? "data"} onChange={(e) => edit({ purpose: e.target.value as Store["purpose"] })}>
          {STORE_PURPOSES.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Replication</span>
        <select value={store.replication} onChange={(e) => edit({ replication: e.target.value as Store["replication"] })} title={REPLICATION_HELP[store.replication]}>
          {REPLICATION_MODES.map((m) => (
            <option key={m} value={m} title={REPLICATION_HELP[m]}>
              {m}
            </option>
          ))}
        </select>
        <small>{REPLICATION_HELP[store.replication]}</small>
      </label>
      {store.replication === "consensus" && (
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
        <span>Replicas ({n})</span>
        <ul className="replica-list">
          {store.replicas.map((r) => {
            const node = design.nodes?.find((x) => x.id === r);
            return (
              <li key={r}>
                {hasLeader && (
                  <button
                    type="button"
                    className={`leader-btn ${r === leader ? "is-leader" : ""}`}
                    aria-pressed={r === leader}
                    aria-label={r === leader ? `${node?.name ?? r} is the leader` : `Make ${node?.name ?? r} the leader`}
                    onClick={() => studio.getState().edit((d) => setLeader(d, id, r))}
                    title={r === leader ? "Leader" : "Make leader"}
                  >
                    ♛
                  </button>
                )}
                <span>
                  {node?.name ?? r} <span className="muted">({node?.region})</span>
                </span>
                <button type="button" className="icon-btn danger" aria-label={`Remove ${node?.name ?? r} from the store`} disabled={n === 1} onClick={() => studio.getState().edit((d) => toggleReplica(d, id, r))}>
                  ✕
                </button>
              </li>
            );
          })}
        </ul>
        <AddReplica design={design} store={store} />
      </div>

      {store.replication === "leaderless" && (
        <>
          <QuorumStepper label="Read quorum R" value={typeof store.readQuorum === "number" ? store.readQuorum : undefined} n={n} fallback={majority(n)} onChange={(v) => edit({ readQuorum: v })} />
          <QuorumStepper label="Write quorum W" value={typeof store.writeQuorum === "number" ? store.writeQuorum : undefined} n={n} fallback={majority(n)} onChange={(v) => edit({ writeQuorum: v })} />
        </>
      )}
      {store.replication === "primary-sync" && <QuorumStepper label="Write quorum W" value={typeof store.writeQuorum === "number" ? store.writeQuorum : undefined} n={n} fallback={n} onChange={(v) => edit({ writeQuorum: v })} />}
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

      {result && (
        <dl className="store-figures" aria-label="Store figures">
          <dt>majority</dt>
          <dd>
            {result.majority} <Why explain={result.explain.majority} />
          </dd>
          <dt>R / W</dt>
          <dd>
            {result.readQuorum} / {result.writeQuorum} <Why explain={result.explain.readQuorum} />
          </dd>
          <dt>tolerates</dt>
          <dd>
            {result.toleratedWriteFailures} write, {result.toleratedReadFailures} read failures <Why explain={result.explain.toleratedReadFailures} />
          </dd>
          <dt>PACELC</dt>
          <dd>
            {result.pacelc ?? "–"} <Why explain={result.explain.pacelc} />
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

function AddReplica({ design, store }: { design: Design; store: Store }) {
  const studio = useStudioStore();
  const candidates = (design.nodes ?? []).filter((n) => !store.replicas.includes(n.id));
  if (candidates.length === 0) return null;
  return (
    <select
      aria-label="Add a replica"
      value=""
      onChange={(e) => {
        if (e.target.value) studio.getState().edit((d) => toggleReplica(d, store.id, e.target.value));
      }}
    >
      <option value="">+ Add a replica…</option>
      {candidates.map((n) => (
        <option key={n.id} value={n.id}>
          {n.name} ({n.region})
        </option>
      ))}
    </select>
  );
}
