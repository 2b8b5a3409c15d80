// tbkit.ui.KitStatus: one line about the kit.
import { el, plural } from "./dom.js";

function render({ model, el: root }) {
  const url = el("code", { "data-tbkit": "url", class: "tbkit-ellipsis" });
  const devices = el("span", { class: "tbkit-counter", "data-tbkit": "devices" });
  const uplinks = el("span", { class: "tbkit-counter", "data-tbkit": "uplinks" });
  const errors = el("span", { class: "tbkit-counter", "data-tbkit": "errors" });
  const integrations = el("span", { class: "tbkit-muted", "data-tbkit": "integrations" });
  root.append(
    el(
      "div",
      { class: "tbkit tbkit-status", role: "status", "aria-live": "off" },
      el(
        "div",
        { class: "tbkit-bar" },
        el("span", { class: "tbkit-title" }, "tbkit"),
        url,
        devices,
        uplinks,
        errors,
        integrations,
      ),
    ),
  );
  function draw() {
    url.textContent = model.get("url");
    url.title = model.get("url");
    devices.textContent = plural(model.get("devices"), "device");
    // the same words as the uplink monitor's and the integration panel's counters
    uplinks.textContent = `${plural(model.get("uplinks"), "uplink")} accepted`;
    errors.textContent = `${model.get("errors")} failed`;
    errors.classList.toggle("tbkit-bad", model.get("errors") > 0);
    const names = model.get("integrations");
    integrations.textContent = names.length
      ? `${names.length === 1 ? "integration" : "integrations"} ${names.join(", ")}`
      : "";
  }
  draw();
  const events = "change:url change:devices change:uplinks change:errors change:integrations";
  model.on(events, draw);
  return () => model.off(events, draw);
}

export default { render };
