// tbkit.ui.UplinkMonitor: recent uplinks, newest first. User data only ever goes into text nodes.
// Selecting a row (click, or Enter on it) asks the kernel for its byte inspection, shown below.
import { el, longCell, ownKeys, timeCell, wrapCell } from "./dom.js";
import { inspectionGrid } from "./inspector.js";

const COLUMNS = [
  ["time", "tbkit-col-time"],
  ["device", "tbkit-col-device"],
  ["status", "tbkit-col-status"],
  ["output / error", "tbkit-col-long"],
];

function render({ model, el: root }) {
  const accepted = el("span", { class: "tbkit-counter", "data-tbkit": "accepted" });
  const failed = el("span", { class: "tbkit-counter", "data-tbkit": "failed" });
  const body = el("tbody");
  const table = el(
    "table",
    { class: "tbkit-fixed", "aria-label": "recent uplinks, newest first" },
    el("colgroup", {}, ...COLUMNS.map(([, cls]) => el("col", { class: cls }))),
    el("thead", {}, el("tr", {}, ...COLUMNS.map(([h]) => el("th", { scope: "col" }, h)))),
    body,
  );
  const grid = inspectionGrid({ label: "the selected uplink's bytes, coloured by the decoder line that read them" });
  const inspectTitle = el("span", { class: "tbkit-title" }, "");
  const inspectError = el("pre", { class: "tbkit-error-box", hidden: true });
  const close = el("button", { type: "button", "data-tbkit": "inspect-close" }, "Close");
  const inspection = el(
    "div",
    { class: "tbkit-insp-panel", "data-tbkit": "inspect-panel", hidden: true },
    el("div", { class: "tbkit-bar" }, inspectTitle, close),
    inspectError,
    grid.node,
  );
  const wrap = ownKeys(
    el(
      "div",
      { class: "tbkit tbkit-monitor" },
      el("div", { class: "tbkit-bar" }, el("span", { class: "tbkit-title" }, "Uplinks"), accepted, failed),
      el("div", { class: "tbkit-scroll" }, table),
      inspection,
    ),
  );
  let selected = null;
  function select(tr) {
    selected?.classList.remove("tbkit-selected");
    selected?.setAttribute("aria-selected", "false");
    selected = tr;
    if (!tr) {
      inspection.hidden = true;
      return;
    }
    tr.classList.add("tbkit-selected");
    tr.setAttribute("aria-selected", "true");
    inspectTitle.textContent = `Bytes read: ${tr.dataset.where} at ${tr.firstChild.textContent.replace("\n", " ")}`;
    inspectError.hidden = true;
    grid.show(null);
    inspection.hidden = false;
    model.send({ type: "inspect", id: Number(tr.dataset.id) });
  }
  close.addEventListener("click", () => select(null));
  body.addEventListener("click", (event) => {
    const tr = event.target.closest("tr.tbkit-row");
    if (tr && !event.target.closest(".tbkit-long")) select(tr);
  });
  body.addEventListener("keydown", (event) => {
    const tr = event.target.closest("tr.tbkit-row");
    if (tr && event.key === "Enter" && event.target === tr) select(tr);
  });
  root.append(wrap);

  function counters() {
    accepted.textContent = `${model.get("accepted")} accepted`;
    failed.textContent = `${model.get("failed")} failed`;
    failed.classList.toggle("tbkit-bad", model.get("failed") > 0);
  }

  function row(r) {
    const ok = r.status === "OK";
    const where = r.integration ? `${r.integration}: ${r.device}` : r.device;
    return el(
      "tr",
      {
        class: "tbkit-row",
        "data-id": r.id,
        "data-status": r.status,
        "data-where": where,
        tabindex: "0",
        "aria-selected": "false",
        title: "Select to see which bytes the decoder read",
      },
      timeCell(r.ts),
      el("td", { class: "tbkit-device tbkit-ellipsis", title: where }, r.device),
      el(
        "td",
        { class: `tbkit-status-cell ${ok ? "tbkit-ok" : "tbkit-err"}`, title: r.status },
        r.status.replace(/_/g, " "),
      ),
      // an error wraps onto three lines: it is what the row is about
      ok ? longCell(r.output, "tbkit-code") : wrapCell(r.error, "tbkit-code tbkit-err"),
    );
  }

  function onInspection(msg) {
    if (!selected || Number(selected.dataset.id) !== msg.id) return; // an answer for an older selection
    inspectError.textContent = msg.error || "";
    inspectError.hidden = !msg.error;
    grid.show(msg.data || null);
  }

  function onMsg(msg) {
    if (msg && msg.type === "inspection") return onInspection(msg);
    if (!msg || msg.type !== "rows") return;
    if (msg.reset) body.replaceChildren();
    const fragment = document.createDocumentFragment();
    for (const r of msg.rows) fragment.append(row(r));
    body.prepend(fragment);
    const max = model.get("max_rows");
    while (body.children.length > max) body.lastChild.remove();
  }

  counters();
  model.on("change:accepted", counters);
  model.on("change:failed", counters);
  model.on("msg:custom", onMsg);
  model.send({ type: "hello" });
  return () => {
    model.off("change:accepted", counters);
    model.off("change:failed", counters);
    model.off("msg:custom", onMsg);
  };
}

export default { render };
