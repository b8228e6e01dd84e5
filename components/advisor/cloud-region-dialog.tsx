"use client";

import "./advisor.css";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useStudioStore } from "@/components/studio/studio-context";
import { PROVIDER_LABEL, searchCloudRegions, type CloudProvider, type CloudRegion } from "@/lib/design/cloud-regions";
import { addCloudRegion, estimateRttMs } from "@/lib/design/geo";
import { flowId } from "@/lib/canvas/flow";

const PROVIDERS: (CloudProvider | "all")[] = ["all", "aws", "gcp", "azure"];

/**
 * Picks a public cloud region from the catalogue (lib/design/cloud-regions.ts) and adds it with
 * three zones, its location and round-trip times to the other located regions estimated from the
 * distance (marked "estimated" until a measured value is typed). One undo step per region.
 */
export function CloudRegionDialog({ onClose }: { onClose: (added: number) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const studio = useStudioStore();
  const uid = useId();
  const [query, setQuery] = useState("");
  const [provider, setProvider] = useState<CloudProvider | "all">("all");
  const [added, setAdded] = useState<string[]>([]);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const results = useMemo(() => searchCloudRegions(query, provider === "all" ? undefined : provider).slice(0, 60), [query, provider]);
  const located = studio.getState().design.regions?.filter((r) => r.location) ?? [];

  const add = (cloud: CloudRegion) => {
    let id = "";
    studio.getState().edit((d) => {
      const created = addCloudRegion(d, cloud);
      id = created.id;
      return created.design;
    });
    if (id) studio.getState().select([flowId.region(id)]);
    setAdded((list) => [...list, cloud.code]);
    studio.getState().showToast(`Added ${cloud.code} (${cloud.city})${located.length ? "; round-trip times to the other cloud regions are estimated from the distance" : ""}`);
  };

  return (
    <dialog ref={ref} className="help-dialog cloud-region-dialog" aria-labelledby={`${uid}-t`} onClose={() => onClose(added.length)} data-testid="cloud-regions">
      <h2 id={`${uid}-t`}>Add a cloud region</h2>
      <p className="muted">
        Public regions of AWS, Google Cloud and Azure. Each comes with three zones and its location; round-trip times to the other cloud regions are estimated from the
        distance between them (light in optical fibre over a route about 1.4 times the straight line, plus 2 ms) and marked “estimated” until you type a measured
        value.
      </p>
      <div className="cloud-search">
        <label className="field">
          <span>Search</span>
          <input type="search" autoFocus value={query} onChange={(e) => setQuery(e.target.value)} placeholder="e.g. Frankfurt, us-east, Tokyo" aria-controls={`${uid}-list`} />
        </label>
        <div role="radiogroup" aria-label="Provider" className="segmented">
          {PROVIDERS.map((p) => (
            <label key={p} className={provider === p ? "on" : undefined}>
              <input type="radio" name={`${uid}-p`} checked={provider === p} onChange={() => setProvider(p)} /> {p === "all" ? "All" : PROVIDER_LABEL[p]}
            </label>
          ))}
        </div>
      </div>
      <ul id={`${uid}-list`} className="cloud-list" aria-label="Cloud regions">
        {results.length === 0 && <li className="muted">No region matches “{query}”.</li>}
        {results.map((r) => {
          const nearest = located
            .filter((l) => !(l.location!.provider === r.provider && l.location!.code === r.code))
            .map((l) => ({ name: l.name, ms: estimateRttMs(l.location!, r) }))
            .sort((a, b) => a.ms - b.ms)[0];
          return (
            <li key={`${r.provider}:${r.code}`}>
              <button type="button" className="cloud-item" onClick={() => add(r)} aria-label={`Add ${PROVIDER_LABEL[r.provider]} ${r.code}, ${r.name}, ${r.city}`}>
                <span className="cloud-provider">{PROVIDER_LABEL[r.provider]}</span>
                <code>{r.code}</code>
                <span>
                  {r.name !== r.code ? `${r.name} · ` : ""}
                  {r.city}
                </span>
                {nearest && (
                  <span className="muted">
                    ≈ {nearest.ms} ms to {nearest.name}
                  </span>
                )}
                {added.includes(r.code) && <span className="ok">added</span>}
              </button>
            </li>
          );
        })}
      </ul>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={() => ref.current?.close()}>
          Done
        </button>
      </div>
    </dialog>
  );
}
