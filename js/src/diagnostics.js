// The editor's diagnostics: the kernel lints the script (tbkit.converters.assist) and answers with
// line/column/severity/message; CodeMirror's linter shows them. The run error (Run/Save) joins them.

import { linter, setDiagnostics } from "@codemirror/lint";

const LINT_DEADLINE_MS = 5000;

// Diagnostics: the kernel lints the text it is sent; the run error (Run/Save) is shown with them.
export function lintBridge(model) {
  let seq = 0;
  const waiting = new Map();
  let runError = null;
  let lastItems = [];
  const onMsg = (msg) => {
    if (!msg || msg.type !== "diagnostics") return;
    const resolve = waiting.get(msg.seq);
    if (resolve) resolve(msg.items || []);
  };
  model.on("msg:custom", onMsg);
  const toDiagnostic = (doc, d) => {
    const line = doc.line(Math.min(Math.max(d.line, 1), doc.lines));
    const from = Math.min(line.from + Math.max(d.column, 1) - 1, line.to);
    const word = /^[\w$.]+/.exec(line.text.slice(from - line.from));
    const to = word ? from + word[0].length : Math.min(from + 1, line.to);
    return { from, to: Math.max(to, from), severity: d.severity, message: d.message, source: "tbkit" };
  };
  const shown = (doc) => {
    const found = lastItems.filter((d) => d.line <= doc.lines).map((d) => toDiagnostic(doc, d));
    if (runError && runError.line <= doc.lines) found.push(toDiagnostic(doc, runError));
    return found;
  };
  const source = (view) => {
    const doc = view.state.doc;
    const id = ++seq;
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish([]), LINT_DEADLINE_MS);
      const finish = (items) => {
        clearTimeout(timer);
        waiting.delete(id);
        lastItems = items;
        resolve(shown(doc));
      };
      waiting.set(id, finish);
      model.send({ type: "lint", seq: id, source: doc.toString() });
    });
  };
  return {
    extension: linter(source, { delay: 300 }),
    // shown at once with the last lint result (a lint under way picks it up as well)
    setRunError(view, error) {
      runError = error;
      view.dispatch(setDiagnostics(view.state, shown(view.state.doc)));
    },
    destroy: () => model.off("msg:custom", onMsg),
  };
}
