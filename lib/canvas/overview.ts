/** The minimap's geometry (components/studio/overview-map.tsx draws it). */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * How the minimap shows the drawing: the smallest box holding every element and the part of the
 * canvas on screen, scaled to fit `width` × `height` and centred. A map point (px, py) is the
 * drawing's point (x + px / scale, y + py / scale).
 */
export function overviewFrame(boxes: readonly Box[], view: Box, width: number, height: number): { scale: number; x: number; y: number } {
  let [left, top, right, bottom] = [view.x, view.y, view.x + view.width, view.y + view.height];
  for (const b of boxes) {
    left = Math.min(left, b.x);
    top = Math.min(top, b.y);
    right = Math.max(right, b.x + b.width);
    bottom = Math.max(bottom, b.y + b.height);
  }
  const w = Math.max(right - left, 1);
  const h = Math.max(bottom - top, 1);
  const scale = Math.min(width / w, height / h);
  return { scale, x: left - (width / scale - w) / 2, y: top - (height / scale - h) / 2 };
}
