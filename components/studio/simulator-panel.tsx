"use client";

import { useState } from "react";
import { deleteScenario, saveScenario } from "@/lib/design/commands";
import type { Design } from "@/lib/design/schema";
import { formatLatencyChange } from "@/lib/client/format";
import { useStudio, useStudioStore } from "./studio-context";

/** A selector must not return a new [] on every call (React would re-render forever). */
const NO_REGIONS: NonNullable<Design["regions"]> = [];
const NO_NODES: NonNullable<Design["nodes"]> = [];

/** Simulator mode's side panel: what is failed, how regions are split, and reset. */
export function SimulatorPanel() {
  const studio = useStudioStore();
  const scenario = useStudio((s) => s.scenario);
  const simulation = useStudio((s) => s.simulation);
  const regions = useStudio((s) => s.design.regions ?? NO_REGIONS);
  const sideOf = (id: string) => (scenario.split ?? []).findIndex((side) => side.includes(id));
  const nodes = useStudio((s) => s.design.nodes ?? NO_NODES);
  const regionName = (id: string) => regions.find((r) => r.id === id)?.name ?? id;
  const failed = [
    ...(scenario.failRegions ?? []).map((r) => `region ${regionName(r)}`),
    ...(scenario.failZones ?? []).map((key) => {
      const [r, zone] = key.split("/");
      return `zone ${zone} of ${regionName(r)}`;
    }),
    ...(scenario.failNodes ?? []).map((n) => `node ${nodes.find((x) => x.id === n)?.name ?? n}`),
  ];

  function setSide(regionId: string, side: number) {
    studio.getState().setScenario((sc) => {
      const sides = (sc.split ?? []).map((s) => s.filter((r) => r !== regionId));
      while (sides.length <= side) sides.push([]);
      if (side >= 0) sides[side] = [...sides[side], regionId];
      // Sides keep their letters (an empty side A stays empty); the unassigned regions are "the rest".
      while (sides.length && sides[sides.length - 1].length === 0) sides.pop();
      const named = sides.flat().length;
      const real = sides.filter((s) => s.length > 0).length + (named < regions.length ? 1 : 0);
      return { ...sc, split: real > 1 ? sides : undefined };
    });
  }

  return (
    <aside className="inspector simulator" aria-label="Simulator" tabIndex={0}>
      <h2>Simulator</h2>
      <p className="muted">Click a region, zone or node on the canvas to fail it (click again to restore). Put regions on different sides to split the network; regions left “with the rest” stay connected to each other.</p>
      {simulation && (
        <p className="sim-counts" data-testid="sim-counts">
          <strong>{simulation.counts.available}</strong> available · <strong>{simulation.counts.unavailable}</strong> unavailable · <strong>{simulation.counts.diverging}</strong> diverging
        </p>
      )}
      <SimulatedOperations />
      <div className="field">
        <span>Failed</span>
        {failed.length ? (
          <ul className="plain">
            {failed.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        ) : (
          <span className="muted">nothing</span>
        )}
      </div>
      <fieldset>
        <legend>Partition</legend>
        {regions.map((r) => (
          <label key={r.id} className="field inline">
            <span>{r.name}</span>
            <select aria-label={`Side of ${r.name}`} value={String(sideOf(r.id))} onChange={(e) => setSide(r.id, Number(e.target.value))}>
              <option value="-1">with the rest</option>
              <option value="0">side A</option>
              <option value="1">side B</option>
              <option value="2">side C</option>
            </select>
          </label>
        ))}
      </fieldset>
      <button type="button" className="btn" onClick={() => studio.getState().setScenario(() => ({}))}>
        Reset
      </button>
      <SavedScenarios />
    </aside>
  );
}

const NO_OPERATIONS: NonNullable<Design["operations"]> = [];

/** Each operation under the scenario: available or not, its latency against the normal case, and why (the new leader, a promotion). */
function SimulatedOperations() {
  const simulation = useStudio((s) => s.simulation);
  const analysis = useStudio((s) => s.analysis);
  const operations = useStudio((s) => s.design.operations ?? NO_OPERATIONS);
  if (!simulation || operations.length === 0) return null;
  const sims = new Map(simulation.operations.map((o) => [o.id, o]));
  const normal = new Map((analysis?.operations ?? []).map((o) => [o.id, o.latencyMs]));
  return (
    <div className="field">
      <span>Operations</span>
      <ul className="plain sim-ops" aria-label="Operations under the scenario">
        {operations.map((op) => {
          const sim = sims.get(op.id);
          if (!sim) return null;
          const status = sim.available ? (sim.diverging ? "diverging" : "available") : "unavailable";
          const before = normal.get(op.id) ?? null;
          const changed = sim.available && before !== sim.latencyMs;
          return (
            <li key={op.id} data-op={op.id} data-sim={status}>
              <span className="sim-op-head">
                <span className={`sim ${status}`}>{sim.available ? (sim.diverging ? "⇄" : "●") : "○"}</span> <strong>{op.name}</strong>{" "}
                <span className={`sim-latency${changed ? " changed" : ""}`} data-testid="sim-op-latency">
                  {formatLatencyChange(before, sim.latencyMs, sim.available)}
                </span>
              </span>
              <small className="muted sim-reason">
                {status}: {sim.reason}
              </small>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Scenarios stay local unless saved here, by name, into the design's optional `scenarios`. */
function SavedScenarios() {
  const studio = useStudioStore();
  const saved = useStudio((s) => s.design.scenarios);
  const readOnly = useStudio((s) => s.readOnly);
  const [name, setName] = useState("");
  if (readOnly && !saved?.length) return null;
  return (
    <fieldset className="saved-scenarios">
      <legend>Named scenarios</legend>
      {!readOnly && <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          const { scenario } = studio.getState();
          if (studio.getState().edit((d) => saveScenario(d, { name, ...scenario }))) setName("");
        }}
      >
        <input type="text" aria-label="Scenario name" placeholder="e.g. EU region down" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="btn small" disabled={!name.trim()}>
          Save
        </button>
      </form>}
      {(saved ?? []).length === 0 ? (
        <p className="muted">The scenario above is not saved with the design unless you name it here.</p>
      ) : (
        <ul className="plain scenario-list">
          {saved!.map((sc) => (
            <li key={sc.name}>
              <button type="button" className="link" onClick={() => studio.getState().setScenario(() => ({ failRegions: sc.failRegions, failZones: sc.failZones, failNodes: sc.failNodes, split: sc.split }))}>
                {sc.name}
              </button>{" "}
              {!readOnly && (
                <button type="button" className="icon-btn danger" aria-label={`Delete scenario ${sc.name}`} onClick={() => studio.getState().edit((d) => deleteScenario(d, sc.name))}>
                  ✕
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
