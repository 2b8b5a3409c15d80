// tbkit.ui.EventsViewer: debug events newest first, filtered in the page. Text nodes only.

function render({ model, el: root }) {
  let rows = [];
  const select = (name, options) => {
    const node = el("select", { "data-tbkit": name }, ...options.map(([v, label]) => el("option", { value: v }, label)));
    node.value = model.get(name);
    node.addEventListener("change", () => { model.set(name, node.value); model.save_changes(); draw(); });
    return node;
  };
  const type = select("event_type", [["", "all events"], ["DEBUG_CONVERTER", "converter"], ["DEBUG_INTEGRATION", "integration"]]);
  const status = select("status", [["", "any status"], ["OK", "OK"], ["ERROR", "ERROR"], ["FAILURE", "FAILURE"], ["FORBIDDEN", "FORBIDDEN"]]);
  const integration = el("select", { "data-tbkit": "integration" });
  integration.addEventListener("change", () => { model.set("integration", integration.value); model.save_changes(); draw(); });
  const search = el("input", { type: "search", placeholder: "search", "data-tbkit": "search", size: 18 });
  search.value = model.get("text");
  search.addEventListener("input", () => { model.set("text", search.value); model.save_changes(); draw(); });
  const count = el("span", { class: "tbkit-muted" });
  const body = el("tbody");
  const headers = ["time", "event", "type", "name", "status", "in / message", "out", "metadata", "error"];
  const wrap = el("div", { class: "tbkit tbkit-events", "data-lm-suppress-shortcuts": "true" },
    el("div", { class: "tbkit-bar" }, el("span", { class: "tbkit-title" }, "Events"), type, status, integration, search, count),
    el("div", { class: "tbkit-scroll" }, el("table", {}, el("thead", {}, el("tr", {}, ...headers.map((h) => el("th", {}, h)))), body)));
  wrap.addEventListener("keydown", (event) => event.stopPropagation());
  root.append(wrap);

  function visible(r) {
    const needle = model.get("text").toLowerCase();
    return (!model.get("event_type") || r.event_type === model.get("event_type"))
      && (!model.get("status") || r.status === model.get("status"))
      && (!model.get("integration") || r.integration === model.get("integration"))
      && (!needle || Object.values(r).some((v) => String(v).toLowerCase().includes(needle)));
  }

  function row(r) {
    const converter = r.event_type === "DEBUG_CONVERTER";
    const cell = (text) => el("td", { class: "tbkit-code tbkit-clip", title: text }, text);
    return el("tr", { class: "tbkit-event", "data-status": r.status },
      el("td", { class: "tbkit-mono tbkit-nowrap" }, time(r.ts)), el("td", {}, converter ? "converter" : "integration"),
      el("td", {}, r.type), el("td", {}, r.name),
      el("td", { class: r.status === "OK" ? "tbkit-ok" : "tbkit-err" }, r.status),
      cell(converter ? r.in : r.message), cell(r.out), cell(r.metadata),
      el("td", { class: "tbkit-code tbkit-err" }, r.error + (r.logs ? "\nconsole.log:\n" + r.logs : "")));
  }

  function draw() {
    const names = [...new Set(rows.map((r) => r.integration).filter(Boolean))].sort();
    integration.replaceChildren(el("option", { value: "" }, "any integration"), ...names.map((n) => el("option", { value: n }, n)));
    integration.value = model.get("integration");
    const shown = rows.filter(visible);
    count.textContent = shown.length + " of " + rows.length;
    body.replaceChildren(...shown.slice(0, 300).map(row));
  }

  let pending = null;
  function onMsg(msg) {
    if (!msg || msg.type !== "rows") return;
    rows = msg.reset ? msg.rows : msg.rows.concat(rows);
    rows.length = Math.min(rows.length, model.get("max_rows"));
    if (pending === null) pending = requestAnimationFrame(() => { pending = null; draw(); });
  }
  model.on("msg:custom", onMsg);
  model.send({ type: "hello" });
  draw();
  return () => model.off("msg:custom", onMsg);
}

export default { render };
