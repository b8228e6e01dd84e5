import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { addRegion, emptyDesign, renameDesign } from "../design/commands";
import type { Design } from "../design/schema";
import { startAutosave, type SaveFailure } from "./autosave";
import { createStudioStore } from "./studio-store";

function setup(save: (id: string, base: number, d: Design) => Promise<{ version: number }>) {
  const store = createStudioStore({ designId: "d1", design: emptyDesign("A"), version: 1 });
  const saver = startAutosave(store, save, { debounceMs: 500 });
  return { store, saver };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("autosave", () => {
  it("saves once, a short moment after the last of several edits, with the base version", async () => {
    const save = vi.fn(async (_id: string, base: number, _d: Design) => ({ version: base + 1 }));
    const { store } = setup(save);
    store.getState().edit((d) => renameDesign(d, "B"));
    await vi.advanceTimersByTimeAsync(300);
    store.getState().edit((d) => renameDesign(d, "C"));
    expect(store.getState().save.status).toBe("dirty");
    await vi.advanceTimersByTimeAsync(499);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0]?.[1]).toBe(1);
    expect(save.mock.calls[0]?.[2].name).toBe("C");
    await vi.runAllTimersAsync();
    expect(store.getState()).toMatchObject({ baseVersion: 2, save: { status: "saved" } });
  });

  it("saves again with the new version when the user kept editing during a save", async () => {
    let finish: (v: { version: number }) => void = () => {};
    const save = vi.fn((_id: string, base: number) => (base === 1 ? new Promise<{ version: number }>((r) => (finish = r)) : Promise.resolve({ version: base + 1 })));
    const { store } = setup(save);
    store.getState().edit((d) => renameDesign(d, "B"));
    await vi.advanceTimersByTimeAsync(500);
    expect(store.getState().save.status).toBe("saving");
    store.getState().edit((d) => renameDesign(d, "C"));
    finish({ version: 2 });
    await vi.runAllTimersAsync();
    expect(save).toHaveBeenCalledTimes(2);
    expect(save.mock.calls[1][1]).toBe(2);
    expect(store.getState()).toMatchObject({ baseVersion: 3, save: { status: "saved" } });
  });

  it("shows a conflict on 409 and stops saving", async () => {
    const save = vi.fn(async () => {
      throw { status: 409, message: "changed elsewhere", details: { currentVersion: 7 } } satisfies SaveFailure;
    });
    const { store } = setup(save);
    store.getState().edit((d) => renameDesign(d, "B"));
    await vi.runAllTimersAsync();
    expect(store.getState().save).toMatchObject({ status: "conflict", serverVersion: 7 });
    store.getState().edit((d) => renameDesign(d, "C"));
    await vi.runAllTimersAsync();
    expect(save).toHaveBeenCalledTimes(1);
    expect(store.getState().save.status).toBe("conflict");
  });

  it("retries network errors with growing delays until the server answers", async () => {
    let failures = 3;
    const save = vi.fn(async (_id: string, base: number) => {
      if (failures-- > 0) throw { message: "Could not reach the server" } satisfies SaveFailure;
      return { version: base + 1 };
    });
    const { store } = setup(save);
    store.getState().edit((d) => addRegion(d).design);
    await vi.advanceTimersByTimeAsync(500);
    expect(store.getState().save).toMatchObject({ status: "error", message: "Could not reach the server" });
    await vi.advanceTimersByTimeAsync(1000); // retry 1 after 1 s
    expect(save).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(save).toHaveBeenCalledTimes(2); // retry 2 waits 2 s
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(4000);
    expect(save).toHaveBeenCalledTimes(4);
    expect(store.getState().save.status).toBe("saved");
  });

  it("does not retry a design the server refused (400), but saves the next edit", async () => {
    const save = vi.fn(async (_id: string, base: number, d: Design) => {
      if (d.name === "bad") throw { status: 400, message: "The design is not valid" } satisfies SaveFailure;
      return { version: base + 1 };
    });
    const { store } = setup(save);
    store.getState().edit((d) => renameDesign(d, "bad"));
    await vi.runAllTimersAsync();
    expect(store.getState().save).toMatchObject({ status: "error", message: "Not saved: The design is not valid" });
    expect(save).toHaveBeenCalledTimes(1);
    store.getState().edit((d) => renameDesign(d, "good"));
    await vi.runAllTimersAsync();
    expect(store.getState().save.status).toBe("saved");
  });

  it("a refused command changes nothing and explains itself", () => {
    const store = createStudioStore({ designId: "d1", design: emptyDesign("A"), version: 1 });
    const before = store.getState().design;
    expect(store.getState().edit((d) => renameDesign(d, "   "))).toBe(false);
    expect(store.getState().design).toBe(before);
    expect(store.getState().toast?.text).toBe("a name cannot be empty");
    expect(store.getState().save.status).toBe("saved");
  });
});
