// tbkit.ui.TelemetryPlot: plotly.js from the installed plotly package, fed only new points.
// Messages from Python: snapshot (every trace's window), extend (one per feed flush), visible.
// Trace names arrive HTML-escaped (plotly reads some HTML in them); math typesetting is off.
// Colours follow JupyterLab's theme (its CSS variables) and follow it again when it changes.

const LOADING = "__tbkitPlotlyLoading"; // globalThis key: one load of plotly.js per page
// Telemetry stays on this machine: no "Share chart" (cloud) or "edit in" actions, no links out.
export const CONFIG = {
  displaylogo: false,
  typesetMath: false,
  responsive: false,
  showSendToCloud: false,
  plotlyServerURL: "",
  modeBarButtonsToRemove: ["sendDataToCloud", "editInChartStudio", "sendChartToCloud"],
};

const TOOLBAR = 32; // px: the toolbar's strip at the top right; the legend starts below it
const LONE_POINT_MS = 60_000; // a lone instant is shown with a minute either side

function loadScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.onload = resolve;
    script.onerror = () => reject(new Error("tbkit: plotly.js did not load"));
    document.head.append(script);
  });
}

// plotly.min.js is a UMD bundle (not an ES module, not necessarily strict-mode safe): it runs as a
// classic script from a Blob URL made of the bytes of the kernel's one PlotlyJS model.
function loadPlotly(model) {
  if (globalThis.Plotly && globalThis.Plotly.extendTraces) return Promise.resolve(globalThis.Plotly);
  if (!globalThis[LOADING]) {
    globalThis[LOADING] = (async () => {
      const ref = String(model.get("plotly"));
      const source = await model.widget_manager.get_model(ref.replace(/^IPY_MODEL_/, ""));
      const url = URL.createObjectURL(new Blob([source.get("source")], { type: "text/javascript" }));
      try {
        await loadScript(url);
      } finally {
        URL.revokeObjectURL(url);
      }
      if (!globalThis.Plotly) throw new Error("tbkit: plotly.js ran but defined no Plotly");
      return globalThis.Plotly;
    })();
    globalThis[LOADING].catch(() => {
      delete globalThis[LOADING];
    }); // the next render tries again
  }
  return globalThis[LOADING];
}

function trace(t) {
  return {
    type: "scatter",
    mode: "lines+markers",
    name: t.name,
    x: t.x,
    y: t.y,
    visible: t.visible,
    connectgaps: false,
    line: { color: t.color },
    marker: { color: t.color },
  };
}

function cssVar(node, name, fallback) {
  const value = getComputedStyle(node).getPropertyValue(name).trim();
  return value || fallback;
}

/** The theme's colours as plotly layout attributes (dotted paths). */
export function themeAttributes(node) {
  const fg = cssVar(node, "--jp-ui-font-color1", "#222");
  const muted = cssVar(node, "--jp-ui-font-color2", "#666");
  const bg = cssVar(node, "--jp-layout-color0", "#fff");
  const grid = cssVar(node, "--jp-border-color2", "#e0e0e0");
  const line = cssVar(node, "--jp-border-color1", "#bdbdbd");
  const attrs = {
    paper_bgcolor: bg,
    plot_bgcolor: bg,
    "font.color": fg,
    "title.font.color": fg,
    "legend.font.color": fg,
    "legend.bgcolor": "rgba(0,0,0,0)",
    "hoverlabel.bgcolor": cssVar(node, "--jp-layout-color2", "#eee"),
    "hoverlabel.font.color": fg,
    "modebar.bgcolor": "rgba(0,0,0,0)",
    "modebar.color": muted,
    "modebar.activecolor": fg,
  };
  for (const axis of ["xaxis", "yaxis"]) {
    Object.assign(attrs, {
      [`${axis}.gridcolor`]: grid,
      [`${axis}.zerolinecolor`]: line,
      [`${axis}.linecolor`]: line,
      [`${axis}.tickfont.color`]: muted,
      [`${axis}.title.font.color`]: fg,
    });
  }
  return attrs;
}

function withTheme(layout, node) {
  const out = structuredClone(layout);
  for (const [path, value] of Object.entries(themeAttributes(node))) {
    const parts = path.split(".");
    let at = out;
    for (const part of parts.slice(0, -1)) at = at[part] = { ...(at[part] || {}) };
    at[parts[parts.length - 1]] = value;
  }
  return out;
}

