"use client";

import "@/components/advisor/advisor.css";
import { useId } from "react";
import { DraftInput, NameInput, parseNumber, percentOf, probabilityOf } from "@/components/draft-input";
import { useStudio, useStudioStore } from "@/components/studio/studio-context";
import { renameDesign } from "@/lib/design/commands";
import { DATA_MODELS, SURVIVAL_GOALS, type Design, type DesignContext, type SurvivalGoal } from "@/lib/design/schema";
import { setLink, updateContext, updateDefaults, type ContextPatch } from "@/lib/design/store-commands";

const SURVIVAL_HELP: Record<SurvivalGoal, string> = {
  none: "No failure domain to survive: survival-goal-unmet is never raised.",
  zone: "Every operation must keep working when one whole zone is lost; one that would stop raises survival-goal-unmet.",
  region: "Every operation must keep working when one whole region is lost; one that would stop raises survival-goal-unmet.",
};

const LADDER_QUESTIONS: { key: keyof DesignContext; label: string }[] = [
  { key: "singleNodeSufficient", label: "Would a single node be enough?" },
  { key: "sharedState", label: "Do nodes share state?" },
  { key: "eventualOk", label: "Is eventual consistency acceptable everywhere?" },
  { key: "presenceOnly", label: "Is the shared state only presence / soft state?" },
];

