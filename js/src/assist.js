// Writing help in the ConverterEditor: completion, signature help, hover docs and diagnostics.
// The kernel sends the helper table (model "assist_helpers") and the shapes of the last uplink's
// payload and metadata (model "assist_keys"); diagnostics come from the kernel's linter: the page
// sends the script 300 ms after the last keystroke and shows what comes back. User data (keys,
// sample values, messages) only ever reaches the page as text nodes.

import { autocompletion, completionKeymap } from "@codemirror/autocomplete";
import { forEachDiagnostic, lintKeymap } from "@codemirror/lint";
import { Prec, StateEffect, StateField } from "@codemirror/state";
import { EditorView, hoverTooltip, keymap, showTooltip, tooltips } from "@codemirror/view";

import { lintBridge } from "./diagnostics.js";

const TBEL_KEYWORDS = [
  "var",
  "function",
  "return",
  "if",
  "else",
  "for",
  "foreach",
  "while",
  "do",
  "until",
  "switch",
  "case",
  "default",
  "break",
  "new",
  "true",
  "false",
  "null",
  "def",
  "instanceof",
  "throw",
];
const JS_KEYWORDS = [
  "var",
  "function",
  "return",
  "if",
  "else",
  "for",
  "while",
  "do",
  "switch",
  "case",
  "default",
  "break",
  "continue",
  "new",
  "true",
  "false",
  "null",
  "undefined",
  "typeof",
  "instanceof",
  "throw",
  "try",
  "catch",
  "finally",
  "JSON",
  "Math",
  "Date",
  "Number",
  "String",
  "parseInt",
  "parseFloat",
];
const OWNERS = { list: "List", map: "Map", set: "Set", date: "Date" };

function node(tag, cls, text) {
  const n = document.createElement(tag);
  if (cls) n.className = cls;
  if (text !== undefined) n.textContent = text;
  return n;
}

// The documentation of one helper as DOM (hover, completion info, Mod-i).
export function docNode(helper) {
  const box = node("div", "cm-tbkit-doc");
  for (const sig of helper.sig) box.append(node("div", "cm-tbkit-doc-sig", `${sig} → ${helper.returns}`));
  box.append(node("div", "cm-tbkit-doc-text", helper.doc));
  if (helper.throws) box.append(node("div", "cm-tbkit-doc-more", `Throws: ${helper.throws}`));
  box.append(node("div", "cm-tbkit-doc-more", `Example: ${helper.example}`));
  return box;
}

function params(sig) {
  const m = /\((.*)\)\s*$/.exec(sig);
  return m && m[1].trim() ? m[1].split(",").map((p) => p.trim()) : [];
}

// Which helpers the script can call, by how they are written.
function index(helpers) {
  const byName = new Map();
  const byOwner = new Map();
  for (const h of helpers) {
    byName.set(h.name, h);
    const dot = h.name.lastIndexOf(".");
    if (dot > 0) {
      const owner = h.name.slice(0, dot);
      if (!byOwner.has(owner)) byOwner.set(owner, []);
      byOwner.get(owner).push(h);
    }
  }
  return { byName, byOwner };
}

