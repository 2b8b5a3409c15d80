// tbkit.ui.AttributeEditor: attributes by scope, edit/add a shared one, pending downlinks.
// User data only ever goes into text nodes and input values.

const SCOPES = ["CLIENT_SCOPE", "SHARED_SCOPE", "SERVER_SCOPE"];

function render({ model, el: root }) {
  const picker = el("select", { "data-tbkit": "entity" });
  const status = el("span", { "data-tbkit": "status" });
  const scopes = el("div", { class: "tbkit-scopes" });
  const key = el("input", { type: "text", placeholder: "key", "data-tbkit": "key", size: 16 });
  const value = el("input", { type: "text", placeholder: "value (JSON or text)", "data-tbkit": "value", size: 28 });
  const scope = el("select", { "data-tbkit": "scope" }, el("option", { value: "SHARED_SCOPE" }, "shared"),
    el("option", { value: "SERVER_SCOPE" }, "server"));
  const save = el("button", { class: "tbkit-primary", "data-tbkit": "save-attribute" }, "Save");
  const downBody = el("tbody");
  const wrap = el("div", { class: "tbkit tbkit-attributes", "data-lm-suppress-shortcuts": "true" },
    el("div", { class: "tbkit-bar" }, el("span", { class: "tbkit-title" }, "Attributes of"), picker, status),
    scopes,
    el("div", { class: "tbkit-bar" }, key, value, scope, save),
    el("div", { class: "tbkit-title" }, "Downlinks"),
    el("div", { class: "tbkit-scroll" }, el("table", { "data-tbkit": "downlinks" },
      el("thead", {}, el("tr", {}, ...["queued", "type", "message", "status", "delivered", "response / error"].map((h) => el("th", {}, h)))),
      downBody)));
  wrap.addEventListener("keydown", (event) => {
    event.stopPropagation();
    if (event.key === "Enter" && (event.target === key || event.target === value)) doSave();
  });
  root.append(wrap);

  function doSave() {
    model.send({ type: "save", key: key.value, value: value.value, scope: scope.value });
  }
  save.addEventListener("click", doSave);
  picker.addEventListener("change", () => { model.set("entity", picker.value); model.save_changes(); });

  function edit(attr) {
    key.value = attr.key;
    value.value = attr.value;
    scope.value = attr.scope === "SERVER_SCOPE" ? "SERVER_SCOPE" : "SHARED_SCOPE";
    value.focus();
  }

  function draw() {
    picker.replaceChildren(...model.get("entities").map((n) => el("option", { value: n }, n)));
    picker.value = model.get("entity") ?? "";
    status.textContent = model.get("status");
    status.className = model.get("status_kind") === "error" ? "tbkit-err" : "tbkit-ok";
    const attrs = model.get("attributes");
    scopes.replaceChildren(...SCOPES.map((s) => {
      const rows = attrs.filter((a) => a.scope === s);
      const body = el("tbody", {}, ...rows.map((a) => {
        const tr = el("tr", { class: "tbkit-attr", "data-scope": s, "data-key": a.key },
          el("td", { class: "tbkit-mono" }, a.key), el("td", { class: "tbkit-code" }, a.value),
          el("td", { class: "tbkit-muted" }, time(a.ts)),
          el("td", {}, s === "CLIENT_SCOPE" ? "" : el("button", { title: "edit" }, "edit")));
        tr.querySelector("button")?.addEventListener("click", () => edit(a));
        return tr;
      }));
      if (!rows.length) body.append(el("tr", {}, el("td", { class: "tbkit-muted", colspan: 4 }, "none")));
      return el("details", { open: "" }, el("summary", {}, s.replace("_SCOPE", "").toLowerCase() + " attributes (" + rows.length + ")"),
        el("table", { "data-tbkit": s }, body));
    }));
    downBody.replaceChildren(...model.get("downlinks").map((d) => el("tr", { class: "tbkit-downlink" + (d.status === "PENDING" ? " tbkit-pending" : ""), "data-status": d.status },
      el("td", { class: "tbkit-mono" }, time(d.created)), el("td", {}, d.msg_type), el("td", { class: "tbkit-code" }, d.msg),
      el("td", { class: d.status === "FAILED" ? "tbkit-err" : d.status === "DELIVERED" ? "tbkit-ok" : "" }, d.status),
      el("td", { class: "tbkit-mono" }, time(d.done)), el("td", { class: "tbkit-code" }, d.error || d.response))));
  }
  draw();
  const events = "change:entities change:entity change:attributes change:downlinks change:status change:status_kind";
  model.on(events, draw);
  return () => model.off(events, draw);
}

export default { render };
