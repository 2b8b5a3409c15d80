// Nashorn's lexer runs ahead of its parser, so a lexer error later in the script (a number followed by
// a letter, an unterminated string) can be what Nashorn reports instead of an earlier parser error.
// The model follows Nashorn 15.4's parser package:
// - TokenStream: a ring buffer of tokens, 256 to start with; commit(k) drops the tokens before k;
//   put() grows the buffer (doubles it) when it is full, and so does getToken() before lexing more.
// - AbstractParser.getToken(i): while i is past the last token lexed, Lexer.lexify().
// - Lexer.lexify(): lexes until the buffer is full, or after a token starting with "/" (only the parser
//   can tell a regular expression from a division), or at the end. Every token counts: an EOL token for
//   each run of line breaks (written just before the next token; one before the first), a COMMENT token
//   for each comment, an ERROR token for a character it does not know.
// - Parser.sourceElements(): commit(k) after each statement of the program or of a function body, at
//   the token that follows it. The parser asks for tokens in order, one after another.
import { NashornParser } from "./nashorn-messages.js";

const INITIAL_SIZE = 256;
const ID_START = /[\p{L}\p{Nl}\p{Sc}\p{Pc}]/u;
// (Java's identifier parts, but for the control characters it ignores in identifiers)
const ID_PART = /[\p{L}\p{Nl}\p{Sc}\p{Pc}\p{Mn}\p{Mc}\p{Nd}]/u;
const EOL = /[\n\r\u2028\u2029]/;
const SPACE = /[\t\v\f \u00a0\u1680\u180e\u2000-\u200a\u202f\u205f\u3000\ufeff]/;
// Nashorn's operators (TokenType), the longer first.
// prettier-ignore
const OPERATORS = [
  ">>>=", "...", "===", "!==", ">>>", "<<=", ">>=", "!=", "%=", "&&", "&=", "*=", "++", "+=", "--", "-=",
  "/=", "<<", "<=", "==", "=>", ">=", ">>", "^=", "|=", "||",
  "!", "%", "&", "(", ")", "*", "+", ",", "-", ".", "/", ":", ";", "<", "=", ">", "?", "[", "]", "^", "{",
  "|", "}", "~",
];

// The first line of the script Nashorn compiles, as delight-nashorn-sandbox 0.4.5 writes it (its
// eval() without a script context, then its interrupt preamble): tbkit's V8 copy has a line of its
// own there (nashorn-sandbox.js, PREAMBLE), but the tokens of this one count in the stream.
const SANDBOX_LINE =
  "Object.defineProperty(this, 'engine', {});Object.defineProperty(this, 'context', {});" +
  "delete this.__noSuchProperty__;var __it=Java.type('delight.nashornsandbox.internal.InterruptTest');" +
  "var __if=function(){__it.test();};";

// The lexer error Nashorn reports before the parser error acorn raised at `error` in `script` (which
// starts with PREAMBLE), as {offset, message}, or null when the parser error comes first.
export function lexerErrorAhead(script, error) {
  const shift = SANDBOX_LINE.length - script.indexOf("\n");
  const found = lexerErrorIn(SANDBOX_LINE + script.slice(script.indexOf("\n")), error.pos + shift);
  return found && { offset: found.offset - shift, message: found.message };
}

function lexerErrorIn(script, errorPos) {
  const parse = tracked(script);
  const failAt = Math.max(errorPos, parse.failedAt ?? errorPos);
  const tokens = new Lexer(script, parse.regexps);
  const stream = { base: 0, last: -1, size: INITIAL_SIZE };
  const commits = new Set(parse.commits);
  for (let k = 0; ; k++) {
    while (k > stream.last) {
      if (stream.last - stream.base + 1 === stream.size) stream.size *= 2;
      const failed = lexify(tokens, stream, failAt);
      if (failed) return failed.error ?? null;
    }
    const token = tokens.list[k];
    if (token.kind === "EOF" || (token.kind === "TOKEN" && token.start >= failAt)) return null;
    if (token.kind === "TOKEN" && commits.has(token.start)) stream.base = k;
  }
}

// Lexes into the stream as Lexer.lexify() does; returns {error} when it meets a lexer error, {} when
// it stops at a "/" at or after the parser's error (which the parser never reads past), else null.
function lexify(tokens, stream, failAt) {
  while (stream.last - stream.base + 1 < stream.size) {
    const step = tokens.next();
    if (step.error) return step;
    for (const token of step.tokens) {
      if (stream.last - stream.base + 1 === stream.size) stream.size *= 2; // TokenStream.put()
      stream.last++;
      if (token.kind === "EOF") return null;
    }
    if (step.slash) return step.start >= failAt ? {} : null;
  }
  return null;
}

class Lexer {
  constructor(script, regexps) {
    this.s = script;
    this.i = 0;
    this.pendingEOL = true;
    this.regexps = regexps;
    this.list = [];
  }