// The shape of the value a dotted path names (payload, metadata, msg, a variable set from them).
function resolve(text, path, keys, kind, depth = 0) {
  if (depth > 4 || !path.length) return null;
  const [root, ...rest] = path;
  let shape = null;
  if (root === "metadata") shape = keys.metadata || { t: "map", k: {} };
  else if (root === "msg" && kind === "downlink") shape = keys.msg || { t: "map", k: {} };
  else if (root === "payload" && kind === "uplink") shape = { t: "list" };
  else {
    const re = new RegExp(`(?:^|[^\\w$.])${root.replace(/\$/g, "\\$")}\\s*=(?!=)\\s*([^;\\n]+)`, "g");
    // the first assignment that tells what it is (`data = data.data` after `data = decodeToJson(...)`)
    for (let m = re.exec(text); m && !shape; m = re.exec(text)) {
      const rhs = m[1].trim();
      if (/decodeToJson\s*\(|JSON\.parse\s*\(/.test(rhs) && /payload/.test(rhs)) shape = keys.payload || null;
      else if (/^new\s+Date\b/.test(rhs)) shape = { t: "date" };
      else if (/^[\w$]+(\.[\w$]+)*$/.test(rhs) && rhs.split(".")[0] !== root) {
        shape = resolve(text, rhs.split("."), keys, kind, depth + 1);
      }
    }
  }
  for (const key of rest) {
    if (!shape) return null;
    shape = shape.t === "map" ? (shape.k || {})[key] || null : shape.t === "list" ? shape.e || null : null;
  }
  return shape;
}

function keyOptions(shape) {
  return Object.entries(shape.k || {}).map(([key, sub]) => ({
    label: key,
    type: "property",
    detail: sub.v !== undefined ? sub.v : sub.t,
    boost: 2,
  }));
}

function methodOptions(list, lang) {
  return list.map((h) => ({
    label: h.name.slice(h.name.lastIndexOf(".") + 1),
    type: h.kind === "field" ? "constant" : "method",
    detail: h.sig[0].slice(h.sig[0].indexOf("(")),
    info: () => docNode(h),
    boost: lang === "TBEL" ? 0 : -1,
  }));
}

function scopeNames(text, model) {
  const names = new Set(model.get("kind") === "uplink" ? ["payload", "metadata"] : ["msg", "metadata", "msgType"]);
  if (model.get("kind") !== "uplink") names.add("integrationMetadata");
  for (const m of text.matchAll(/\b(?:var|let|const|function)\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
  return [...names];
}

function completions(model) {
  return (context) => {
    const lang = model.get("lang");
    const { byName, byOwner } = index(model.get("assist_helpers"));
    const keys = model.get("assist_keys") || {};
    const text = context.state.doc.toString();
    const member = context.matchBefore(/[\w$]+(?:\.[\w$]+)*\.[\w$]*$/);
    if (member) {
      const parts = member.text.split(".");
      const typed = parts.pop();
      const from = member.to - typed.length;
      if (
        lang === "TBEL" &&
        parts.length === 1 &&
        byOwner.has(parts[0]) &&
        !["List", "Map", "Set"].includes(parts[0])
      ) {
        const statics = byOwner.get(parts[0]).filter((h) => h.kind !== "method");
        if (statics.length) return { from, options: methodOptions(statics, lang), validFor: /^[\w$]*$/ };
      }
      const shape = resolve(text, parts, keys, model.get("kind"));
      if (!shape) return null;
      const owner = OWNERS[shape.t];
      const methods = lang === "TBEL" && owner ? (byOwner.get(owner) || []).filter((h) => h.kind === "method") : [];
      const options = [...(shape.t === "map" ? keyOptions(shape) : []), ...methodOptions(methods, lang)];
      return options.length ? { from, options, validFor: /^[\w$]*$/ } : null;
    }
    const word = context.matchBefore(/[\w$]+$/);
    if (!word && !context.explicit) return null;
    const options = [];
    for (const h of byName.values()) {
      if (h.kind !== "function") continue;
      options.push({
        label: h.name,
        type: "function",
        detail: h.sig[h.sig.length - 1].slice(h.name.length),
        info: () => docNode(h),
      });
    }
    if (lang === "TBEL")
      for (const owner of ["Math", "JSON", "Date"]) options.push({ label: owner, type: "namespace" });
    if (lang === "JS") options.push({ label: "console", type: "namespace" });
    for (const k of lang === "TBEL" ? TBEL_KEYWORDS : JS_KEYWORDS)
      options.push({ label: k, type: "keyword", boost: -1 });
    for (const v of scopeNames(text, model)) options.push({ label: v, type: "variable", boost: 1 });
    return { from: word ? word.from : context.pos, options, validFor: /^[\w$]*$/ };
  };
}

// The helper whose name is at pos (`parseBytesToInt`, `Math.abs`, `list.add` on a known list).
function helperAt(model, state, pos) {
  const line = state.doc.lineAt(pos);
  const col = pos - line.from;
  const before = /[\w$.]*$/.exec(line.text.slice(0, col))[0];
  const after = /^[\w$]*/.exec(line.text.slice(col))[0];
  const path = (before + after).split(".").filter(Boolean);
  if (!path.length) return null;
  const { byName, byOwner } = index(model.get("assist_helpers"));
  const name = path[path.length - 1];
  if (path.length === 1) {
    const h = byName.get(name);
    return h && h.kind === "function" ? { helper: h, from: pos - before.length, to: pos + after.length } : null;
  }
  const full = byName.get(`${path[path.length - 2]}.${name}`);
  const start = pos - before.length + before.lastIndexOf(".") + 1;
  if (full && full.kind !== "method") return { helper: full, from: start, to: pos + after.length };
  const shape = resolve(state.doc.toString(), path.slice(0, -1), model.get("assist_keys") || {}, model.get("kind"));
  const owner = shape && OWNERS[shape.t];
  const method = owner && (byOwner.get(owner) || []).find((h) => h.name === `${owner}.${name}`);
  return method ? { helper: method, from: start, to: pos + after.length } : null;
}

// The call the cursor is in: its callee and which argument is next.
function callAt(state, pos) {
  const text = state.doc.sliceString(Math.max(0, pos - 2000), pos);
  let depth = 0;
  let commas = 0;
  let quote = null;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i];
    if (quote) {
      if (c === quote && text[i - 1] !== "\\") quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ")" || c === "]" || c === "}") depth++;
    else if ((c === "(" || c === "[" || c === "{") && depth > 0) depth--;
    else if (c === "(") {
      const callee = /([\w$]+(?:\.[\w$]+)?)\s*$/.exec(text.slice(0, i));
      return callee ? { name: callee[1], arg: commas, at: pos - (text.length - i) } : null;
    } else if (c === "[" || c === "{" || c === ";") return null;
    else if (c === "," && depth === 0) commas++;
  }
  return null;
}

function signatureNode(helper, arg) {
  const box = node("div", "cm-tbkit-sig");
  const fits = helper.sig.filter((s) => params(s).length > arg || params(s).some((p) => p.includes("...")));
  for (const sig of fits.length ? fits : helper.sig) {
    const row = node("div", "cm-tbkit-sig-row");
    const ps = params(sig);
    row.append(document.createTextNode(`${sig.slice(0, sig.indexOf("(") + 1)}`));
    ps.forEach((p, i) => {
      if (i) row.append(document.createTextNode(", "));
      row.append(i === arg ? node("strong", "cm-tbkit-sig-arg", p) : document.createTextNode(p));
    });
    row.append(document.createTextNode(`) → ${helper.returns}`));
    box.append(row);
  }
  box.append(node("div", "cm-tbkit-doc-text", helper.doc));
  return box;
}

const toggleDoc = StateEffect.define();

// Signature help while typing arguments, and the docs tooltip that Mod-i opens (Escape closes).
function signatureField(model) {
  return StateField.define({
    create: () => ({ tooltip: null, doc: null }),
    update(value, tr) {
      let doc = value.doc;
      for (const e of tr.effects) if (e.is(toggleDoc)) doc = e.value;
      if (tr.docChanged || tr.selection) doc = tr.effects.some((e) => e.is(toggleDoc)) ? doc : null;
      const pos = tr.state.selection.main.head;
      let tooltip = null;
      if (doc) {
        tooltip = { pos: doc.from, above: true, create: () => ({ dom: docTooltip(doc) }) };
      } else if (tr.state.selection.main.empty) {
        const call = callAt(tr.state, pos);
        const found = call && helperAt(model, tr.state, call.at - 1);
        if (found && found.helper.kind !== "field") {
          const key = `${found.helper.name}|${call.arg}|${call.at}`;
          // the same tooltip object while nothing it shows changes: CodeMirror keeps its DOM then
          if (value.tooltip && value.key === key) return { tooltip: value.tooltip, doc, key };
          tooltip = { pos: call.at, above: true, create: () => ({ dom: signatureNode(found.helper, call.arg) }) };
          return { tooltip, doc, key };
        }
      }
      if (doc && value.doc === doc && value.tooltip) return value;
      return { tooltip, doc };
    },
    provide: (f) => showTooltip.from(f, (v) => v.tooltip),
  });
}

// Mod-i: the diagnostics under the cursor (F8 moves to the next one) and the docs of the helper there.
function showDoc(model) {
  return (view) => {
    const pos = view.state.selection.main.head;
    const found = helperAt(model, view.state, pos);
    const messages = [];
    forEachDiagnostic(view.state, (d, from, to) => {
      if (from <= pos && pos <= to) messages.push(d);
    });
    if (!found && !messages.length) return false;
    view.dispatch({
      effects: toggleDoc.of({ helper: found && found.helper, messages, from: found ? found.from : pos }),
    });
    return true;
  };
}

function docTooltip(doc) {
  const box = node("div", "cm-tbkit-doc");
  for (const d of doc.messages) {
    box.append(node("div", `cm-tbkit-diagnostic cm-tbkit-diagnostic-${d.severity}`, `${d.severity}: ${d.message}`));
  }
  if (doc.helper) box.append(...docNode(doc.helper).childNodes);
  return box;
}

function closeDoc(field) {
  return (view) => {
    if (!view.state.field(field).doc) return false;
    view.dispatch({ effects: toggleDoc.of(null) });
    return true;
  };
}

const theme = EditorView.theme({
  ".cm-tooltip": {
    backgroundColor: "var(--jp-layout-color1, #fff)",
    color: "var(--jp-ui-font-color1, #1f1f1f)",
    border: "1px solid var(--jp-border-color1, #bbb)",
    fontFamily: "var(--jp-code-font-family, monospace)",
    fontSize: "var(--jp-code-font-size, 13px)",
    maxWidth: "min(560px, 90vw)",
  },
  ".cm-tooltip-autocomplete > ul > li[aria-selected]": {
    backgroundColor: "var(--jp-brand-color1, #1976d2)",
    color: "var(--jp-ui-inverse-font-color0, #fff)",
  },
  ".cm-tooltip-autocomplete > ul > li[aria-selected] .cm-completionDetail": { color: "inherit" },
  ".cm-completionDetail": { color: "var(--jp-ui-font-color1, #1f1f1f)", fontStyle: "normal", marginLeft: "0.8em" },
  ".cm-completionInfo": { maxWidth: "min(420px, 60vw)" },
  ".cm-tbkit-doc, .cm-tbkit-sig": { padding: "4px 8px", whiteSpace: "pre-wrap" },
  ".cm-tbkit-doc-sig, .cm-tbkit-sig-row": { fontWeight: "bold" },
  ".cm-tbkit-sig-arg": { textDecoration: "underline", color: "var(--jp-ui-font-color0, #000)" },
  ".cm-tbkit-doc-text": { fontFamily: "var(--jp-ui-font-family, sans-serif)", margin: "4px 0" },
  ".cm-tbkit-doc-more": {
    fontFamily: "var(--jp-ui-font-family, sans-serif)",
    color: "var(--jp-ui-font-color1, #1f1f1f)",
  },
  ".cm-tbkit-diagnostic": { fontFamily: "var(--jp-ui-font-family, sans-serif)", paddingLeft: "6px", margin: "2px 0" },
  ".cm-tbkit-diagnostic-error": { borderLeft: "4px solid var(--jp-error-color1, #d32f2f)" },
  ".cm-tbkit-diagnostic-warning": { borderLeft: "4px solid var(--jp-warn-color1, #f57c00)" },
  ".cm-diagnostic-warning": { borderLeft: "4px solid var(--jp-warn-color1, #f57c00)" },
  ".cm-lintRange-warning": { backgroundImage: "none", borderBottom: "2px dotted var(--jp-warn-color1, #f57c00)" },
  ".cm-lintRange-error": { backgroundImage: "none", borderBottom: "2px solid var(--jp-error-color1, #d32f2f)" },
});

// Everything the editor adds for writing help; `destroy` when the view goes.
export function assist(model) {
  const lint = lintBridge(model);
  const field = signatureField(model);
  const extensions = [
    tooltips({ parent: document.body }),
    autocompletion({ override: [completions(model)], icons: false, maxRenderedOptions: 60 }),
    hoverTooltip((view, pos) => {
      const found = helperAt(model, view.state, pos);
      return found
        ? { pos: found.from, end: found.to, above: true, create: () => ({ dom: docNode(found.helper) }) }
        : null;
    }),
    field,
    lint.extension,
    // Mod-i (CodeMirror's default: select the parent syntax) shows the docs here.
    Prec.high(
      keymap.of([
        { key: "Mod-i", run: showDoc(model) },
        { key: "Escape", run: closeDoc(field) },
      ]),
    ),
    keymap.of([...completionKeymap, ...lintKeymap]),
    theme,
  ];
  return { extensions, setRunError: lint.setRunError, destroy: lint.destroy };
}
