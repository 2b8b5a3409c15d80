// Nashorn's compile step, modelled: the reformatted script is parsed as ECMAScript 5.1 (acorn,
// ecmaVersion 5, as Nashorn 15.4 without --language=es6), and the few value differences that
// are fixed at compile time are applied to the copy V8 runs (same lines, so errors keep them).
import { parse } from "./nashorn-acorn.js";
import { lexerErrorAhead } from "./nashorn-lexer.js";
import { NashornParser, nashornMessage } from "./nashorn-messages.js";
import { lineColumn } from "./nashorn-places.js";

// Operators that convert both operands with ToNumber (strings included).
const NUMERIC = new Set(["-", "*", "/", "%", "&", "|", "^", "<<", ">>", ">>>"]);
const COMPARE = new Set(["<", ">", "<=", ">=", "==", "!="]);
const NUMERIC_CALLS = new Set(["Number", "isNaN", "isFinite"]);

// A string V8 reads as a binary or octal number ("0b101", "0o17"): Nashorn's ToNumber gives NaN.
function es2015NumberText(value) {
  return typeof value === "string" && /^\s*0[bBoO]/.test(value) && !Number.isNaN(Number(value));
}

function isNumberLiteral(node) {
  return node.type === "Literal" && (typeof node.value === "number" || typeof node.value === "boolean");
}

function numericUse(node, parent) {
  if (!parent) return false;
  switch (parent.type) {
    case "BinaryExpression": {
      if (NUMERIC.has(parent.operator)) return true;
      const other = parent.left === node ? parent.right : parent.left;
      return COMPARE.has(parent.operator) && isNumberLiteral(other);
    }
    case "UnaryExpression":
      return ["+", "-", "~"].includes(parent.operator);
    case "AssignmentExpression":
      return parent.right === node && parent.operator !== "=" && parent.operator !== "+=";
    case "CallExpression":
    case "NewExpression": {
      const callee = parent.callee;
      if (!parent.arguments.includes(node)) return false;
      if (callee.type === "Identifier") return NUMERIC_CALLS.has(callee.name);
      return callee.type === "MemberExpression" && callee.object.type === "Identifier" && callee.object.name === "Math";
    }
    default:
      return false;
  }
}

function walk(node, parent, visit) {
  if (!node || typeof node.type !== "string") return;
  visit(node, parent);
  for (const key of Object.keys(node)) {
    if (key === "loc") continue;
    const value = node[key];
    if (Array.isArray(value)) for (const child of value) walk(child, node, visit);
    else if (value && typeof value === "object" && typeof value.type === "string") walk(value, node, visit);
  }
}

// Edits to the V8 copy, none of which adds or removes a line break.
function edits(tree) {
  const out = [];
  const push = out.push.bind(out);
  out.push = (edit) => push({ ...edit, order: out.length });
  walk(tree, null, (node, parent) => {
    if (node.type === "Literal" && es2015NumberText(node.value) && numericUse(node, parent)) {
      out.push({ start: node.start, end: node.end, text: "NaN" });
    } else if (node.type === "ThrowStatement") {
      // where the script threw, as Nashorn reports it (see env_main.js, at())
      const { line, column } = node.loc.start;
      out.push({ start: node.argument.start, end: node.argument.start, text: `__nashorn.at(${line},${column},` });
      out.push({ start: node.argument.end, end: node.argument.end, text: ")" });
    } else if (node.type === "CatchClause" && node.param && node.param.type === "Identifier") {
      // what a caught error's message says is Nashorn's wording (see env.js, caught())
      const at = node.body.start + 1;
      out.push({ start: at, end: at, text: `${node.param.name}=__nashorn.caught(${node.param.name});` });
    }
  });
  return out.sort((a, b) => b.start - a.start || b.order - a.order);
}

// Where Nashorn's line numbers change: it records the line of each statement (each declarator of a
// `var`) and of each call as it compiles them, and reports a runtime error on the last line recorded
// before the failing instruction. Per function (the program first): [start, end, offsets, lines].
const STATEMENTS = new Set([
  "ExpressionStatement",
  "ReturnStatement",
  "IfStatement",
  "ForStatement",
  "ForInStatement",
  "WhileStatement",
  "DoWhileStatement",
  "SwitchStatement",
  "ThrowStatement",
  "TryStatement",
  "BreakStatement",
  "ContinueStatement",
  "DebuggerStatement",
  "WithStatement",
  "LabeledStatement",
]);

