// tbkit.ui.IntegrationPanel: URL with copy, curl per content type, security headers, enabled, counters.
import { el, ownKeys } from "./dom.js";

async function copy(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = el("textarea");
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  const label = button.textContent;
  button.textContent = "copied";
  setTimeout(() => {
    button.textContent = label;
  }, 1200);
}

/** A copy button named after what it copies ("copy the endpoint URL"), told apart by screen readers. */
function copyButton(what, getText) {
  const button = el("button", { "data-tbkit": "copy", "aria-label": `copy ${what}`, title: `copy ${what}` }, "copy");
  button.addEventListener("click", () => copy(getText(), button));
  return button;
}

function render({ model, el: root }) {
  const title = el("span", { class: "tbkit-title" });
  const processed = el("span", { class: "tbkit-counter", "data-tbkit": "processed" });
  const errors = el("span", { class: "tbkit-counter", "data-tbkit": "errors" });
  const url = el("code", { "data-tbkit": "url", class: "tbkit-break" });
  const enabled = el("input", { type: "checkbox", "data-tbkit": "enabled" });
  const security = el("input", { type: "checkbox", "data-tbkit": "security" });
  const headers = el("div", {
    class: "tbkit-grid2",
    "data-tbkit": "headers",
    role: "group",
    "aria-label": "security headers",
  });
  const curls = el("div", { "data-tbkit": "curls" });
  const wrap = ownKeys(
    el(
      "div",
      { class: "tbkit tbkit-panel" },
      el("div", { class: "tbkit-bar" }, title, processed, errors),
      el(
        "div",
        { class: "tbkit-bar" },
        el("span", {}, "Endpoint"),
        url,
        copyButton("the endpoint URL", () => model.get("url")),
      ),
      el(
        "div",
        { class: "tbkit-bar" },
        el("label", {}, enabled, " enabled"),
        el("label", {}, security, " security headers"),
      ),
      headers,
      curls,
    ),
  );
  root.append(wrap);

  enabled.addEventListener("change", () => {
    model.set("enabled", enabled.checked);
    model.save_changes();
  });
  security.addEventListener("change", () => {
    model.set("security_enabled", security.checked);
    model.save_changes();
  });

  function setHeaders(list) {
    model.set("headers", list);
    model.save_changes();
  }

  function headerRow(list, h, i) {
    const n = i + 1;
    const name = el("input", { type: "text", size: 16, placeholder: "header", "aria-label": `header ${n} name` });
    const value = el("input", { type: "text", size: 24, placeholder: "value", "aria-label": `header ${n} value` });
    const remove = el(
      "button",
      {
        "aria-label": `remove header ${h.name || n}`,
        title: `remove header ${h.name || n}`,
        "data-tbkit": "remove-header",
      },
      "remove",
    );
    name.value = h.name;
    value.value = h.value;
    const change = () => setHeaders(list.map((x, j) => (j === i ? { name: name.value, value: value.value } : x)));
    name.addEventListener("change", change);
    value.addEventListener("change", change);
    remove.addEventListener("click", () => setHeaders(list.filter((_, j) => j !== i)));
    return [name, el("span", {}, value, " ", remove)];
  }

  function drawHeaders() {
    const list = model.get("headers");
    const add = el("button", { "data-tbkit": "add-header" }, "add header");
    add.addEventListener("click", () => setHeaders([...list, { name: "X-Api-Key", value: "" }]));
    headers.replaceChildren(...list.flatMap((h, i) => headerRow(list, h, i)), add, el("span"));
    headers.hidden = !model.get("security_enabled");
  }

  function draw() {
    title.textContent = model.get("name");
    processed.textContent = `${model.get("processed")} accepted`;
    errors.textContent = `${model.get("errors")} failed`;
    errors.classList.toggle("tbkit-bad", model.get("errors") > 0);
    url.textContent = model.get("url");
    enabled.checked = model.get("enabled");
    security.checked = model.get("security_enabled");
    curls.replaceChildren(
      ...Object.entries(model.get("curls")).map(([ct, cmd]) =>
        el(
          "details",
          {},
          el("summary", {}, `curl ${ct}`),
          el(
            "div",
            { class: "tbkit-bar" },
            copyButton(`the curl command for ${ct}`, () => cmd),
          ),
          el("pre", {}, cmd),
        ),
      ),
    );
  }
  draw();
  drawHeaders();
  const events =
    "change:name change:processed change:errors change:url change:enabled change:security_enabled change:curls";
  model.on(events, draw);
  model.on("change:headers change:security_enabled", drawHeaders);
  return () => {
    model.off(events, draw);
    model.off("change:headers change:security_enabled", drawHeaders);
  };
}

export default { render };
