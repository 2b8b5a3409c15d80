// tbkit.ui.EventsViewer: debug events newest first, filtered in the page. Text nodes only.
import { el, longCell, ownKeys, timeCell, wrapCell } from "./dom.js";

// Below about 760 px of table width (a 1024 px window beside the file browser) the in, out and
// metadata columns step aside (tbkit-wide-only), so that the error still reads: it wraps onto
// three lines. The search box still finds text in them; a wider view or kit.events() shows them.
const WIDE = "tbkit-wide-only";
const COLUMNS = [
  ["time", "tbkit-col-time"],
  ["event", "tbkit-col-event"],
  ["name", "tbkit-col-name"],
  ["status", "tbkit-col-estatus"],
  ["in / message", `tbkit-col-long ${WIDE}`],
  ["out", `tbkit-col-long ${WIDE}`],
  ["metadata", `tbkit-col-long ${WIDE}`],
  ["error", "tbkit-col-error"],
];

function render({ model, el: root }) {
  let rows = [];
  const select = (name, label, options) => {
    const node = el(
      "select",
      { "data-tbkit": name, "aria-label": label },
      ...options.map(([v, text]) => el("option", { value: v }, text)),
    );
    node.value = model.get(name);
    node.addEventListener("change", () => {
      model.set(name, node.value);
      model.save_changes();
      draw();
    });
    return node;
  };
  const type = select("event_type", "event type", [
    ["", "all events"],
    ["DEBUG_CONVERTER", "converter"],
    ["DEBUG_INTEGRATION", "integration"],
  ]);
  const status = select("status", "status", [
    ["", "any status"],
    ["OK", "OK"],
    ["ERROR", "ERROR"],
    ["FAILURE", "FAILURE"],
    ["FORBIDDEN", "FORBIDDEN"],
  ]);
  const integration = el("select", { "data-tbkit": "integration", "aria-label": "integration" });
  integration.addEventListener("change", () => {
    model.set("integration", integration.value);
    model.save_changes();
    draw();
  });
  const search = el("input", {
    type: "search",
    placeholder: "search",
    "aria-label": "search the events",
    "data-tbkit": "search",
    size: 18,
  });
  search.value = model.get("text");
  search.addEventListener("input", () => {
    model.set("text", search.value);
    model.save_changes();
    draw();
  });
  const count = el("span", { class: "tbkit-muted", "data-tbkit": "count", "aria-live": "polite" });
  const body = el("tbody");
  const table = el(
    "table",
    { class: "tbkit-fixed", "aria-label": "debug events, newest first" },
    el("colgroup", {}, ...COLUMNS.map(([, cls]) => el("col", { class: cls }))),
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        ...COLUMNS.map(([h, cls]) => el("th", { scope: "col", class: cls.includes(WIDE) ? WIDE : undefined }, h)),
      ),
    ),
    body,
  );
  const wrap = ownKeys(
    el(
      "div",
      { class: "tbkit tbkit-events" },
      el(
        "div",
        { class: "tbkit-bar" },
        el("span", { class: "tbkit-title" }, "Events"),
        type,
        status,
        integration,
        search,
        count,
      ),
      el("div", { class: "tbkit-scroll" }, table),
    ),
  );
  root.append(wrap);

  function visible(r) {
    const needle = model.get("text").toLowerCase();
    return (
      (!model.get("event_type") || r.event_type === model.get("event_type")) &&
      (!model.get("status") || r.status === model.get("status")) &&
      (!model.get("integration") || r.integration === model.get("integration")) &&
      (!needle || Object.values(r).some((v) => String(v).toLowerCase().includes(needle)))
    );
  }

  function row(r) {
    const converter = r.event_type === "DEBUG_CONVERTER";
    const what = `${converter ? "converter" : "integration"}\n${r.type}`.trim();
    const error = r.error + (r.logs ? "\nconsole.log:\n" + r.logs : "");
    return el(
      "tr",
      { class: "tbkit-event", "data-status": r.status },
      timeCell(r.ts),
      el("td", { class: "tbkit-lines", title: what.replace("\n", " ") }, what),
      el("td", { title: r.name }, el("div", { class: "tbkit-clamp2" }, r.name)),
      el(
        "td",
        { class: `tbkit-status-cell ${r.status === "OK" ? "tbkit-ok" : "tbkit-err"}`, title: r.status },
        r.status,
      ),
      longCell(converter ? r.in : r.message, `tbkit-code ${WIDE}`),
      longCell(r.out, `tbkit-code ${WIDE}`),
      longCell(r.metadata, `tbkit-code ${WIDE}`),
      wrapCell(error, "tbkit-code tbkit-err"), // wraps: the column is narrow beside a file browser
    );
  }

  function draw() {
    const names = [...new Set(rows.map((r) => r.integration).filter(Boolean))].sort();
    integration.replaceChildren(
      el("option", { value: "" }, "any integration"),
      ...names.map((n) => el("option", { value: n }, n)),
    );
    integration.value = model.get("integration");
    const shown = rows.filter(visible);
    count.textContent = `${shown.length} of ${rows.length}`;
    body.replaceChildren(...shown.slice(0, 300).map(row));
  }

  let pending = null;
  function onMsg(msg) {
    if (!msg || msg.type !== "rows") return;
    rows = msg.reset ? msg.rows : msg.rows.concat(rows);
    rows.length = Math.min(rows.length, model.get("max_rows"));
    if (pending === null)
      pending = requestAnimationFrame(() => {
        pending = null;
        draw();
      });
  }
  model.on("msg:custom", onMsg);
  model.send({ type: "hello" });
  draw();
  return () => model.off("msg:custom", onMsg);
}

export default { render };
