import { describe, expect, it } from "vitest";
import { PRESENCE_COLORS } from "../collab/protocol";
import { COLOR_NAMES, cleanName, contrast, followedViewport, freeColor, initials, orderPeople, personLabel, roundPoint, sameList, sameViewport, selectionOf, textOn } from "./presence";

describe("initials", () => {
  it("takes the first letters of the first two words, upper-cased", () => {
    expect(initials("Ada Lovelace")).toBe("AL");
    expect(initials("  rita  ")).toBe("R");
    expect(initials("Guest 4821")).toBe("G4");
    expect(initials("jean paul sartre")).toBe("JP");
  });
  it("keeps a letter made of two UTF-16 units whole", () => {
    expect(initials("😀 Smile")).toBe("😀S");
  });
  it("shows a question mark for an empty name", () => {
    expect(initials("   ")).toBe("?");
  });
});

describe("textOn", () => {
  it("picks the text colour with more contrast", () => {
    expect(textOn("#000000")).toBe("#ffffff");
    expect(textOn("#ffffff")).toBe("#000000");
    expect(textOn("#d62728")).toBe("#ffffff");
    expect(textOn("#ff7f0e")).toBe("#000000");
  });
  it("makes every palette colour legible (WCAG AA, 4.5:1) with initials on it", () => {
    for (const c of PRESENCE_COLORS) expect(contrast(c, textOn(c)), c).toBeGreaterThanOrEqual(4.5);
  });
  it("names every palette colour", () => {
    for (const c of PRESENCE_COLORS) expect(COLOR_NAMES[c], c).toBeTruthy();
  });
});

describe("freeColor", () => {
  const palette = ["#aa0000", "#00aa00", "#0000aa"];
  it("takes the first colour nobody uses, from the start index on", () => {
    expect(freeColor([], 0, palette)).toBe("#aa0000");
    expect(freeColor(["#AA0000"], 0, palette)).toBe("#00aa00");
    expect(freeColor([], 2, palette)).toBe("#0000aa");
    expect(freeColor(["#0000aa"], 2, palette)).toBe("#aa0000");
  });
  it("takes the least used colour when all are taken", () => {
    expect(freeColor(["#aa0000", "#00aa00", "#0000aa", "#aa0000", "#0000aa"], 0, palette)).toBe("#00aa00");
  });
  it("ignores colours outside the palette and any start index", () => {
    expect(freeColor(["#123456"], -7, palette)).toBe(palette[2]);
    expect(PRESENCE_COLORS).toContain(freeColor([...PRESENCE_COLORS], 99));
  });
});

describe("labels and names", () => {
  it("marks reviewers", () => {
    expect(personLabel("Rita", "reviewer")).toBe("Rita · reviewer");
    expect(personLabel("Ada", "editor")).toBe("Ada");
  });
  it("cleans a typed name to the protocol's limits", () => {
    expect(cleanName("  Ada   Lovelace ")).toBe("Ada Lovelace");
    expect(cleanName("   ")).toBeNull();
    expect(cleanName("x".repeat(80))).toHaveLength(60);
  });
});

describe("orderPeople", () => {
  it("puts me first, then editors, then reviewers, by name", () => {
    const me = { conn: "me", name: "Zed", role: "editor" as const };
    const others = [
      { conn: "3", name: "Rita", role: "reviewer" as const },
      { conn: "2", name: "Bob", role: "editor" as const },
      { conn: "1", name: "Ada", role: "editor" as const },
      { conn: "4", name: "Quinn", role: "reviewer" as const },
    ];
    expect(orderPeople(me, others).map((p) => p.name)).toEqual(["Zed", "Ada", "Bob", "Quinn", "Rita"]);
    expect(orderPeople(null, others)[0].name).toBe("Ada");
  });
});

describe("selection and viewport", () => {
  it("shares selected canvas elements and the focused store or operation", () => {
    expect(selectionOf(["node:db1", "region:eu"], { type: "store", id: "orders" })).toEqual(["node:db1", "region:eu", "store:orders"]);
    expect(selectionOf([], null)).toEqual([]);
    expect(selectionOf(Array.from({ length: 300 }, (_, i) => `node:n${i}`), null)).toHaveLength(200);
  });
  it("rounds positions to a tenth", () => {
    expect(roundPoint({ x: 1.2345, y: -7.06 })).toEqual({ x: 1.2, y: -7.1 });
  });
  it("compares viewports with a tolerance and lists exactly", () => {
    expect(sameViewport({ x: 1, y: 2, zoom: 1 }, { x: 1.2, y: 2.3, zoom: 1.0004 })).toBe(true);
    expect(sameViewport({ x: 1, y: 2, zoom: 1 }, { x: 3, y: 2, zoom: 1 })).toBe(false);
    expect(sameViewport(null, null)).toBe(true);
    expect(sameViewport(null, { x: 0, y: 0, zoom: 1 })).toBe(false);
    expect(sameViewport({ x: 1, y: 2, zoom: 1, width: 800, height: 600 }, { x: 1, y: 2, zoom: 1, width: 900, height: 600 })).toBe(false);
  });

  it("following lines up the centres of two canvases of different sizes, at the same zoom", () => {
    // They see the drawing from (100, 50) to (500, 350) at zoom 2 on an 800 × 600 canvas: centre (300, 200).
    const theirs = { x: -200, y: -100, zoom: 2, width: 800, height: 600 };
    const mine = followedViewport(theirs, { width: 400, height: 300 });
    expect(mine.zoom).toBe(2);
    expect({ x: (200 - mine.x) / 2, y: (150 - mine.y) / 2 }).toEqual({ x: 300, y: 200 });
    // Same size: the same viewport; an older peer without a size: their corner.
    expect(followedViewport(theirs, { width: 800, height: 600 })).toEqual({ x: -200, y: -100, zoom: 2 });
    expect(followedViewport({ x: -200, y: -100, zoom: 2 }, { width: 400, height: 300 })).toEqual({ x: -200, y: -100, zoom: 2 });
    expect(sameList(["a", "b"], ["a", "b"])).toBe(true);
    expect(sameList(["a", "b"], ["b", "a"])).toBe(false);
  });
});
