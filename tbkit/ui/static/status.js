// tbkit.ui.KitStatus: one line about the kit.

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child instanceof Node ? child : String(child ?? ""));
  return node;
}

function time(ts) {
  if (ts === null || ts === undefined) return "";
  const d = new Date(ts);
  return d.toLocaleTimeString() + "." + String(d.getMilliseconds()).padStart(3, "0");
}

function render({ model, el: root }) {
  const url = el("code", { "data-tbkit": "url" });
  const devices = el("span", { class: "tbkit-counter", "data-tbkit": "devices" });
  const uplinks = el("span", { class: "tbkit-counter", "data-tbkit": "uplinks" });
  const errors = el("span", { class: "tbkit-counter", "data-tbkit": "errors" });
  const integrations = el("span", { class: "tbkit-muted" });
  root.append(el("div", { class: "tbkit tbkit-status" },
    el("div", { class: "tbkit-bar" }, el("span", { class: "tbkit-title" }, "tbkit"), url, devices, uplinks, errors, integrations)));
  function draw() {
    url.textContent = model.get("url");
    devices.textContent = model.get("devices") + " devices";
    uplinks.textContent = model.get("uplinks") + " uplinks";
    errors.textContent = model.get("errors") + " errors";
    errors.classList.toggle("tbkit-bad", model.get("errors") > 0);
    integrations.textContent = model.get("integrations").join(", ");
  }
  draw();
  const events = "change:url change:devices change:uplinks change:errors change:integrations";
  model.on(events, draw);
  return () => model.off(events, draw);
}

export default { render };
