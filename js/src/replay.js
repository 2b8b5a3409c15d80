// The converter editor's Replay section (tbkit.ui.ConverterEditor, see tbkit/ui/_replay_panel.py):
// a Replay button under the script, progress and Cancel while it runs, then the summary and
// the first differing uplinks as diffs. Every text from the kernel is put in as text, never HTML.

import { el, time } from "./dom.js";

const number = (n) => Number(n).toLocaleString("en-US");
const count = (n, one, many = `${one}s`) => `${number(n)} ${n === 1 ? one : many}`;

// summary key -> its label; a counter with a non-zero value of a "bad" key is marked
const COUNTERS = [
  ["same", (n) => `${number(n)} same`, false],
  ["changed", (n) => `${number(n)} changed`, false],
  ["new_errors", (n) => count(n, "new error"), true],
  ["fixed_errors", (n) => count(n, "fixed error"), false],
];
const LINE_CLASS = { "+": "tbkit-diff-add", "-": "tbkit-diff-del", "…": "tbkit-diff-hunk" };

function diffBlock(d) {
  const head = [time(d.ts), d.device, d.verdict].filter(Boolean).join(" · ");
  const lines = d.lines.map((line) => {
    const cls = LINE_CLASS[line[0]];
    return el("span", cls ? { class: cls } : {}, `${line}\n`);
  });
  return el(
    "div",
    { class: "tbkit-replay-diff", "data-tbkit": "replay-diff", "data-verdict": d.verdict },
    el("div", { class: "tbkit-replay-head" }, `uplink ${number(d.index + 1)}: ${head}`),
    el("pre", { class: "tbkit-diff" }, ...lines),
  );
}

function stateText(model) {
  const [state, done, total] = ["replay_state", "replay_done", "replay_total"].map((k) => model.get(k));
  if (model.get("replay_message")) return model.get("replay_message");
  if (state === "running")
    return total < 0 ? "reading the recorded uplinks…" : `${number(done)} of ${count(total, "uplink")}`;
  if (state === "cancelled") return `cancelled after ${number(done)} of ${count(total, "uplink")}`;
  if (state === "finished")
    return `${count(total, "recorded uplink")} replayed, nothing saved; in the diffs - is the running converter, + this script`;
  return "runs the recorded uplinks through this script and the running one, before Save";
}

/** The Replay section: `{node, update}`; `actions.replay` and `actions.cancelReplay` talk to the kernel. */
export function replayPanel(model, actions) {
  const button = el(
    "button",
    { "data-tbkit": "replay", "aria-label": "Replay the recorded uplinks through this script" },
    "Replay",
  );
  const cancel = el("button", { "data-tbkit": "cancel-replay", "aria-label": "Cancel the replay" }, "Cancel");
  const progress = el("progress", { "data-tbkit": "replay-progress", "aria-label": "replay progress" });
  const state = el("span", { class: "tbkit-muted", "data-tbkit": "replay-state", role: "status" });
  const summary = el("div", { class: "tbkit-bar", "data-tbkit": "replay-summary" });
  const diffs = el("div", { class: "tbkit-replay-diffs", "data-tbkit": "replay-diffs" });
  const more = el("div", { class: "tbkit-muted", "data-tbkit": "replay-more" });
  button.addEventListener("click", actions.replay);
  cancel.addEventListener("click", actions.cancelReplay);
  const node = el(
    "div",
    { class: "tbkit-replay", "data-tbkit": "replay-section" },
    el("div", { class: "tbkit-bar" }, button, progress, state, cancel),
    summary,
    diffs,
    more,
  );

  const update = () => {
    const running = model.get("replay_state") === "running";
    const [done, total] = [model.get("replay_done"), model.get("replay_total")];
    node.hidden = !model.get("can_replay");
    button.disabled = running;
    cancel.hidden = !running;
    progress.hidden = !running;
    if (running && total >= 0) {
      progress.max = Math.max(total, 1);
      progress.value = done;
    } else progress.removeAttribute("value"); // indeterminate while the records are read
    state.textContent = stateText(model);
    state.className = model.get("replay_state") === "failed" ? "tbkit-err" : "tbkit-muted";
    const values = model.get("replay_summary");
    summary.replaceChildren(
      ...(running || !("total" in values)
        ? []
        : COUNTERS.map(([key, label, bad]) =>
            el(
              "span",
              { class: bad && values[key] > 0 ? "tbkit-counter tbkit-bad" : "tbkit-counter", "data-key": key },
              label(values[key]),
            ),
          )),
    );
    const shown = running ? [] : model.get("replay_diffs");
    diffs.replaceChildren(...shown.map(diffBlock));
    diffs.hidden = shown.length === 0;
    const differing = "total" in values ? values.total - values.same : 0;
    const rest = differing - shown.length;
    more.textContent =
      !running && rest > 0 ? `… and ${number(rest)} more (the editor's last_replay.frame lists every uplink)` : "";
    more.hidden = !more.textContent;
  };
  update();
  return { node, update };
}

export const REPLAY_EVENTS =
  "change:can_replay change:replay_state change:replay_done change:replay_total change:replay_summary change:replay_diffs change:replay_message";