  // The tokens one turn of lexify()'s loop adds: {tokens: [EOL?, token, REGEX?], slash} or {error}.
  // After a "/" the parser, when it reads a regular expression there, adds a REGEX token after it.
  next() {
    const s = this.s;
    while (this.i < s.length && (SPACE.test(s[this.i]) || EOL.test(s[this.i]))) {
      if (EOL.test(s[this.i])) this.pendingEOL = true;
      this.i++;
    }
    const start = this.i;
    const scanned = this.scan(start);
    if (scanned.error) return scanned;
    const out = [];
    if (this.pendingEOL || scanned.eols) out.push({ kind: "EOL", start });
    this.pendingEOL = false;
    out.push({ kind: scanned.kind || "TOKEN", start, end: scanned.end });
    if (scanned.regexp) out.push({ kind: "REGEX", start, end: scanned.regexp });
    this.i = scanned.regexp ?? scanned.end;
    this.list.push(...out);
    return { tokens: out, slash: scanned.slash, start };
  }

  scan(i) {
    const s = this.s;
    const c = s[i];
    if (i >= s.length) return { kind: "EOF", end: i };
    if (c === "/" && s[i + 1] === "/") {
      const nl = s.slice(i).search(EOL);
      return { kind: "COMMENT", end: nl < 0 ? s.length : i + nl };
    }
    if (c === "/" && s[i + 1] === "*") {
      const close = s.indexOf("*/", i + 2);
      const end = close < 0 ? s.length : close + 2;
      return { kind: "COMMENT", end, eols: EOL.test(s.slice(i, end)) };
    }
    if (c === "/") {
      return { end: i + (s[i + 1] === "=" ? 2 : 1), slash: true, regexp: this.regexps.get(i) };
    }
    if (c === "." && /[0-9]/.test(s[i + 1] || "")) return scanNumber(s, i);
    const operator = OPERATORS.find((op) => s.startsWith(op, i));
    if (operator) return { end: i + operator.length };
    if (ID_START.test(c) || (c === "\\" && s[i + 1] === "u")) return scanIdentifier(s, i);
    if (c === '"' || c === "'") return scanString(s, i, c);
    if (/[0-9]/.test(c)) return scanNumber(s, i);
    return { end: i + 1 }; // an ERROR token
  }
}

function scanIdentifier(s, i) {
  let end = i;
  while (end < s.length) {
    if (s[end] === "\\" && s[end + 1] === "u") end += 6;
    else if (ID_PART.test(s[end])) end++;
    else break;
  }
  return { end };
}

function scanString(s, i, quote) {
  for (let k = i + 1; k < s.length; k++) {
    const c = s[k];
    if (c === "\\") {
      if (s[k + 1] === "\r" && s[k + 2] === "\n") k++;
      k++;
    } else if (c === quote) return { end: k + 1 };
    else if (EOL.test(c)) return { error: { offset: k, message: "Missing close quote" } };
  }
  return { error: { offset: s.length, message: "Missing close quote" } };
}

// Lexer.scanNumber() without ES6 (no 0b, no 0o).
function scanNumber(s, i) {
  const digits = (k, re) => {
    while (k < s.length && re.test(s[k])) k++;
    return k;
  };
  let end;
  if (s[i] === "0" && /[xX]/.test(s[i + 1] || "") && /[0-9a-fA-F]/.test(s[i + 2] || "")) {
    end = digits(i + 3, /[0-9a-fA-F]/);
  } else {
    end = digits(s[i] === "." ? i : i + 1, /[0-9]/);
    const octal = s[i] === "0" && /^[0-7]*$/.test(s.slice(i + 1, end)) && end - i > 1;
    if (!octal && (s[end] === "." || s[end] === "e" || s[end] === "E")) {
      if (s[end] === ".") end = digits(end + 1, /[0-9]/);
      if (s[end] === "e" || s[end] === "E") {
        end++;
        if (s[end] === "+" || s[end] === "-") end++;
        end = digits(end, /[0-9]/);
      }
    }
  }
  if (end < s.length && ID_START.test(s[end])) {
    return { error: { offset: end, message: "Missing space after numeric literal" } };
  }
  return { end };
}

// What the parse up to acorn's error tells: where each statement of the program or of a function
// body ends (Nashorn commits the token stream there), where the regular expressions are, and the
// token acorn was at when it failed.
function tracked(script) {
  const regexps = new Map();
  const onToken = (t) => {
    if (t.type.label === "regexp") regexps.set(t.start, t.end);
  };
  const parser = new Tracker({ ecmaVersion: 5, sourceType: "script", onToken }, script);
  try {
    parser.parse();
  } catch {
    // the error being explained
  }
  return { commits: parser.commits, regexps, failedAt: parser.failedAt };
}

class Tracker extends NashornParser {
  constructor(options, input) {
    super(options, input);
    this.commits = [];
    this.elementLists = [true];
    this.functionBody = false;
  }
  raise(pos, message) {
    if (this.failedAt === undefined) this.failedAt = this.start;
    super.raise(pos, message);
  }
  parseFunctionBody(...args) {
    this.functionBody = true;
    return super.parseFunctionBody(...args);
  }
  parseBlock(...args) {
    this.elementLists.push(this.functionBody);
    this.functionBody = false;
    try {
      return super.parseBlock(...args);
    } finally {
      this.elementLists.pop();
    }
  }
  parseStatement(...args) {
    const list = this.elementLists[this.elementLists.length - 1];
    this.elementLists.push(false);
    try {
      const statement = super.parseStatement(...args);
      if (list) this.commits.push(this.start);
      return statement;
    } finally {
      this.elementLists.pop();
    }
  }
}
