// ES2015+ constructs in a converter body, each with its line: what Nashorn (ECMAScript 5.1) does
// not compile. Read from the body parsed as today's JavaScript, so each construct is found once,
// exactly, and nowhere else (not in strings, comments or identifiers that merely look alike).
import { parse } from "./nashorn-acorn.js";

const HEAD = "(function () {";

function kindOf(node, parent) {
  switch (node.type) {
    case "VariableDeclaration":
      return node.kind === "var" ? null : `'${node.kind}'`;
    case "ArrowFunctionExpression":
      return "arrow function '=>'";
    case "TemplateLiteral":
      return parent && parent.type === "TaggedTemplateExpression" ? null : "template literal";
    case "TaggedTemplateExpression":
      return "tagged template";
    case "ClassDeclaration":
    case "ClassExpression":
      return "'class'";
    case "SpreadElement":
      return "spread '...'";
    case "RestElement":
      return "rest parameter or element '...'";
    case "ObjectPattern":
    case "ArrayPattern":
      return "destructuring";
    case "AssignmentPattern":
      return "default value";
    case "ForOfStatement":
      return "'for ... of'";
    case "AwaitExpression":
      return "'await'";
    case "YieldExpression":
      return "'yield'";
    case "ChainExpression":
      return "optional chaining '?.'";
    case "MetaProperty":
      return `'${node.meta.name}.${node.property.name}'`;
    case "ImportExpression":
      return "import()";
    case "CatchClause":
      return node.param ? null : "catch without a binding";
    case "LogicalExpression":
      return node.operator === "??" ? "nullish coalescing '??'" : null;
    case "BinaryExpression":
      return node.operator === "**" ? "exponent operator '**'" : null;
    case "AssignmentExpression":
      return ["**=", "??=", "||=", "&&="].includes(node.operator) ? `assignment '${node.operator}'` : null;
    case "Property":
      if (parent && parent.type === "ObjectPattern") return null;
      if (node.computed) return "computed property name";
      if (node.method) return "method shorthand";
      if (node.shorthand) return "shorthand property";
      return null;
    case "FunctionDeclaration":
    case "FunctionExpression":
      if (node.async) return "'async' function";
      return node.generator ? "generator function" : null;
    case "Literal":
      return literalKind(node);
    default:
      return null;
  }
}

function literalKind(node) {
  if (node.bigint !== undefined) return "BigInt literal";
  if (node.regex) return /[uysdv]/.test(node.regex.flags) ? `regular expression flag '${node.regex.flags}'` : null;
  const raw = node.raw || "";
  if (typeof node.value === "number") {
    if (/^0[bBoO]/.test(raw)) return "binary or octal literal '" + raw.slice(0, 2) + "'";
    if (raw.includes("_")) return "numeric separator '_'";
  }
  if (typeof node.value === "string" && /\\u\{/.test(raw)) return "code point escape '\\u{...}'";
  return null;
}

function walk(node, parent, visit) {
  if (!node || typeof node.type !== "string") return;
  visit(node, parent);
  for (const key of Object.keys(node)) {
    if (key === "loc" || key === "start" || key === "end") continue;
    const value = node[key];
    if (Array.isArray(value)) for (const child of value) walk(child, node, visit);
    else if (value && typeof value === "object" && typeof value.type === "string") walk(value, node, visit);
  }
}

// [{line, column, what}] in source order, one per construct and line; [] when the body is not
// valid today's JavaScript either (then the compile error says it all).
export function es2015Features(body) {
  let tree;
  try {
    tree = parse(HEAD + body + "\n})", { ecmaVersion: "latest", sourceType: "script", locations: true });
  } catch {
    return [];
  }
  const found = [];
  const seen = new Set();
  walk(tree, null, (node, parent) => {
    const what = kindOf(node, parent);
    if (what === null) return;
    const line = node.loc.start.line;
    const column = line === 1 ? node.loc.start.column - HEAD.length + 1 : node.loc.start.column + 1;
    if (seen.has(line + "\u0000" + what)) return;
    seen.add(line + "\u0000" + what);
    found.push({ line, column, what, at: node.start });
  });
  found.sort((a, b) => a.at - b.at);
  return found.map(({ line, column, what }) => ({ line, column, what }));
}
