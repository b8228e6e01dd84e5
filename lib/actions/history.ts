import { register } from "./register";

export const undo = register({
  id: "undo",
  label: "Undo",
  group: "edit",
  shortcuts: ["Mod+Z"],
  keywords: ["revert", "back"],
  enabled: (s) => !s.readOnly && (s.history ? !!s.live?.canUndo : s.past.length > 0),
  perform: ({ store }) => store.getState().undo(),
});

export const redo = register({
  id: "redo",
  label: "Redo",
  group: "edit",
  shortcuts: ["Shift+Mod+Z", "Mod+Y"],
  keywords: ["again", "forward"],
  enabled: (s) => !s.readOnly && (s.history ? !!s.live?.canRedo : s.future.length > 0),
  perform: ({ store }) => store.getState().redo(),
});
