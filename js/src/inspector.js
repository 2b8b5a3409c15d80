// The byte inspector's grid (tbkit.UplinkConverter.inspect, drawn from Inspection.to_view()):
// 16 bytes a row with offsets and an ASCII column, each byte coloured by the line that read it
// first (classes tbkit-rc0..11 in tbkit.css, light and dark), unread bytes outlined, a legend of
// the lines with their source text. The editor ties it to CodeMirror (inspector_editor.js, kept
// apart so the monitor's bundle carries no editor). User data (source text, call text) only ever
// goes into text nodes and attributes.
import { el } from "./dom.js";

const ROW = 16;
const hex = (n, width = 2) => n.toString(16).toUpperCase().padStart(width, "0");
const printable = (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".");

function linesText(lines) {
  if (lines.length === 1) return `line ${lines[0]}`;
  return `lines ${lines.slice(0, -1).join(", ")} and ${lines[lines.length - 1]}`;
}

/** A byte cell's accessible name, as tbkit.converters.inspection_html.accessible_name writes it. */
export function accessibleName(offset, value, reads, lines) {
  const head = `byte ${offset}, 0x${hex(value)}`;
  if (reads === null) return `${head}, reads not known`;
  if (reads === 0) return `${head}, not read`;
  if (lines.length === 0) return `${head}, read`;
  return `${head}, read by ${linesText(lines)}`;
}

function title(offset, value, reads, readers, lineText) {
  let head = `byte ${offset} (0x${hex(offset, 1)}): 0x${hex(value)} = ${value}`;
  if (printable(value) !== ".") head += ` '${printable(value)}'`;
  if (reads === null) return `${head}\nreads not known`;
  if (reads === 0) return `${head}\nnot read`;
  const rows = [head, `read ${reads} time${reads === 1 ? "" : "s"}`];
  for (const [line, call, count] of readers) {
    const where = line === null ? "somewhere" : `line ${line}`;
    const what = call || (line === null ? "" : lineText.get(line) || "");
    rows.push(`${where}: ${what}${count > 1 ? ` (×${count})` : ""}`);
  }
  return rows.join("\n");
}

/**
 * The grid of one inspection. `onByte(lines)` is called when a byte (or a legend line) is
 * chosen; `mark(line)` outlines the bytes `line` read (0: none).
 */
export function inspectionGrid({ onByte = () => {}, label = "payload bytes" } = {}) {
  const summary = el("div", { class: "tbkit-muted", "data-tbkit": "inspect-summary", role: "status" });
  const body = el("tbody");
  const grid = el("table", { class: "tbkit-insp-grid", role: "grid", "aria-label": label }, body);
  const legend = el("div", { class: "tbkit-insp-legend", "data-tbkit": "inspect-legend" });
  const more = el("div", { class: "tbkit-muted", hidden: true });
  const node = el(
    "div",
    { class: "tbkit-insp", "data-tbkit": "inspection", hidden: true },
    summary,
    grid,
    more,
    legend,
  );
  let cells = [];

  const choose = (lines) => {
    if (lines.length) onByte(lines);
  };

  function cell(offset, [value, colour, lines, reads, readers], lineText, complete) {
    const classes = ["tbkit-insp-byte"];
    if (colour >= 0) classes.push(`tbkit-rc${colour}`);
    else if (reads === 0 && complete) classes.push("tbkit-insp-unread");
    if (lines.length > 1) classes.push("tbkit-insp-multi");
    if (offset % ROW === 8) classes.push("tbkit-insp-gap");
    const td = el(
      "td",
      {
        class: classes.join(" "),
        role: "gridcell",
        tabindex: offset === 0 ? "0" : "-1",
        "data-offset": offset,
        "aria-label": accessibleName(offset, value, complete ? reads : null, lines),
        title: title(offset, value, complete ? reads : null, readers, lineText),
      },
      hex(value),
    );
    td.addEventListener("click", () => choose(lines));
    td.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: ROW, ArrowUp: -ROW }[event.key];
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        choose(lines);
      } else if (step && cells[offset + step]) {
        event.preventDefault();
        td.tabIndex = -1;
        cells[offset + step].tabIndex = 0;
        cells[offset + step].focus();
      }
    });
    td.tbkitLines = lines;
    return td;
  }

  function legendItem([line, text, colour]) {
    const item = el(
      "button",
      { type: "button", class: "tbkit-insp-line", "data-line": line, title: `Show line ${line} in the script` },
      el("span", { class: `tbkit-insp-swatch tbkit-rc${colour}` }, `line ${line}`),
      el("code", {}, text),
    );
    item.addEventListener("click", () => onByte([line]));
    return item;
  }

  function show(data) {
    if (!data || !data.bytes) {
      node.hidden = true;
      body.replaceChildren();
      legend.replaceChildren();
      cells = [];
      return;
    }
    const lineText = new Map(data.lines.map(([line, text]) => [line, text]));
    summary.textContent = data.summary;
    cells = data.bytes.map((b, offset) => cell(offset, b, lineText, data.complete !== false));
    const rows = [];
    for (let start = 0; start < cells.length; start += ROW) {
      const chunk = data.bytes.slice(start, start + ROW);
      rows.push(
        el(
          "tr",
          {},
          el("td", { class: "tbkit-insp-offset", "aria-hidden": "true" }, hex(start, 4)),
          ...cells.slice(start, start + ROW),
          el("td", { class: "tbkit-insp-ascii", "aria-hidden": "true" }, chunk.map(([v]) => printable(v)).join("")),
        ),
      );
    }
    body.replaceChildren(...rows);
    more.hidden = data.size <= data.bytes.length;
    more.textContent = more.hidden ? "" : `${data.size - data.bytes.length} more bytes not shown`;
    legend.replaceChildren(...data.lines.map(legendItem));
    node.hidden = false;
  }

  function mark(line) {
    for (const td of cells) td.classList.toggle("tbkit-insp-hl", line > 0 && td.tbkitLines.includes(line));
    for (const item of legend.children) item.classList.toggle("tbkit-insp-hl", Number(item.dataset.line) === line);
  }

  return { node, show, mark };
}
