// tbkit.ui.KitStatus: one line about the kit.

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
