"use client";

import { ViewportPortal, useReactFlow, useStore as useFlowStore, useStoreApi, type ReactFlowState } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, type CSSProperties } from "react";
import { useShallow } from "zustand/react/shallow";
import { followedViewport, personLabel, sameViewport, textOn } from "@/lib/client/presence";
import type { FlowNode } from "@/lib/canvas/flow";
import type { PeerView } from "@/lib/store/studio-store";
import { useStudio, useStudioStore } from "@/components/studio/studio-context";
import { usePublishPresence } from "./use-publish-presence";
import "./presence.css";

/**
 * The others on the canvas: their pointers (an arrow in their colour with their name) and their
 * selections (a coloured outline with their name), placed in canvas coordinates so they stay where
 * they point while anyone zooms or pans; and this person's own presence, shared. Also follows a
 * collaborator's viewport when asked to (top bar), with a chip to stop. A child of <ReactFlow>.
 */
export function CanvasPresence() {
  usePublishPresence();
  useFollowViewport();
  const peers = useStudio(useShallow((s) => Object.values(s.peers)));
  return (
    <>
      {peers.length > 0 && (
        <ViewportPortal>
          <PresenceLayer peers={peers} />
        </ViewportPortal>
      )}
      <FollowChip />
    </>
  );
}

const zoomOf = (s: ReactFlowState) => s.transform[2];

function PresenceLayer({ peers }: { peers: PeerView[] }) {
  const zoom = useFlowStore(zoomOf);
  // Names and arrows keep their size on screen whatever the zoom.
  const style = { "--presence-scale": String(1 / zoom) } as CSSProperties;
  return (
    <div className="presence-layer" aria-hidden="true" style={style} data-testid="presence-layer">
      {peers.map((peer) => (
        <PeerSelection key={`s-${peer.conn}`} peer={peer} />
      ))}
      {peers.map((peer) => peer.cursor && <PeerCursor key={`c-${peer.conn}`} peer={peer} />)}
    </div>
  );
}

function peerStyle(peer: PeerView): CSSProperties {
  return { "--peer": peer.color, "--peer-text": textOn(peer.color) } as CSSProperties;
}

function PeerCursor({ peer }: { peer: PeerView }) {
  const { x, y } = peer.cursor!;
  const reviewer = peer.role === "reviewer";
  return (
    <div
      className={`peer-cursor${reviewer ? " reviewer" : ""}`}
      data-testid="peer-cursor"
      data-name={peer.name}
      style={{ ...peerStyle(peer), transform: `translate(${x}px, ${y}px) scale(var(--presence-scale))` }}
    >
      <svg width="18" height="20" viewBox="0 0 18 20" className="peer-arrow">
        <path d="M1.5 1.5 L1.5 16 L5.6 12.3 L8.4 18.4 L11 17.2 L8.3 11.2 L14 11.2 Z" />
      </svg>
      <span className="peer-name">{personLabel(peer.name, peer.role)}</span>
    </div>
  );
}

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The canvas boxes (absolute position, measured size) of the given elements; ids not on the canvas are skipped. */
function boxesOf(state: ReactFlowState, ids: readonly string[]): Box[] {
  const out: Box[] = [];
  for (const id of ids) {
    const node = state.nodeLookup.get(id);
    if (!node) continue;
    const width = node.measured?.width ?? node.width ?? 0;
    const height = node.measured?.height ?? node.height ?? 0;
    if (!width || !height) continue;
    const { x, y } = node.internals.positionAbsolute;
    out.push({ id, x, y, width, height });
  }
  return out;
}

const sameBoxes = (a: Box[], b: Box[]) =>
  a.length === b.length && a.every((box, i) => box.id === b[i].id && box.x === b[i].x && box.y === b[i].y && box.width === b[i].width && box.height === b[i].height);

function PeerSelection({ peer }: { peer: PeerView }) {
  const ids = peer.selection;
  const selector = useCallback((s: ReactFlowState) => boxesOf(s, ids), [ids]);
  const boxes = useFlowStore(selector, sameBoxes);
  if (boxes.length === 0) return null;
  const label = personLabel(peer.name, peer.role);
  return (
    <>
      {boxes.map((box) => (
        <div
          key={box.id}
          className={`peer-selection${peer.role === "reviewer" ? " reviewer" : ""}`}
          data-testid="peer-selection"
          data-element={box.id}
          data-name={peer.name}
          style={{ ...peerStyle(peer), transform: `translate(${box.x}px, ${box.y}px)`, width: box.width, height: box.height }}
        >
          <span className="peer-selection-name">{label}</span>
        </div>
      ))}
    </>
  );
}

/**
 * While following someone, this canvas shows their viewport as it changes; panning or zooming here
 * (wheel, drag, the zoom buttons, fit) or Esc stops following.
 */
function useFollowViewport() {
  const studio = useStudioStore();
  const flow = useStoreApi<FlowNode>();
  const { setViewport } = useReactFlow<FlowNode>();
  const following = useStudio((s) => s.following);
  const target = useStudio((s) => (s.following ? (s.peers[s.following]?.viewport ?? null) : null));
  /** The viewport last set on their behalf: a change to anything else is this person's own. */
  const applied = useRef<{ x: number; y: number; zoom: number } | null>(null);
  const appliedAt = useRef(0);

  useEffect(() => {
    if (!following || !target) return;
    const { width, height } = flow.getState();
    const next = followedViewport(target, { width, height });
    applied.current = next;
    appliedAt.current = performance.now();
    void setViewport(next);
  }, [following, target, setViewport, flow]);

  useEffect(() => {
    if (!following) return;
    const unsubscribe = flow.subscribe((state, prev) => {
      if (state.transform === prev.transform) return;
      const [x, y, zoom] = state.transform;
      if (sameViewport({ x, y, zoom }, applied.current) || performance.now() - appliedAt.current < 120) return;
      studio.getState().follow(null);
    });
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") studio.getState().follow(null);
    };
    window.addEventListener("keydown", onKey);
    return () => {
      unsubscribe();
      window.removeEventListener("keydown", onKey);
    };
  }, [following, flow, studio]);
}

function FollowChip() {
  const studio = useStudioStore();
  const peer = useStudio((s) => (s.following ? s.peers[s.following] : undefined));
  const style = useMemo(() => (peer ? peerStyle(peer) : undefined), [peer]);
  if (!peer) return null;
  return (
    <div className="follow-frame" style={style} data-testid="follow-frame">
      <div className="follow-chip" role="status">
        <span className="follow-dot" aria-hidden="true" />
        <span>
          Following <strong>{personLabel(peer.name, peer.role)}</strong>
        </span>
        <button type="button" className="btn small" onClick={() => studio.getState().follow(null)} title="Stop following (Esc)">
          Stop
        </button>
      </div>
    </div>
  );
}
