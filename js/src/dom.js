// Shared by every tbkit widget module (esbuild bundles it into each): DOM building that only
// ever inserts user data as text, times, plurals, and long values shown short.

/** An element; every child that is not a Node becomes a text node (never HTML). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children) node.append(child instanceof Node ? child : String(child ?? ""));
  return node;
}

let lastId = 0;

/** A fresh id for tying a <label for=...> to its field. */
export function uid(prefix = "tbkit") {
  lastId += 1;
  return `${prefix}-${lastId}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A label and its field, tied together with for/id (a grid row of two cells). */
export function field(label, input) {
  if (!input.id) input.id = uid("tbkit-field");
  return [el("label", { for: input.id }, label), input];
}

const pad = (n, width = 2) => String(n).padStart(width, "0");

/**
 * A time as `15:45:40.620` (24-hour, local, with milliseconds), preceded by the date
 * `2026-11-29` when it is not today. `now` is for tests.
 */
export function time(ts, now = new Date()) {
  if (ts === null || ts === undefined || ts === "") return "";
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return "";
  const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  const sameDay =
    d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  return sameDay ? clock : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock}`;
}

/** A table cell for a time; the date (when not today) goes on a line of its own. */
export function timeCell(ts) {
  const text = time(ts);
  return el("td", { class: "tbkit-mono tbkit-time", title: text }, text.replace(" ", "\n"));
}

/** `1 device`, `2 devices`, `0 errors`. */
export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A table cell for a long value (JSON, a message): one line in monospace, cut with an ellipsis;
 * a click (or Enter) shows the whole value and another folds it again.
 */
export function longCell(text, extraClass = "") {
  const value = String(text ?? "");
  return expandable(el("td", { class: `tbkit-long ${extraClass}`.trim(), title: value }, value), value);
}

/**
 * A table cell for a message that must be read even in a narrow column (an error): it wraps onto
 * up to three lines, then an ellipsis; a click (or Enter) shows all of it.
 */
export function wrapCell(text, extraClass = "") {
  const value = String(text ?? "");
  const cell = el("td", { class: `tbkit-wrap ${extraClass}`.trim(), title: value }, el("div", {}, value));
  return expandable(cell, value);
}

function expandable(cell, value) {
  if (!value) return cell;
  cell.tabIndex = 0;
  cell.setAttribute("role", "button");
  cell.setAttribute("aria-expanded", "false");
  cell.setAttribute("aria-label", "show the whole value");
  const toggle = () => {
    const open = cell.classList.toggle("tbkit-open");
    cell.setAttribute("aria-expanded", String(open));
  };
  cell.addEventListener("click", () => {
    if (!window.getSelection || String(window.getSelection()) === "") toggle();
  });
  cell.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      toggle();
    }
  });
  return cell;
}

/** `fn` at most once per `ms`, after the last call; `.now()` runs a pending call at once. */
export function debounce(fn, ms) {
  let timer = null;
  const wrapped = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  };
  wrapped.now = () => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    fn();
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}

/** Keep JupyterLab's notebook shortcuts (a, b, d d, Shift-Enter...) out of a widget's fields. */
export function ownKeys(node) {
  node.setAttribute("data-lm-suppress-shortcuts", "true");
  node.addEventListener("keydown", (event) => event.stopPropagation());
  return node;
}