async function render({ model, el }) {
  const heading = document.createElement("div");
  heading.className = "tbkit tbkit-title tbkit-plot-title";
  heading.textContent = model.get("title");
  const box = document.createElement("div");
  box.className = "tbkit-plot";
  box.setAttribute("role", "img");
  box.setAttribute("aria-label", `${model.get("title") || "telemetry"} plot`);
  el.append(heading, box);
  let Plotly;
  try {
    Plotly = await loadPlotly(model);
  } catch (error) {
    // e.g. a Content-Security-Policy without blob: scripts
    box.textContent = String(error.message || error);
    return () => {};
  }
  let ready = false; // a snapshot was drawn: extends apply on top of it
  let queue = Promise.resolve();

  // The legend sits at the top of the figure, under the toolbar's strip (the toolbar would cover the
  // legend's right end once the series fill a row): the plot area starts below both, however many
  // rows the legend wraps into at this width.
  async function fitLegend() {
    const legend = box.querySelector(".legend");
    const height = legend ? Math.ceil(legend.getBoundingClientRect().height) : 0;
    const want = TOOLBAR + height + 8;
    const y = 1 - TOOLBAR / (box.layout.height || 380);
    const now = box.layout.legend?.y ?? 1;
    if (Math.abs((box.layout.margin?.t ?? 0) - want) > 1 || Math.abs(now - y) > 0.001)
      await Plotly.relayout(box, { "margin.t": want, "legend.y": y });
  }

  // One instant on the time axis (a single uplink) would get an axis of sub-millisecond ticks:
  // show a minute either side of it instead, until a second instant comes.
  let pinned = false;
  async function fitTime() {
    const xs = new Set();
    for (const t of box.data) {
      for (const x of t.x) {
        xs.add(x);
        if (xs.size > 1) break;
      }
      if (xs.size > 1) break;
    }
    if (xs.size === 1) {
      const [x] = xs;
      pinned = true;
      await Plotly.relayout(box, { "xaxis.range": [x - LONE_POINT_MS, x + LONE_POINT_MS] });
    } else if (pinned) {
      pinned = false;
      await Plotly.relayout(box, { "xaxis.autorange": true });
    }
  }

  async function apply(msg) {
    if (msg.type === "snapshot") {
      ready = true;
      await Plotly.react(box, msg.traces.map(trace), withTheme(model.get("figure_layout"), box), CONFIG);
      await fitLegend();
      await fitTime();
    } else if (!ready) {
      return; // the snapshot asked for below includes this
    } else if (msg.type === "extend") {
      if (box.data.length !== msg.n) {
        // out of step: start over from a snapshot
        ready = false;
        model.send({ type: "hello" });
        return;
      }
      if (msg.new.length) {
        await Plotly.addTraces(box, msg.new.map(trace));
        await fitLegend();
      }
      if (msg.index.length) {
        // append the new points, then keep the last `keep` of each trace: old points leave the window
        await Plotly.extendTraces(box, { x: msg.x, y: msg.y }, msg.index, { x: msg.keep, y: msg.keep });
      }
      if (msg.new.length || msg.index.length) await fitTime();
      if (msg.colors && msg.colors.length === box.data.length) {
        const all = msg.colors.map((_, i) => i);
        await Plotly.restyle(box, { "line.color": msg.colors, "marker.color": msg.colors }, all);
      }
    } else if (msg.type === "visible" && msg.visible.length === box.data.length) {
      await Plotly.restyle(
        box,
        { visible: msg.visible },
        msg.visible.map((_, i) => i),
      );
    }
  }

  function onMsg(msg) {
    if (!msg || typeof msg.type !== "string") return;
    queue = queue.then(() => apply(msg)).catch((error) => console.error("tbkit plot:", error));
  }

  const retheme = () => {
    if (ready) queue = queue.then(() => Plotly.relayout(box, themeAttributes(box))).catch(() => {});
  };
  const themeWatch = new MutationObserver(retheme);
  themeWatch.observe(document.body, {
    attributes: true,
    attributeFilter: ["data-jp-theme-name", "data-jp-theme-light"],
  });
  const resize = new ResizeObserver(() => {
    if (ready && box.offsetWidth > 0) {
      queue = queue
        .then(() => Plotly.Plots.resize(box))
        .then(fitLegend)
        .catch(() => {});
    }
  });
  resize.observe(box);
  model.on("msg:custom", onMsg);
  model.send({ type: "hello" });
  return () => {
    model.off("msg:custom", onMsg);
    resize.disconnect();
    themeWatch.disconnect();
    Plotly.purge(box);
  };
}

export default { render };
