// tbkit.ui.UplinkMonitor: recent uplinks, newest first. User data only ever goes into text nodes.

function render({ model, el: root }) {
  const accepted = el("span", { class: "tbkit-counter", "data-tbkit": "accepted" });
  const failed = el("span", { class: "tbkit-counter", "data-tbkit": "failed" });
  const body = el("tbody");
  const head = el("thead", {}, el("tr", {}, ...["time", "integration", "device", "status", "output", "error"].map((h) => el("th", {}, h))));
  const wrap = el("div", { class: "tbkit tbkit-monitor" },
    el("div", { class: "tbkit-bar" }, el("span", { class: "tbkit-title" }, "Uplinks"), accepted, failed),
    el("div", { class: "tbkit-scroll" }, el("table", {}, head, body)));
  root.append(wrap);

  function counters() {
    accepted.textContent = `accepted ${model.get("accepted")}`;
    failed.textContent = `failed ${model.get("failed")}`;
    failed.classList.toggle("tbkit-bad", model.get("failed") > 0);
  }

  function row(r) {
    const ok = r.status === "OK";
    return el("tr", { class: "tbkit-row", "data-id": r.id },
      el("td", { class: "tbkit-mono tbkit-nowrap" }, time(r.ts)),
      el("td", { class: "tbkit-nowrap" }, r.integration),
      el("td", { class: "tbkit-device tbkit-nowrap" }, r.device),
      el("td", { class: ok ? "tbkit-ok" : "tbkit-err" }, r.status),
      el("td", { class: "tbkit-code tbkit-clip", title: r.output }, r.output),
      el("td", { class: "tbkit-code tbkit-clip tbkit-err", title: r.error }, r.error));
  }

  function onMsg(msg) {
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
