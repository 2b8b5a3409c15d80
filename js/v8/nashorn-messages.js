// Nashorn's words for a compile error. acorn (ecmaVersion 5) and Nashorn's parser are both
// recursive descent over the same grammar, so they stop at the same token; this extension notes
// what acorn was looking for there, and the message is Nashorn's "Expected X but found Y".
import { Parser, tokTypes as tt } from "./nashorn-acorn.js";

const WANTED = new Map([
  [tt.braceR, "}"],
  [tt.braceL, "{"],
  [tt.parenR, ")"],
  [tt.parenL, "("],
  [tt.bracketR, "]"],
  [tt.colon, ":"],
  [tt.comma, ","],
  [tt.semi, ";"],
  [tt.eq, "="],
  [tt.name, "ident"],
  [tt._while, "while"],
  [tt._case, "case"],
]);

// Nashorn's tokens that ES5 code can meet (longest first); a name or number is read whole.
const PUNCTUATORS = [
  ">>>=",
  "...",
  "===",
  "!==",
  "**=",
  ">>>",
  "<<=",
  ">>=",
  "=>",
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "++",
  "--",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "<<",
  ">>",
];

export function foundText(input, pos) {
  if (pos >= input.length) return "eof";
  const rest = input.slice(pos);
  const word = /^[A-Za-z_$][\w$]*/.exec(rest) || /^\d[\w.]*/.exec(rest);
  if (word) return word[0];
  for (const p of PUNCTUATORS) if (rest.startsWith(p) && p !== "**=") return p;
  return rest[0];
}

const RESERVED = new Set(["class", "const", "enum", "export", "extends", "import", "super"]);

// Each hook says what it looks for just before acorn may fail on it, and forgets it once it is
// found; a failure carries the last wish (raise()).
export const NashornParser = Parser.extend(
  (Base) =>
    class extends Base {
      wanting(what, parse) {
        this.nashornWanted = what;
        const out = parse();
        this.nashornWanted = undefined;
        return out;
      }
      raise(pos, message) {
        try {
          super.raise(pos, message);
        } catch (error) {
          error.nashornWanted = this.nashornWanted;
          throw error;
        }
      }
      raiseRecoverable(pos, message) {
        this.raise(pos, message);
      }
      expect(type) {
        return this.wanting(WANTED.get(type) || type.label, () => super.expect(type));
      }
      semicolon() {
        return this.wanting(";", () => super.semicolon());
      }
      parseExprAtom(...args) {
        return this.wanting("an operand", () => super.parseExprAtom(...args));
      }
      parseIdentNode() {
        if (this.type === tt.name || this.type.keyword) return super.parseIdentNode();
        return this.wanting(this.nashornBinding ? "ident" : "an operand", () => super.parseIdentNode());
      }
      binding(parse) {
        const before = this.nashornBinding;
        this.nashornBinding = true;
        try {
          return parse();
        } finally {
          this.nashornBinding = before;
        }
      }
      parseVarId(...args) {
        return this.binding(() => super.parseVarId(...args));
      }
      parseFunctionParams(...args) {
        return this.binding(() => super.parseFunctionParams(...args));
      }
      parseFunctionBody(...args) {
        const before = this.nashornBinding;
        this.nashornBinding = false;
        try {
          return super.parseFunctionBody(...args);
        } finally {
          this.nashornBinding = before;
        }
      }
      parsePropertyValue(prop, ...rest) {
        const accessor = prop.key && (prop.key.name === "get" || prop.key.name === "set") && this.type !== tt.colon;
        if (accessor) return super.parsePropertyValue(prop, ...rest);
        return this.wanting(":", () => super.parsePropertyValue(prop, ...rest));
      }
      parsePropertyName(prop) {
        return this.binding(() => super.parsePropertyName(prop));
      }
      eat(type) {
        return type === tt.arrow ? false : super.eat(type); // read as a token, taken by no ES5 rule
      }
      readToken_eq_excl(code) {
        // Nashorn's lexer reads "=>" as one token even for ES5; no ES5 rule takes it, so it is what
        // the parser finds where it wanted something else
        if (code === 61 && this.input.charCodeAt(this.pos + 1) === 62) {
          this.pos += 2;
          return this.finishToken(tt.arrow);
        }
        return super.readToken_eq_excl(code);
      }
      checkUnreserved(ref) {
        if (!RESERVED.has(ref.name)) return super.checkUnreserved(ref);
        return this.wanting(this.nashornBinding ? "ident" : "an operand", () => super.checkUnreserved(ref));
      }
    },
);

// True when the text before `pos` ends with "switch (...) {": the first thing in a switch must be a case.
function switchOpensBefore(input, pos) {
  let i = pos - 1;
  while (i >= 0 && /\s/.test(input[i])) i--;
  if (input[i] !== "{") return false;
  i--;
  while (i >= 0 && /\s/.test(input[i])) i--;
  if (input[i] !== ")") return false;
  for (let depth = 0; i >= 0; i--) {
    if (input[i] === ")") depth++;
    else if (input[i] === "(" && --depth === 0) break;
  }
  return /switch\s*$/.test(input.slice(Math.max(0, i - 20), i));
}

export function nashornMessage(error, input) {
  const text = String(error.message).replace(/ \(\d+:\d+\)$/, "");
  if (/^Identifier directly after number/.test(text)) return "Missing space after numeric literal";
  if (/^Unterminated string constant/.test(text)) return "Missing close quote";
  if (/^Unexpected character/.test(text)) return "Expected an operand but found error";
  const found = foundText(input, error.pos);
  // the script ends inside the wrapper's functions: Nashorn's statement list wants their "}"
  let wanted = found === "eof" && error.nashornWanted === "an operand" ? "}" : error.nashornWanted;
  if (wanted === undefined && text === "Unexpected token" && switchOpensBefore(input, error.pos)) wanted = "case";
  if (wanted === undefined) return text;
  return `Expected ${wanted} but found ${found}`;
}
