// tbkit's JS parser for V8 (mini-racer): acorn, exposed as globalThis.__jsparse(source).
// Bundled by ../build.mjs into tbkit/converters/jsparse.js (a classic script, not a module), loaded
// by tbkit/converters/jsparse.py into a V8 context of its own. Any tool that needs a converter's JS
// syntax tree (the linter, the Nashorn checks) goes through it.
import { parse } from "acorn";

// The script is a function body (ThingsBoard wraps it in `function Decoder(payload, metadata)`),
// so `return` is allowed at the top level; lines and columns are the script's own.
globalThis.__jsparse = function (source, ecmaVersion) {
  try {
    const ast = parse(source, {
      ecmaVersion: ecmaVersion || "latest",
      sourceType: "script",
      allowReturnOutsideFunction: true,
      locations: true,
    });
    return JSON.stringify({ ok: true, ast }, (key, value) =>
      (key === "start" || key === "end") && typeof value === "number" ? undefined : value,
    );
  } catch (e) {
    const loc = e.loc || { line: 1, column: 0 };
    return JSON.stringify({ ok: false, message: String(e.message), line: loc.line, column: loc.column + 1 });
  }
};
