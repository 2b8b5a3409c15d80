// tbkit.ui.ConverterEditor front end: CodeMirror 6 plus a "Test decoder/encoder function" panel.
// Built with esbuild into tbkit/ui/static/editor.js (see ../build.mjs). User data only ever
// reaches the page as text nodes or input values, never as HTML.

import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { EditorState, StateEffect, StateField } from "@codemirror/state";
import {
  Decoration,
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";

import { el, field, debounce } from "./dom.js";

const setErrorLine = StateEffect.define();

// The line the converter's error names, marked with a line class (the lint gutter adds the marker).
const errorLineField = StateField.define({
  create: () => Decoration.none,
  update(value, tr) {
    value = value.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(setErrorLine)) {
        const line = effect.value;
        value = line ? Decoration.set([Decoration.line({ class: "cm-tbkit-error-line" }).range(line.from)]) : Decoration.none;
      }
    }
    return value;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const theme = EditorView.theme({
  "&": { border: "1px solid var(--jp-border-color1, #bbb)", backgroundColor: "var(--jp-layout-color0, #fff)",
         color: "var(--jp-content-font-color1, #222)", fontSize: "var(--jp-code-font-size, 13px)" },
  ".cm-scroller": { fontFamily: "var(--jp-code-font-family, monospace)", minHeight: "160px", maxHeight: "420px" },
  ".cm-gutters": { backgroundColor: "var(--jp-layout-color2, #f3f3f3)", color: "var(--jp-ui-font-color2, #777)",
                   borderRight: "1px solid var(--jp-border-color2, #ddd)" },
  ".cm-activeLine": { backgroundColor: "var(--jp-layout-color2, rgba(0,0,0,0.04))" },
  ".cm-tbkit-error-line": { backgroundColor: "var(--jp-error-color3, rgba(255,0,0,0.12))" },
  "&.cm-focused": { outline: "1px solid var(--jp-brand-color1, #1976d2)" },
});

function errorMarks(view, model) {
  const lineNo = model.get("error_line");
  const doc = view.state.doc;
  if (!lineNo || lineNo < 1 || lineNo > doc.lines) {
    view.dispatch(setDiagnostics(view.state, []), { effects: setErrorLine.of(null) });
    return;
  }
  const line = doc.line(lineNo);
  const column = model.get("error_column");
  const from = column ? Math.min(line.from + column - 1, line.to) : line.from;
  const diagnostic = { from, to: Math.max(from, line.to), severity: "error", message: model.get("error_message") || "error" };
  view.dispatch(setDiagnostics(view.state, [diagnostic]), { effects: setErrorLine.of(line) });
}

function testPanel(model, actions) {
  const uplink = model.get("kind") === "uplink";
  const inputs = {};
  const bind = (name, node) => {
    inputs[name] = node;
    node.value = model.get(name);
    const push = debounce(() => { model.set(name, node.value); model.save_changes(); }, 200);
    node.addEventListener("input", push);
    node.addEventListener("change", push.now);
    return node;
  };
  const format = bind("payload_format", el("select", { "data-tbkit": "payload-format" },
    ...["json", "text", "hex", "base64"].map((f) => el("option", { value: f }, f.toUpperCase()))));
  const rows = uplink
    ? [
        field("Payload type", format),
        field("Content type", bind("content_type", el("input", { type: "text", "data-tbkit": "content-type", size: 28 }))),
        field("Payload", bind("payload", el("textarea", { rows: 5, cols: 50, "data-tbkit": "payload" }))),
        field("Metadata", bind("metadata", el("textarea", { rows: 4, cols: 50, "data-tbkit": "metadata" }))),
      ]
    : [
        field("Message type", bind("msg_type", el("input", { type: "text", "data-tbkit": "msg-type", size: 28 }))),
        field("Message (msg)", bind("payload", el("textarea", { rows: 5, cols: 50, "data-tbkit": "payload" }))),
        field("Metadata", bind("metadata", el("textarea", { rows: 3, cols: 50, "data-tbkit": "metadata" }))),
        field("Integration metadata", bind("integration_metadata", el("textarea", { rows: 3, cols: 50 }))),
      ];
  const buttons = el("div", { class: "tbkit-bar" },
    uplink ? el("button", { "data-tbkit": "last-uplink", title: "Fill payload and metadata from the last real uplink" }, "Last uplink") : "",
    el("button", { class: "tbkit-primary", "data-tbkit": "run", title: "Run (Ctrl-Enter)" }, "Run"),
    el("button", { "data-tbkit": "save", title: "Save into the running integration (Ctrl-S)" }, "Save"));
  buttons.querySelector("[data-tbkit=run]").addEventListener("click", actions.run);
  buttons.querySelector("[data-tbkit=save]").addEventListener("click", actions.save);
  buttons.querySelector("[data-tbkit=last-uplink]")?.addEventListener("click", actions.last);
  const sync = () => {
    for (const [name, node] of Object.entries(inputs)) {
      if (document.activeElement !== node && node.value !== model.get(name)) node.value = model.get(name);
    }
  };
  return { node: el("div", {}, el("div", { class: "tbkit-grid2" }, ...rows.flat()), buttons), sync, inputs };
}

function resultPanel(model) {
  const output = el("pre", { "data-tbkit": "output" });
  const logs = el("pre", { "data-tbkit": "logs" });
  const warnings = el("pre", { "data-tbkit": "warnings" });
  const error = el("pre", { class: "tbkit-error-box", "data-tbkit": "error" });
  const parts = {
    output: el("div", {}, el("div", { class: "tbkit-title" }, "Output"), output),
    logs: el("div", {}, el("div", { class: "tbkit-title" }, "console.log"), logs),
    warnings: el("div", {}, el("div", { class: "tbkit-title" }, "Warnings"), warnings),
    error: el("div", {}, el("div", { class: "tbkit-title" }, "Error"), error),
  };
  const update = () => {
    output.textContent = model.get("output");
    logs.textContent = model.get("logs").join("\n");
    warnings.textContent = model.get("warnings").join("\n");
    error.textContent = model.get("error");
    parts.output.hidden = !model.get("output");
    parts.logs.hidden = model.get("logs").length === 0;
    parts.warnings.hidden = model.get("warnings").length === 0;
    parts.error.hidden = !model.get("error");
  };
  update();
  return { node: el("div", { class: "tbkit-results" }, parts.error, parts.output, parts.logs, parts.warnings), update };
}

function render({ model, el: root }) {
  const status = el("span", { class: "tbkit-muted", "data-tbkit": "status" });
  const title = el("span", { class: "tbkit-title" });
  const host = el("div", { class: "tbkit-editor-host" });
  let view;
  const pushSource = debounce(() => {
    const text = view.state.doc.toString();
    if (text !== model.get("source")) {
      model.set("source", text);
      model.save_changes();
      model.send({ type: "check" });
    }
  }, 400);
  const actions = {
    run: () => { pushSource.now(); model.send({ type: "run" }); },
    save: () => { pushSource.now(); model.send({ type: "save" }); },
    last: () => model.send({ type: "last_uplink" }),
  };
  view = new EditorView({
    parent: host,
    state: EditorState.create({
      doc: model.get("source"),
      extensions: [
        lineNumbers(), highlightActiveLineGutter(), history(), drawSelection(), indentOnInput(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }), bracketMatching(), closeBrackets(),
        highlightActiveLine(), highlightSelectionMatches(), javascript(), lintGutter(), errorLineField, theme,
        keymap.of([
          { key: "Mod-Enter", run: () => { actions.run(); return true; } },
          { key: "Mod-s", run: () => { actions.save(); return true; }, preventDefault: true },
          ...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, indentWithTab,
        ]),
        EditorView.updateListener.of((update) => { if (update.docChanged) pushSource(); }),
      ],
    }),
  });
  const test = testPanel(model, actions);
  const results = resultPanel(model);
  const wrap = el("div", { class: "tbkit tbkit-converter-editor", "data-lm-suppress-shortcuts": "true" },
    el("div", { class: "tbkit-bar" }, title, status), host,
    el("details", { open: "" }, el("summary", {}, model.get("kind") === "uplink" ? "Test decoder function" : "Test encoder function"),
      el("div", { class: "tbkit-test" }, test.node, results.node)));
  // keep JupyterLab's notebook shortcuts (a, b, d d, Shift-Enter...) out of the editor and inputs
  wrap.addEventListener("keydown", (event) => event.stopPropagation());
  root.append(wrap);

  const header = () => {
    title.textContent = model.get("title");
    status.textContent = model.get("status");
    status.className = model.get("status_kind") === "error" ? "tbkit-err" : model.get("status_kind") === "ok" ? "tbkit-ok" : "tbkit-muted";
  };
  const sourceChanged = () => {
    const text = model.get("source");
    if (text !== view.state.doc.toString()) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  };
  const marks = () => errorMarks(view, model);
  const listeners = [
    ["change:source", sourceChanged], ["change:title change:status change:status_kind", header],
    ["change:error_line change:error_column change:error_message", marks],
    ["change:output change:logs change:warnings change:error", results.update],
    ["change:payload change:payload_format change:content_type change:metadata change:msg_type change:integration_metadata", test.sync],
  ];
  for (const [events, fn] of listeners) model.on(events, fn);
  header();
  marks();
  return () => {
    for (const [events, fn] of listeners) model.off(events, fn);
    pushSource.cancel();
    view.destroy();
  };
}

export default { render };