function chained(callee) {
  for (let node = callee; node; node = node.type === "MemberExpression" ? node.object : null) {
    if (node.type === "CallExpression") return true;
  }
  return false;
}

function lineMarks(tree, script) {
  const starts = [0];
  for (let i = 0; i < script.length; i++) if (script[i] === "\n") starts.push(i + 1);
  const functions = [];
  const visit = (node, current) => {
    if (!node || typeof node.type !== "string") return;
    let here = current;
    if (node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "Program") {
      here = { start: node.start, end: node.end, marks: [] };
      functions.push(here);
    } else if (STATEMENTS.has(node.type)) {
      here.marks.push([node.start, node.loc.start.line]);
    } else if (node.type === "VariableDeclarator") {
      here.marks.push([node.start, node.id.loc.start.line]);
    } else if (node.type === "CallExpression" || node.type === "NewExpression") {
      let line = node.type === "NewExpression" ? node.callee.loc.start.line : node.loc.start.line;
      if (node.type === "CallExpression" && chained(node.callee)) {
        const paren = script.indexOf("(", node.callee.end);
        line = lineColumn(starts, paren < 0 ? node.callee.end : paren)[0];
      }
      here.marks.push([node.start, line]);
    }
    for (const key of Object.keys(node)) {
      if (key === "loc") continue;
      const value = node[key];
      if (Array.isArray(value)) for (const child of value) visit(child, here);
      else if (value && typeof value === "object" && typeof value.type === "string") visit(value, here);
    }
  };
  visit(tree, null);
  return functions.map((f) => {
    f.marks.sort((a, b) => a[0] - b[0]);
    return [f.start, f.end, f.marks.map((m) => m[0]), f.marks.map((m) => m[1])];
  });
}

// Nashorn names a callee that is not a function as written ("[1, 2, 3].find is not a function"):
// [start, end, callee text] of each call.
// (String literals as Nashorn prints them: their value between double quotes.)
function callees(tree, script) {
  const out = [];
  walk(tree, null, (node) => {
    if (node.type === "CallExpression" || node.type === "NewExpression") {
      const { start, end } = node.callee;
      const strings = [];
      walk(node.callee, null, (inner) => {
        if (inner.type === "Literal" && typeof inner.value === "string") strings.push(inner);
      });
      let text = "",
        at = start;
      for (const literal of strings.sort((a, b) => a.start - b.start)) {
        text += script.slice(at, literal.start) + '"' + literal.value + '"';
        at = literal.end;
      }
      out.push([node.start, node.end, text + script.slice(at, end)]);
    }
  });
  return out;
}

// {ok: true, script} with the edits applied, or {ok: false, error} as Nashorn reports it.
export function compile(script, lines) {
  let tree;
  try {
    tree = NashornParser.parse(script, { ecmaVersion: 5, sourceType: "script", locations: true });
  } catch (error) {
    if (!(error instanceof SyntaxError) || !error.loc) throw error;
    return { ok: false, error: compileError(error, script, lines) };
  }
  let out = script;
  for (const edit of edits(tree)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  const edited = parse(out, { ecmaVersion: 5, sourceType: "script", locations: true });
  return { ok: true, script: out, marks: lineMarks(edited, out), callees: callees(edited, out) };
}

function compileError(error, script, lines) {
  // the statement being parsed starts at the latest line start (js-beautify puts one per line)
  const base = Math.max(script.lastIndexOf("\n", error.pos - 1) + 1, 0);
  const ahead = lexerErrorAhead(script, error.pos, base);
  const offset = ahead ? ahead.offset : error.pos;
  const starts = [0];
  for (let i = 0; i < script.length; i++) if (script[i] === "\n") starts.push(i + 1);
  let line = 1;
  while (line < starts.length && starts[line] <= offset) line++;
  const column = offset - starts[line - 1];
  const text = lines[line - 1] ?? "";
  const what = ahead ? ahead.message : nashornMessage(error, script);
  let caret = "";
  for (let i = 0; i < column; i++) caret += text[i] === "\t" ? "\t" : " ";
  const message =
    `<eval>:${line}:${column} ${what}\n${text}\n${caret}^` +
    ` in <eval> at line number ${line} at column number ${column}`;
  return { className: "ScriptException", message, line, column, offset };
}
