// The Test panel's byte inspection in the editor: the grid of inspector.js tied to CodeMirror.
// Clicking a byte (or a legend line) highlights the lines that read it; the cursor on a line
// outlines the bytes that line read.
import { StateEffect, StateField } from "@codemirror/state";
import { Decoration, EditorView } from "@codemirror/view";

import { el } from "./dom.js";
import { inspectionGrid } from "./inspector.js";

const setReadLines = StateEffect.define();
const readLinesField = StateField.define({
  create: () => Decoration.none,
  update(value, tr) {
    value = value.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(setReadLines)) {
        const marks = effect.value.map((from) => Decoration.line({ class: "cm-tbkit-read-line" }).range(from));
        value = Decoration.set(marks, true);
      }
    }
    if (tr.docChanged) value = Decoration.none; // the script changed: the reads were of another one
    return value;
  },
  provide: (f) => EditorView.decorations.from(f),
});

// Marked lines: a translucent background (the selection stays visible) and a bar in the brand colour.
const readLineTheme = EditorView.baseTheme({
  ".cm-tbkit-read-line": {
    backgroundColor: "color-mix(in srgb, var(--jp-brand-color1, #1976d2) 14%, transparent)",
    boxShadow: "inset 3px 0 0 var(--jp-brand-color1, #1976d2)",
  },
});

/**
 * The Test panel's inspection: the grid, plus CodeMirror extensions that mark the lines a chosen
 * byte was read by and follow the cursor's line. `getView()` returns the editor's view.
 */
export function inspectorPanel(model, getView) {
  let cursorLine = 0;
  const grid = inspectionGrid({
    label: "test payload bytes, coloured by the line that read them",
    onByte(lines) {
      const view = getView();
      const doc = view.state.doc;
      const valid = lines.filter((n) => n >= 1 && n <= doc.lines);
      if (!valid.length) return;
      const first = doc.line(valid[0]);
      view.dispatch({
        effects: [setReadLines.of(valid.map((n) => doc.line(n).from)), EditorView.scrollIntoView(first.from)],
        selection: { anchor: first.from },
      });
    },
  });
  const title = el("div", { class: "tbkit-title" }, "Bytes read");
  const node = el("div", { class: "tbkit-insp-panel", "data-tbkit": "inspect-panel" }, title, grid.node);
  const update = () => {
    const data = model.get("inspection");
    grid.show(data);
    node.hidden = grid.node.hidden;
    getView()?.dispatch({ effects: setReadLines.of([]) });
    grid.mark(cursorLine);
  };
  const follow = EditorView.updateListener.of((u) => {
    if (!u.selectionSet && !u.docChanged) return;
    cursorLine = u.state.doc.lineAt(u.state.selection.main.head).number;
    grid.mark(cursorLine);
  });
  return { node, update, extensions: [readLinesField, readLineTheme, follow] };
}
