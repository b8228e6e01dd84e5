import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { overviewFrame, type Box } from "./overview";

const box = fc.record({ x: fc.integer({ min: -5000, max: 5000 }), y: fc.integer({ min: -5000, max: 5000 }), width: fc.integer({ min: 1, max: 3000 }), height: fc.integer({ min: 1, max: 3000 }) });

describe("minimap frame", () => {
  it("holds every element inside the map", () => {
    fc.assert(
      fc.property(fc.array(box, { minLength: 1, maxLength: 20 }), box, (boxes: Box[], view: Box) => {
        const f = overviewFrame(boxes, view, 160, 100);
        const inside = (b: Box) => {
          const [x, y] = [(b.x - f.x) * f.scale, (b.y - f.y) * f.scale];
          return x >= -1e-6 && y >= -1e-6 && x + b.width * f.scale <= 160 + 1e-6 && y + b.height * f.scale <= 100 + 1e-6;
        };
        expect(boxes.every(inside)).toBe(true);
      }),
    );
  });

  it("does not move with the view: the same spot of the map is the same place wherever the view went", () => {
    const drawing = [{ x: 0, y: 0, width: 1600, height: 200 }];
    const a = overviewFrame(drawing, { x: 0, y: 0, width: 800, height: 100 }, 160, 100);
    const b = overviewFrame(drawing, { x: -5000, y: 900, width: 300, height: 100 }, 160, 100);
    expect(b).toEqual(a);
  });

  it("fits a wide drawing to the map's width, with a thin margin, centred vertically", () => {
    const f = overviewFrame([{ x: 0, y: 0, width: 1600, height: 200 }], { x: 0, y: 0, width: 1, height: 1 }, 160, 100);
    // 1600 + 2 × 4 % margin = 1728 units across 160 px.
    expect(f.scale).toBeCloseTo(160 / 1728);
    expect((0 - f.x) * f.scale).toBeCloseTo(64 * f.scale);
    // The drawing's middle row is the map's middle row.
    expect((100 - f.y) * f.scale).toBeCloseTo(50);
  });

  it("frames the view when there is nothing drawn yet", () => {
    const f = overviewFrame([], { x: 10, y: 10, width: 100, height: 100 }, 160, 100);
    expect((60 - f.x) * f.scale).toBeCloseTo(80);
  });
});