/** With nothing selected: the design's system context, defaults and the region latency matrix. */
export function ContextPanel() {
  const design = useStudio((s) => s.design);
  const studio = useStudioStore();
  const uid = useId();
  const context = design.context ?? {};
  const edit = (patch: ContextPatch, coalesce?: string) => studio.getState().edit((d) => updateContext(d, patch), coalesce ? { coalesce: `context:${coalesce}` } : undefined);

  return (
    <section aria-label="System context" className="context-panel">
      <h2>Design</h2>
      <label className="field">
        <span>Design name</span>
        <NameInput value={design.name} onCommit={(name, gesture) => studio.getState().edit((d) => renameDesign(d, name), { gesture })} />
      </label>
      <label className="field">
        <span>Purpose</span>
        <textarea
          rows={3}
          maxLength={5000}
          value={context.purpose ?? ""}
          placeholder="What the system is for, in a sentence or two"
          onChange={(e) => edit({ purpose: e.target.value }, "purpose")}
        />
      </label>
      <div className="row2">
        <label className="field">
          <span>Data model</span>
          <select value={context.dataModel ?? ""} onChange={(e) => edit({ dataModel: (e.target.value || null) as DesignContext["dataModel"] | null })}>
            <option value="">(not set)</option>
            {DATA_MODELS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Partitions</span>
          <select value={context.partitionTolerance ?? ""} onChange={(e) => edit({ partitionTolerance: (e.target.value || null) as DesignContext["partitionTolerance"] | null })}>
            <option value="">(not set)</option>
            <option value="must-handle">must handle</option>
            <option value="single-datacenter">single datacenter</option>
          </select>
        </label>
      </div>
      <label className="field">
        <span>Availability target (%)</span>
        <DraftInput
          type="number"
          step="any"
          min={0}
          max={100}
          placeholder="e.g. 99.99"
          value={percentOf(context.availabilityTarget)}
          invalid={(raw) => raw !== "" && !(Number(raw) > 0 && Number(raw) <= 100)}
          onCommit={(raw) => {
            const v = parseNumber(raw);
            if (v === null || (v !== undefined && v > 0 && v <= 100)) edit({ availabilityTarget: v === null ? null : probabilityOf(v) }, "availabilityTarget");
          }}
        />
        <small>The SLO of operations that set none.</small>
      </label>
      <div className="field">
        <label htmlFor={`${uid}-survival`}>Survival goal</label>
        <select
          id={`${uid}-survival`}
          aria-describedby={`${uid}-survival-help`}
          value={context.survivalGoal ?? "zone"}
          title="CockroachDB's survival goals: the failure domain whose loss every operation must survive"
          onChange={(e) => edit({ survivalGoal: e.target.value === "zone" ? null : (e.target.value as SurvivalGoal) })}
        >
          {SURVIVAL_GOALS.map((g) => (
            <option key={g} value={g}>
              {g === "zone" ? "zone (default)" : g}
            </option>
          ))}
        </select>
        <small id={`${uid}-survival-help`}>{SURVIVAL_HELP[context.survivalGoal ?? "zone"]}</small>
      </div>

      <fieldset>
        <legend>Escalation ladder</legend>
        {LADDER_QUESTIONS.map(({ key, label }) => (
          <label key={key} className="field inline">
            <span>{label}</span>
            <select
              aria-label={label}
              value={context[key] === undefined ? "" : String(context[key])}
              onChange={(e) => edit({ [key]: e.target.value === "" ? null : e.target.value === "true" })}
            >
              <option value="">derive</option>
              <option value="true">yes</option>
              <option value="false">no</option>
            </select>
          </label>
        ))}
        <label className="field inline">
          <span>Cluster size</span>
          <DraftInput
            type="number"
            min={1}
            className="narrow"
            placeholder={String(design.nodes?.length ?? 0)}
            value={context.clusterSize === undefined ? "" : String(context.clusterSize)}
            onCommit={(raw) => {
              const v = parseNumber(raw);
              if (v === null || (v !== undefined && Number.isInteger(v) && v >= 1)) edit({ clusterSize: v }, "clusterSize");
            }}
          />
        </label>
      </fieldset>

      <fieldset>
        <legend>Defaults</legend>
        <label className="field inline">
          <span>RTT within a region (ms)</span>
          <DraftInput
            type="number"
            min={0}
            step="any"
            className="narrow"
            placeholder="1"
            value={design.defaults?.intraRegionRttMs === undefined ? "" : String(design.defaults.intraRegionRttMs)}
            onCommit={(raw) => {
              const v = parseNumber(raw);
              if (v === null || (v !== undefined && v >= 0)) studio.getState().edit((d) => updateDefaults(d, { intraRegionRttMs: v }), { coalesce: "defaults:rtt" });
            }}
          />
        </label>
        <label className="field inline">
          <span>Node availability (%)</span>
          <DraftInput
            type="number"
            min={0}
            max={100}
            step="any"
            className="narrow"
            placeholder="99.9"
            value={percentOf(design.defaults?.nodeAvailability)}
            onCommit={(raw) => {
              const v = parseNumber(raw);
              if (v === null || (v !== undefined && v >= 0 && v <= 100)) studio.getState().edit((d) => updateDefaults(d, { nodeAvailability: v === null ? null : probabilityOf(v) }), { coalesce: "defaults:avail" });
            }}
          />
        </label>
        <label className="field inline" title="Mean extra delay of each message (exponential) in the PBS t-visibility simulation of stale reads">
          <span>Network jitter (ms)</span>
          <DraftInput
            type="number"
            min={0}
            max={600000}
            step="any"
            className="narrow"
            placeholder="2"
            aria-describedby={`${uid}-jitter-help`}
            value={design.defaults?.jitterMs === undefined ? "" : String(design.defaults.jitterMs)}
            invalid={(raw) => raw !== "" && !(Number(raw) >= 0 && Number(raw) <= 600_000)}
            onCommit={(raw) => {
              const v = parseNumber(raw);
              if (v === null || (v !== undefined && v >= 0 && v <= 600_000)) studio.getState().edit((d) => updateDefaults(d, { jitterMs: v }), { coalesce: "defaults:jitter" });
            }}
          />
        </label>
        <small className="fieldset-help" id={`${uid}-jitter-help`}>Jitter: the mean extra delay per message when simulating how soon a read sees a write (t-visibility).</small>
      </fieldset>
      <LatencyMatrix design={design} />
    </section>
  );
}

/** Round-trip times between regions; a missing pair is highlighted. */
function LatencyMatrix({ design }: { design: Design }) {
  const studio = useStudioStore();
  const regions = design.regions ?? [];
  if (regions.length < 2) return <p className="muted">Add a second region to enter round-trip times between regions.</p>;
  const linkOf = (a: string, b: string) => design.links?.find((l) => (l.a === a && l.b === b) || (l.a === b && l.b === a));
  const rtt = (a: string, b: string) => linkOf(a, b)?.rttMs;
  const missing = regions.flatMap((a, i) => regions.slice(i + 1).filter((b) => rtt(a.id, b.id) === undefined).map((b) => `${a.name}–${b.name}`));
  return (
    <fieldset>
      <legend>Round-trip times (ms)</legend>
      {/* One row per pair of regions, names in full (a matrix in this narrow panel cut them off). */}
      <table className="rtt-pairs" aria-label="Round-trip times between regions">
        <tbody>
          {regions.flatMap((a, i) =>
            regions.slice(i + 1).map((b) => {
              const value = rtt(a.id, b.id);
              const estimated = linkOf(a.id, b.id)?.estimated === true;
              return (
                <tr key={`${a.id}:${b.id}`}>
                  <th scope="row">
                    {a.name} <span aria-hidden="true">↔</span>
                    <span className="sr-only"> and </span> {b.name}
                  </th>
                  <td className={value === undefined ? "missing" : undefined}>
                    <DraftInput
                      type="number"
                      min={0}
                      step="any"
                      aria-label={`RTT ${a.name} to ${b.name}`}
                      placeholder="?"
                      value={value === undefined ? "" : String(value)}
                      onCommit={(raw) => {
                        const v = parseNumber(raw);
                        if (v === null || (v !== undefined && v >= 0)) studio.getState().edit((d) => setLink(d, a.id, b.id, v), { coalesce: `rtt:${a.id}:${b.id}` });
                      }}
                    />{" "}
                    <span className="muted">ms</span>
                    {estimated && (
                      <span className="estimated-tag" title="Estimated from the distance between the two regions (light in fibre over a route about 1.4 times the straight line, plus 2 ms): type a measured value to replace it">
                        estimated
                      </span>
                    )}
                  </td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
      {design.links?.some((l) => l.estimated) && <small className="muted">“estimated”: from the distance between the cloud regions; typing a value replaces it with your measurement.</small>}
      <small className="muted">Within a region: {design.defaults?.intraRegionRttMs ?? 1} ms (above).</small>
      {missing.length > 0 && <small className="warn-text">Missing: {missing.join(", ")} — latency through these pairs is unknown.</small>}
    </fieldset>
  );
}
