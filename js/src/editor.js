// tbkit.ui.ConverterEditor front end: CodeMirror 6 plus a "Test decoder/encoder function" panel.
// Built with esbuild into tbkit/ui/static/editor.js (see ../build.mjs). User data only ever
// reaches the page as text nodes or input values, never as HTML.

import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { HighlightStyle, bracketMatching, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { lintGutter } from "@codemirror/lint";
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

import { tags as t } from "@lezer/highlight";

import { assist } from "./assist.js";
import { debounce, el, engineTip, field, ownKeys, uid } from "./dom.js";
import { inspectorPanel } from "./inspector_editor.js";
import { convertPayload } from "./payload.js";
import { REPLAY_EVENTS, replayPanel } from "./replay.js";

const setErrorLine = StateEffect.define();

// The line the converter's error names, marked with a line class (the lint gutter adds the marker).
const errorLineField = StateField.define({
  create: () => Decoration.none,
  update(value, tr) {
    value = value.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(setErrorLine)) {
        const line = effect.value;
        value = line
          ? Decoration.set([Decoration.line({ class: "cm-tbkit-error-line" }).range(line.from)])
          : Decoration.none;
      }
    }
    return value;
  },
  provide: (f) => EditorView.decorations.from(f),
});

// Colours come from JupyterLab's theme (its CSS variables), so the light and dark themes both
// read well. Line backgrounds (active line, error line) are translucent: CodeMirror draws the
// selection behind the text, and an opaque line background would hide it.
const mix = (color, percent) => `color-mix(in srgb, ${color} ${percent}%, transparent)`;
const FG = "var(--jp-content-font-color1, #1f1f1f)";
const BG = "var(--jp-cell-editor-background, var(--jp-layout-color0, #fff))";
const theme = EditorView.theme({
  "&": {
    border: "1px solid var(--jp-border-color1, #bbb)",
    backgroundColor: BG,
    color: FG,
    fontSize: "var(--jp-code-font-size, 13px)",
  },
  ".cm-content": { caretColor: "var(--jp-editor-cursor-color, var(--jp-ui-font-color0, #000))" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--jp-editor-cursor-color, var(--jp-ui-font-color0, #000))" },
  ".cm-scroller": { fontFamily: "var(--jp-code-font-family, monospace)", minHeight: "160px", maxHeight: "420px" },
  ".cm-gutters": {
    backgroundColor: "var(--jp-layout-color2, #f3f3f3)",
    color: "var(--jp-ui-font-color2, #616161)",
    borderRight: "1px solid var(--jp-border-color2, #ddd)",
  },
  ".cm-activeLine": { backgroundColor: mix("var(--jp-brand-color1, #1976d2)", 5) },
  ".cm-activeLineGutter": {
    backgroundColor: mix("var(--jp-brand-color1, #1976d2)", 18),
    color: "var(--jp-ui-font-color0, #000)",
  },
  ".cm-selectionBackground, &.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground": {
    backgroundColor: mix("var(--jp-brand-color1, #1976d2)", 28),
  },
  ".cm-content ::selection": { backgroundColor: mix("var(--jp-brand-color1, #1976d2)", 28) },
  ".cm-selectionMatch": { backgroundColor: mix("var(--jp-warn-color1, #f57c00)", 22) },
  "&.cm-focused .cm-matchingBracket": { backgroundColor: mix("var(--jp-success-color1, #388e3c)", 30) },
  ".cm-tbkit-error-line": {
    backgroundColor: mix("var(--jp-error-color1, #d32f2f)", 12),
    boxShadow: "inset 3px 0 0 var(--jp-error-color1, #d32f2f)",
  },
  ".cm-tooltip": {
    backgroundColor: "var(--jp-layout-color1, #fff)",
    color: "var(--jp-ui-font-color1, #1f1f1f)",
    border: "1px solid var(--jp-border-color1, #bbb)",
  },
  ".cm-diagnostic": { color: "var(--jp-ui-font-color1, #1f1f1f)" },
  ".cm-diagnostic-error": { borderLeft: "4px solid var(--jp-error-color1, #d32f2f)" },
  ".cm-panels": { backgroundColor: "var(--jp-layout-color2, #f3f3f3)", color: "var(--jp-ui-font-color1, #1f1f1f)" },
  ".cm-panels input, .cm-panels button": {
    color: "var(--jp-ui-font-color1, #1f1f1f)",
    backgroundColor: "var(--jp-layout-color1, #fff)",
  },
  "&.cm-focused": { outline: "2px solid var(--jp-brand-color1, #1976d2)" },
});

// Token colours from JupyterLab's editor theme variables (the same ones its own editors use).
// Each is mixed with the theme's strongest text colour, which keeps its hue and lifts its contrast
// over the editor's background, the active line, the selection and the error line to 4.5:1 or more.
const v = (name, fallback) =>
  `color-mix(in srgb, var(--jp-mirror-editor-${name}-color, ${fallback}) 60%, var(--jp-content-font-color0, #000))`;
const highlight = HighlightStyle.define([
  {
    tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.operatorKeyword],
    color: v("keyword", "#008000"),
    fontWeight: "bold",
  },
  { tag: [t.atom, t.bool, t.null, t.self], color: v("atom", "#88f") },
  { tag: [t.number], color: v("number", "#080") },
  { tag: [t.definition(t.variableName), t.function(t.definition(t.variableName))], color: v("def", "#00f") },
  { tag: [t.variableName], color: v("variable", FG) },
  { tag: [t.propertyName, t.definition(t.propertyName)], color: v("property", "#05a") },
  { tag: [t.operator], color: v("operator", "#a2f"), fontWeight: "bold" },
  { tag: [t.comment, t.lineComment, t.blockComment], color: v("comment", "#408080"), fontStyle: "italic" },
  { tag: [t.string, t.special(t.string), t.regexp], color: v("string", "#ba2121") },
  { tag: [t.meta], color: v("meta", "#a2f") },
  { tag: [t.typeName, t.className, t.standard(t.variableName)], color: v("builtin", "#008000") },
  { tag: [t.punctuation, t.bracket, t.separator], color: v("punctuation", FG) },
  { tag: [t.invalid], color: v("error", "#f00") },
]);

// The run error (Run/Save) marks its line and joins the linter's diagnostics (see assist.js).
function errorMarks(view, model, help) {
  const lineNo = model.get("error_line");
  const doc = view.state.doc;
  if (!lineNo || lineNo < 1 || lineNo > doc.lines) {
    view.dispatch({ effects: setErrorLine.of(null) });
    help.setRunError(view, null);
    return;
  }
  const line = doc.line(lineNo);
  const message = model.get("error_message") || "error";
  help.setRunError(view, { line: lineNo, column: model.get("error_column") || 1, severity: "error", message });
  view.dispatch({ effects: setErrorLine.of(line) });
}

// Switching the payload type converts the payload (its bytes stay the same), or says why not.
// `commit` sends the type and payload together (the panel's own change, not synced back).
function convertOnSwitch(format, payload, note, commit) {
  let last = format.value;
  format.addEventListener("change", () => {
    const { text, note: said, keep } = convertPayload(payload.value, last, format.value);
    note.textContent = said;
    note.hidden = !said;
    if (keep) format.value = last;
    else payload.value = text;
    last = format.value;
    commit({ payload_format: format.value, payload: payload.value });
  });
  payload.addEventListener("input", () => {
    note.hidden = true; // it spoke of the text before this edit
  });
  return () => {
    last = format.value;
  };
}

function testPanel(model, actions, status) {
  const uplink = model.get("kind") === "uplink";
  const inputs = {};
  const bind = (name, node) => {
    inputs[name] = node;
    node.value = model.get(name);
    const push = debounce(() => {
      model.set(name, node.value);
      model.save_changes();
    }, 200);
    node.addEventListener("input", push);
    node.addEventListener("change", push.now);
    return node;
  };
  const format = el(
    "select",
    { "data-tbkit": "payload-format" },
    ...["json", "text", "hex", "base64"].map((f) => el("option", { value: f }, f.toUpperCase())),
  );
  inputs.payload_format = format;
  format.value = model.get("payload_format");
  const payload = bind("payload", el("textarea", { rows: 5, cols: 50, "data-tbkit": "payload" }));
  const note = el("span", { class: "tbkit-muted", "data-tbkit": "payload-note", role: "status", hidden: true });
  let committing = false;
  const commit = (values) => {
    committing = true;
    try {
      for (const [name, value] of Object.entries(values)) model.set(name, value);
      model.save_changes();
    } finally {
      committing = false;
    }
  };
  const formatSynced = uplink ? convertOnSwitch(format, payload, note, commit) : () => {};
  const rows = uplink
    ? [
        [field("Payload type", format)[0], el("div", { class: "tbkit-bar tbkit-tight" }, format, note)],
        field(
          "Content type",
          bind("content_type", el("input", { type: "text", "data-tbkit": "content-type", size: 28 })),
        ),
        field("Payload", payload),
        field("Metadata", bind("metadata", el("textarea", { rows: 4, cols: 50, "data-tbkit": "metadata" }))),
      ]
    : [
        field("Message type", bind("msg_type", el("input", { type: "text", "data-tbkit": "msg-type", size: 28 }))),
        field("Message (msg)", payload),
        field("Metadata", bind("metadata", el("textarea", { rows: 3, cols: 50, "data-tbkit": "metadata" }))),
        field("Integration metadata", bind("integration_metadata", el("textarea", { rows: 3, cols: 50 }))),
      ];
  const buttons = el(
    "div",
    { class: "tbkit-bar" },
    uplink
      ? el(
          "button",
          { "data-tbkit": "last-uplink", title: "Fill payload and metadata from the last real uplink" },
          "Last uplink",
        )
      : "",
    el(
      "button",
      {
        class: "tbkit-primary",
        "data-tbkit": "run",
        title: "Run (Ctrl-Enter)",
        "aria-label": `Run the ${uplink ? "decoder" : "encoder"} on this input`,
      },
      "Run",
    ),
    el(
      "button",
      {
        "data-tbkit": "save",
        title: "Save into the running integration (Ctrl-S)",
        "aria-label": `Save the ${uplink ? "decoder" : "encoder"} into the running integration`,
      },
      "Save",
    ),
    status,
  );
  buttons.querySelector("[data-tbkit=run]").addEventListener("click", actions.run);
  buttons.querySelector("[data-tbkit=save]").addEventListener("click", actions.save);
  buttons.querySelector("[data-tbkit=last-uplink]")?.addEventListener("click", actions.last);
  const sync = () => {
    if (committing) return; // the page's own values, on their way to the kernel
    for (const [name, node] of Object.entries(inputs)) {
      if (document.activeElement !== node && node.value !== model.get(name)) node.value = model.get(name);
    }
    formatSynced();
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
  // the last action's result (Run, Save, a compile error) sits by the buttons; whether the
  // script in the editor is the running one sits in the header, by the script
  const status = el("span", { class: "tbkit-muted", "data-tbkit": "status", role: "status" });
  const saved = el("span", { "data-tbkit": "saved", role: "status" });
  const title = el("span", { class: "tbkit-title" });
  const engine = el("span", { class: "tbkit-muted", "data-tbkit": "engine" });
  const hintId = `${uid("tbkit-hint")}`;
  const hint = el("span", { class: "tbkit-muted tbkit-hint", id: hintId }, "Esc then Tab leaves the editor");
  const what = model.get("kind") === "uplink" ? "decoder (uplink converter)" : "encoder (downlink converter)";
  const host = el("div", { class: "tbkit-editor-host" });
  let view;
  // Each press carries what the page shows: ipywidgets holds state updates back while the kernel
  // is busy but sends custom messages at once, so the kernel must not rely on the synced state.
  let test;
  const pageState = () => {
    const state = { source: view.state.doc.toString() };
    for (const [name, node] of Object.entries(test ? test.inputs : {})) state[name] = node.value;
    return state;
  };
  const pushSource = debounce(() => {
    const text = view.state.doc.toString();
    if (text !== model.get("source")) {
      model.set("source", text);
      model.save_changes();
      model.send({ type: "check", state: { source: text } });
    }
  }, 400);
  const press = (type) => () => {
    pushSource.now();
    model.send({ type, state: pageState() });
  };
  const actions = {
    run: press("run"),
    save: press("save"),
    last: () => model.send({ type: "last_uplink" }),
    replay: press("replay"),
    cancelReplay: () => model.send({ type: "cancel_replay" }),
  };
  const help = assist(model);
  const inspection = inspectorPanel(model, () => view);
  view = new EditorView({
    parent: host,
    state: EditorState.create({
      doc: model.get("source"),
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        syntaxHighlighting(highlight),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        javascript(),
        lintGutter(),
        errorLineField,
        theme,
        ...help.extensions,
        ...inspection.extensions,
        keymap.of([
          {
            key: "Mod-Enter",
            run: () => {
              actions.run();
              return true;
            },
          },
          {
            key: "Mod-s",
            run: () => {
              actions.save();
              return true;
            },
            preventDefault: true,
          },
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...searchKeymap,
          ...historyKeymap,
          indentWithTab,
        ]),
        EditorView.contentAttributes.of({ "aria-label": `${what} script`, "aria-describedby": hintId }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) {
            pushSource();
            savedState();
          }
        }),
      ],
    }),
  });
  test = testPanel(model, actions, status);
  const results = resultPanel(model);
  const replay = replayPanel(model, actions);
  const wrap = ownKeys(
    el(
      "div",
      { class: "tbkit tbkit-converter-editor" },
      el("div", { class: "tbkit-bar" }, title, engine, saved, hint),
      host,
      replay.node,
      el(
        "details",
        { open: "" },
        el("summary", {}, model.get("kind") === "uplink" ? "Test decoder function" : "Test encoder function"),
        el("div", { class: "tbkit-test" }, test.node, results.node),
        inspection.node,
      ),
    ),
  );
  root.append(wrap);

  const header = () => {
    title.textContent = model.get("title");
    const target = model.get("engine");
    engine.hidden = !target;
    engine.textContent = target ? `${target} JS engine` : "";
    engine.title = engineTip(target);
    status.textContent = model.get("status");
    status.className =
      model.get("status_kind") === "error"
        ? "tbkit-err"
        : model.get("status_kind") === "ok"
          ? "tbkit-ok"
          : "tbkit-muted";
  };
  // "saved" only while the editor holds exactly the running converter's script
  function savedState() {
    const same = view.state.doc.toString() === model.get("saved_source");
    saved.textContent = same ? "saved" : "unsaved changes";
    saved.className = same ? "tbkit-muted" : "tbkit-warn";
    saved.dataset.state = same ? "saved" : "unsaved";
  }
  const sourceChanged = () => {
    const text = model.get("source");
    if (text !== view.state.doc.toString())
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  };
  const marks = () => errorMarks(view, model, help);
  const listeners = [
    ["change:source", sourceChanged],
    ["change:saved_source", savedState],
    ["change:title change:engine change:status change:status_kind", header],
    ["change:error_line change:error_column change:error_message", marks],
    ["change:output change:logs change:warnings change:error", results.update],
    ["change:inspection", inspection.update],
    [REPLAY_EVENTS, replay.update],
    [
      "change:payload change:payload_format change:content_type change:metadata change:msg_type change:integration_metadata",
      test.sync,
    ],
  ];
  for (const [events, fn] of listeners) model.on(events, fn);
  header();
  savedState();
  marks();
  inspection.update();
  return () => {
    for (const [events, fn] of listeners) model.off(events, fn);
    pushSource.cancel();
    help.destroy();
    view.destroy();
  };
}

export default { render };
