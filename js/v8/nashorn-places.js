// Places in the script Nashorn compiles (reformatted, with interrupt checks and a preamble line)
// back to places in the user's script. The sandbox's reformatting only moves whitespace and the
// checks only add "__if();", so the two texts have the same other characters in the same order.

const SPACE = /\s/;
const INSERT = "__if();";

// Offsets of line starts in `text` (JavaScript line terminators; \r\n is one).
export function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\r" && text[i + 1] === "\n") i++;
    if (c === "\n" || c === "\r" || c === "\u2028" || c === "\u2029") starts.push(i + 1);
  }
  return starts;
}

// 1-based line and column of `offset` given `starts`.
export function lineColumn(starts, offset) {
  let lo = 0,
    hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return [lo + 1, offset - starts[lo] + 1];
}

// For each offset of `compiled` from `from` on, the offset in `wrapper` of the same character
// (-1 for whitespace and inserted checks). Stops matching where the texts disagree.
export function alignment(compiled, from, wrapper) {
  const map = new Int32Array(compiled.length).fill(-1);
  let j = 0;
  for (let i = from; i < compiled.length; i++) {
    const c = compiled[i];
    if (SPACE.test(c)) continue;
    if (c === "_" && compiled.startsWith(INSERT, i)) {
      i += INSERT.length - 1;
      continue;
    }
    while (j < wrapper.length && SPACE.test(wrapper[j])) j++;
    if (j >= wrapper.length || wrapper[j] !== c) break;
    map[i] = j++;
  }
  return map;
}

// Turns places in the compiled script into places in the user's body.
export class Places {
  constructor(compiled, from, wrapped) {
    this.map = alignment(compiled, from, wrapped.text);
    this.compiledStarts = lineStarts(compiled);
    this.wrapped = wrapped;
    this.bodyStarts = lineStarts(wrapped.text.slice(wrapped.bodyStart, wrapped.bodyEnd));
  }

  // [line, column] in the body of wrapper offset `at` (clamped into the body).
  fromWrapper(at) {
    const { bodyStart, bodyEnd } = this.wrapped;
    const inside = Math.min(Math.max(at, bodyStart), Math.max(bodyStart, bodyEnd - 1)) - bodyStart;
    const [line, column] = lineColumn(this.bodyStarts, Math.max(0, inside));
    return at < bodyStart || at >= bodyEnd ? [line, null] : [line, column];
  }

  // [line, column] in the body of compiled offset `at`: the nearest mapped character at or before it.
  fromCompiled(at) {
    let i = Math.min(at, this.map.length - 1);
    while (i >= 0 && this.map[i] < 0) i--;
    if (i < 0) return [1, null];
    const [line, column] = this.fromWrapper(this.map[i]);
    return [line, i === at ? column : null];
  }

  // For each compiled line (1-based; index 0 unused), the body line its first mapped character is
  // on (0: before the body, e.g. the wrapper's head; the last body line after it).
  bodyLines() {
    const out = [0];
    const { bodyStart } = this.wrapped;
    let last = 0;
    for (let n = 0; n < this.compiledStarts.length; n++) {
      const end = n + 1 < this.compiledStarts.length ? this.compiledStarts[n + 1] : this.map.length;
      let line = -1;
      for (let i = this.compiledStarts[n]; i < end; i++) {
        if (this.map[i] >= 0) {
          line = this.map[i] < bodyStart ? 0 : this.fromWrapper(this.map[i])[0];
          break;
        }
      }
      last = line < 0 ? last : line;
      out.push(last);
    }
    return out;
  }
}
