import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { overviewFrame, type Box } from "./overview";

const box = fc.record({ x: fc.integer({ min: -5000, max: 5000 }), y: fc.integer({ min: -5000, max: 5000 }), width: fc.integer({ min: 1, max: 3000 }), height: fc.integer({ min: 1, max: 3000 }) });

describe("minimap frame", () => {
  it("holds every element and the view inside the map, centred", () => {
    fc.assert(
      fc.property(fc.array(box, { maxLength: 20 }), box, (boxes: Box[], view: Box) => {
        const f = overviewFrame(boxes, view, 160, 100);
        const inside = (b: Box) => {
          const [x, y] = [(b.x - f.x) * f.scale, (b.y - f.y) * f.scale];
          return x >= -1e-6 && y >= -1e-6 && x + b.width * f.scale <= 160 + 1e-6 && y + b.height * f.scale <= 100 + 1e-6;
        };
        expect([...boxes, view].every(inside)).toBe(true);
      }),
    );
  });

  it("fits a wide drawing to the map's width and centres it vertically", () => {
    const f = overviewFrame([{ x: 0, y: 0, width: 1600, height: 200 }], { x: 0, y: 0, width: 800, height: 100 }, 160, 100);
    expect(f.scale).toBe(0.1);
    expect(f.x).toBe(0);
    // 200 drawing units tall at 0.1 = 20 px, in a 100 px map: 40 px above and below.
    expect((0 - f.y) * f.scale).toBeCloseTo(40);
  });
});
