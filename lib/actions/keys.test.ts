import { describe, expect, it } from "vitest";
import { formatShortcut, matchesShortcut, withShortcut } from "./keys";

describe("shortcut matching", () => {
  it("Mod is Ctrl or ⌘, and modifiers must match exactly", () => {
    expect(matchesShortcut({ key: "z", ctrlKey: true }, "Mod+Z")).toBe(true);
    expect(matchesShortcut({ key: "z", metaKey: true }, "Mod+Z")).toBe(true);
    expect(matchesShortcut({ key: "z" }, "Mod+Z")).toBe(false);
    // Shift+Ctrl+Z is redo, not undo (the key arrives upper-case)
    expect(matchesShortcut({ key: "Z", ctrlKey: true, shiftKey: true }, "Mod+Z")).toBe(false);
    expect(matchesShortcut({ key: "Z", ctrlKey: true, shiftKey: true }, "Shift+Mod+Z")).toBe(true);
    expect(matchesShortcut({ key: "z", ctrlKey: true, altKey: true }, "Mod+Z")).toBe(false);
  });

  it("a symbol typed with Shift matches as typed; digits match by their physical key", () => {
    expect(matchesShortcut({ key: "?", shiftKey: true }, "?")).toBe(true);
    expect(matchesShortcut({ key: "/", shiftKey: false }, "?")).toBe(false);
    expect(matchesShortcut({ key: "!", code: "Digit1", shiftKey: true }, "Shift+1")).toBe(true);
    // a German keyboard: Shift+1 types "!" too, a French one "1" … the physical key decides
    expect(matchesShortcut({ key: "&", code: "Digit1", shiftKey: true }, "Shift+1")).toBe(true);
    expect(matchesShortcut({ key: "1", code: "Digit1" }, "Shift+1")).toBe(false);
  });

  it("letters ignore case but not Shift", () => {
    expect(matchesShortcut({ key: "f" }, "F")).toBe(true);
    expect(matchesShortcut({ key: "F", shiftKey: true }, "F")).toBe(false);
    expect(matchesShortcut({ key: "ArrowLeft", shiftKey: true }, "Shift+ArrowLeft")).toBe(true);
    expect(matchesShortcut({ key: "ArrowLeft", shiftKey: true }, "ArrowLeft")).toBe(false);
  });

  it("formats shortcuts the way the help and tooltips show them", () => {
    expect(formatShortcut("Mod+Z")).toBe("Ctrl/⌘ Z");
    expect(formatShortcut("Shift+Mod+Z")).toBe("Ctrl/⌘ Shift Z");
    expect(formatShortcut("Shift+1")).toBe("Shift 1");
    expect(formatShortcut("?")).toBe("?");
    expect(formatShortcut("Escape")).toBe("Esc");
    expect(formatShortcut("ArrowUp")).toBe("↑");
    expect(withShortcut("Undo", ["Mod+Z"])).toBe("Undo (Ctrl/⌘ Z)");
    expect(withShortcut("Share", undefined)).toBe("Share");
  });
});
