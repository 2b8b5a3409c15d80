// tbkit.ui.AttributeEditor: attributes by scope, edit/add a shared one, pending downlinks.
// User data only ever goes into text nodes and input values.
import { el, longCell, ownKeys, timeCell, uid } from "./dom.js";

const SCOPES = ["CLIENT_SCOPE", "SHARED_SCOPE", "SERVER_SCOPE"];
const ATTRIBUTE_COLUMNS = [
  ["key", "tbkit-col-key"],
  ["value", "tbkit-col-long"],
  ["last update", "tbkit-col-time"],
  ["", "tbkit-col-action"],
];
const DOWNLINK_COLUMNS = [
  ["queued", "tbkit-col-time"],
  ["type", "tbkit-col-type"],
  ["message", "tbkit-col-long"],
  ["status", "tbkit-col-status"],
  ["done", "tbkit-col-time"], // when it left the queue: delivered, replaced, discarded or failed
  ["response / error", "tbkit-col-long"],
];

const scopeName = (s) => s.replace("_SCOPE", "").toLowerCase();

function table(columns, body, label, attrs = {}) {
  return el(
    "table",
    { class: "tbkit-fixed", "aria-label": label, ...attrs },
    el("colgroup", {}, ...columns.map(([, cls]) => el("col", { class: cls }))),
    el("thead", {}, el("tr", {}, ...columns.map(([h]) => el("th", { scope: "col" }, h)))),
    body,
  );
}

function render({ model, el: root }) {
  const picker = el("select", { "data-tbkit": "entity", id: uid("tbkit-entity") });
  const status = el("span", { "data-tbkit": "status", role: "status" });
  const scopes = el("div", { class: "tbkit-scopes" });
  const key = el("input", {
    type: "text",
    placeholder: "key",
    "aria-label": "attribute key",
    "data-tbkit": "key",
    size: 16,
  });
  const value = el("input", {
    type: "text",
    placeholder: "value (JSON or text)",
    "aria-label": "attribute value (JSON or text)",
    "data-tbkit": "value",
    size: 28,
  });
  const scope = el(
    "select",
    { "data-tbkit": "scope", "aria-label": "attribute scope" },
    el("option", { value: "SHARED_SCOPE" }, "shared"),
    el("option", { value: "SERVER_SCOPE" }, "server"),
  );
  const save = el("button", { class: "tbkit-primary", "data-tbkit": "save-attribute" }, "Save attribute");
  const downBody = el("tbody");
  const wrap = ownKeys(
    el(
      "div",
      { class: "tbkit tbkit-attributes" },
      el(
        "div",
        { class: "tbkit-bar" },
        el("label", { class: "tbkit-title", for: picker.id }, "Attributes of"),
        picker,
        status,
      ),
      scopes,
      el("div", { class: "tbkit-bar", role: "group", "aria-label": "save an attribute" }, key, value, scope, save),
      el("div", { class: "tbkit-title" }, "Downlinks"),
      el(
        "div",
        { class: "tbkit-scroll" },
        table(DOWNLINK_COLUMNS, downBody, "downlinks", { "data-tbkit": "downlinks" }),
      ),
    ),
  );
  wrap.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.target === key || event.target === value)) doSave();
  });
  root.append(wrap);

  function doSave() {
    model.send({ type: "save", key: key.value, value: value.value, scope: scope.value });
  }
  save.addEventListener("click", doSave);
  picker.addEventListener("change", () => {
    model.set("entity", picker.value);
    model.save_changes();
  });

  function edit(attr) {
    key.value = attr.key;
    value.value = attr.value;
    scope.value = attr.scope === "SERVER_SCOPE" ? "SERVER_SCOPE" : "SHARED_SCOPE";
    value.focus();
  }

  function attributeRow(s, a) {
    const button =
      s === "CLIENT_SCOPE"
        ? ""
        : el("button", { "aria-label": `edit ${scopeName(s)} attribute ${a.key}`, title: `edit ${a.key}` }, "edit");
    if (button) button.addEventListener("click", () => edit(a));
    return el(
      "tr",
      { class: "tbkit-attr", "data-scope": s, "data-key": a.key },
      el("td", { class: "tbkit-mono tbkit-ellipsis", title: a.key }, a.key),
      longCell(a.value, "tbkit-code"),
      timeCell(a.ts),
      el("td", {}, button),
    );
  }

  function scopeTable(s, attrs) {
    const rows = attrs.filter((a) => a.scope === s);
    const body = el("tbody", {}, ...rows.map((a) => attributeRow(s, a)));
    if (!rows.length) body.append(el("tr", {}, el("td", { class: "tbkit-muted", colspan: 4 }, "none")));
    const name = `${scopeName(s)} attributes`;
    return el(
      "details",
      { open: "" },
      el("summary", {}, `${name} (${rows.length})`),
      table(ATTRIBUTE_COLUMNS, body, name, { "data-tbkit": s }),
    );
  }

  function downlinkRow(d) {
    const cls = d.status === "FAILED" ? "tbkit-err" : d.status === "DELIVERED" ? "tbkit-ok" : "";
    return el(
      "tr",
      { class: "tbkit-downlink" + (d.status === "PENDING" ? " tbkit-pending" : ""), "data-status": d.status },
      timeCell(d.created),
      el("td", { class: "tbkit-ellipsis", title: d.msg_type }, d.msg_type),
      longCell(d.msg, "tbkit-code"),
      el("td", { class: `tbkit-status-cell ${cls}`, title: d.status }, d.status),
      timeCell(d.done),
      longCell(d.error || d.response, d.error ? "tbkit-code tbkit-err" : "tbkit-code"),
    );
  }

  function draw() {
    picker.replaceChildren(...model.get("entities").map((n) => el("option", { value: n }, n)));
    picker.value = model.get("entity") ?? "";
    status.textContent = model.get("status");
    status.className = model.get("status_kind") === "error" ? "tbkit-err" : "tbkit-ok";
    const attrs = model.get("attributes");
    scopes.replaceChildren(...SCOPES.map((s) => scopeTable(s, attrs)));
    const downlinks = model.get("downlinks");
    downBody.replaceChildren(...downlinks.map(downlinkRow));
    if (!downlinks.length) downBody.append(el("tr", {}, el("td", { class: "tbkit-muted", colspan: 6 }, "none")));
  }
  draw();
  const events = "change:entities change:entity change:attributes change:downlinks change:status change:status_kind";
  model.on(events, draw);
  return () => model.off(events, draw);
}

export default { render };
