// Nashorn's lexer runs ahead of its parser: it reads tokens into a buffer (256 from the start of the
// statement being parsed; it stops early after a "/", which only the parser can tell from a regular
// expression). A lexer error (a number followed by a letter, an unterminated string) inside that
// stretch is reported before a parser error that comes earlier in the script.

const AHEAD = 256;
const NAME = /[A-Za-z_$\u00aa-\uffff]/;
const NAME_PART = /[\w$\u00aa-\uffff]/;

// The lexer error in `script` after `from` that Nashorn meets before its parser fails at `from`:
// {offset, message}, or null. `base` is where the statement being parsed starts.
export function lexerErrorAhead(script, from, base) {
  let tokens = 0;
  for (let i = base; i < from;) {
    const step = token(script, i);
    if (step.error || step.end <= i) break;
    if (step.counted) tokens++;
    i = step.end;
  }
  for (let i = from; i < script.length && tokens < AHEAD;) {
    const step = token(script, i);
    if (step.error) return step.error;
    if (step.slash && i > from) return null;
    if (step.counted) tokens++;
    i = step.end;
  }
  return null;
}

// One step of a simplified Nashorn lexer from offset i: {end, counted, slash, error}.
function token(s, i) {
  const c = s[i];
  if (/\s/.test(c)) return { end: i + 1, counted: false };
  if (c === "/" && s[i + 1] === "/") {
    const nl = s.slice(i).search(/[\n\r\u2028\u2029]/);
    return { end: nl < 0 ? s.length : i + nl, counted: false };
  }
  if (c === "/" && s[i + 1] === "*") {
    const close = s.indexOf("*/", i + 2);
    return { end: close < 0 ? s.length : close + 2, counted: false };
  }
  if (c === "/") return { end: i + 1, counted: true, slash: true };
  if (c === '"' || c === "'") return stringToken(s, i, c);
  if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(s[i + 1] || ""))) return numberToken(s, i);
  if (NAME.test(c) || c === "\\") {
    let end = i + 1;
    while (end < s.length && NAME_PART.test(s[end])) end++;
    return { end, counted: true };
  }
  return { end: i + 1, counted: true };
}

function stringToken(s, i, quote) {
  for (let k = i + 1; k < s.length; k++) {
    const c = s[k];
    if (c === "\\") k++;
    else if (c === quote) return { end: k + 1, counted: true };
    else if (c === "\n" || c === "\r" || c === "\u2028" || c === "\u2029") {
      return { end: k, error: { offset: k, message: "Missing close quote" } };
    }
  }
  return { end: s.length, error: { offset: s.length, message: "Missing close quote" } };
}

function numberToken(s, i) {
  const match = /^(?:0[xX][0-9a-fA-F]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)/.exec(s.slice(i));
  const end = i + (match ? match[0].length : 1);
  if (end < s.length && NAME.test(s[end])) {
    return { end, error: { offset: end, message: "Missing space after numeric literal" } };
  }
  return { end, counted: true };
}
