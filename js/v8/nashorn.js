// tbkit's model of what ThingsBoard's local JS engine does with a converter before running it
// (Nashorn 15.4 inside delight-nashorn-sandbox 0.4.5, with ThingsBoard's wrapper), bundled into
// tbkit/converters/nashorn/tool.js and evaluated in a V8 context of its own:
//   __tbkitNashornTool.prepare(body, kind) -> JSON text of
//     {ok: true, script, fn, lines}           the script V8 runs in place of Nashorn, the invoke
//                                             function's name, the body line of each script line
//     {ok: false, error: {className, message, line, column, bodyLine, bodyColumn}}
//   __tbkitNashornTool.features(body) -> JSON text of [{line, column, what}]: ES2015+ constructs.
import { compile } from "./nashorn-compile.js";
import { es2015Features } from "./nashorn-features.js";
import { Places } from "./nashorn-places.js";
import {
  FUNCTION_NAME,
  PREAMBLE,
  beautified,
  missingBraces,
  reservedNameAt,
  withInterrupts,
  wrap,
} from "./nashorn-sandbox.js";

function rejected(className, message, place, extra) {
  return { ok: false, error: { className, message, bodyLine: place[0], bodyColumn: place[1], ...extra } };
}

export function prepare(body, kind) {
  const wrapped = wrap(kind, body);
  const reserved = reservedNameAt(wrapped.text);
  if (reserved >= 0) {
    const places = new Places("", 0, wrapped);
    return rejected(
      "IllegalArgumentException",
      "Script contains the illegal string [__it,__if]",
      places.fromWrapper(reserved),
      {},
    );
  }
  const pretty = beautified(wrapped.text);
  const braces = missingBraces(pretty);
  if (braces !== null) {
    const places = new Places(pretty, 0, wrapped);
    return rejected("BracesException", braces.message, places.fromCompiled(braces.at), {});
  }
  const script = PREAMBLE + withInterrupts(pretty);
  const places = new Places(script, PREAMBLE.length, wrapped);
  const lines = script.split(/\r\n|[\n\r\u2028\u2029]/);
  const compiled = compile(script, lines);
  if (!compiled.ok) {
    const { offset, ...error } = compiled.error;
    return rejected(error.className, error.message, places.fromCompiled(offset), error);
  }
  return {
    ok: true,
    script: compiled.script,
    fn: FUNCTION_NAME,
    lines: places.bodyLines(),
    marks: compiled.marks,
    callees: compiled.callees,
  };
}

globalThis.__tbkitNashornTool = {
  prepare: (body, kind) => JSON.stringify(prepare(String(body), kind === "encode" ? "encode" : "decode")),
  features: (body) => JSON.stringify(es2015Features(String(body))),
};
