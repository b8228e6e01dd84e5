/** The minimap's geometry (components/studio/overview-map.tsx draws it). */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room around the drawing, as a share of its size. */
const MARGIN = 0.04;

/**
 * How the minimap shows the drawing: the smallest box holding every element (`empty` when there
 * is none), with a thin margin, scaled to fit `width` × `height` and centred. A map point (px, py)
 * is the drawing's point (x + px / scale, y + py / scale).
 *
 * The frame follows the drawing only, not the part on screen (which React Flow's own minimap
 * adds): pressing the same spot of the map then always means the same place, however the view
 * moved since; a view larger than the drawing is drawn cut at the map's edges.
 */
export function overviewFrame(boxes: readonly Box[], empty: Box, width: number, height: number): { scale: number; x: number; y: number } {
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const b of boxes.length ? boxes : [empty]) {
    left = Math.min(left, b.x);
    top = Math.min(top, b.y);
    right = Math.max(right, b.x + b.width);
    bottom = Math.max(bottom, b.y + b.height);
  }
  const margin = Math.max(right - left, bottom - top) * MARGIN;
  [left, top, right, bottom] = [left - margin, top - margin, right + margin, bottom + margin];
  const w = Math.max(right - left, 1);
  const h = Math.max(bottom - top, 1);
  const scale = Math.min(width / w, height / h);
  return { scale, x: left - (width / scale - w) / 2, y: top - (height / scale - h) / 2 };
}
