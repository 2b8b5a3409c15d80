// The local engine's world, part 5: installing it, and calling the script as ThingsBoard does.

// V8 needs these to work at all, though Nashorn has no such property: stack traces need
// Error.stackTraceLimit, and RegExp methods read a pattern's `flags` (which reads the others).
var V8_NEEDS = { stackTraceLimit: 1, flags: 1, dotAll: 1, hasIndices: 1, sticky: 1, unicode: 1, unicodeSets: 1 };
function keepForV8(key) {
  return hasOwn(V8_NEEDS, key);
}

function install() {
  hideAllBut(g, NASHORN.global, function (key) { return key.slice(0, 2) === "__"; });
  var paths = {
    Object: Object, "Object.prototype": Object.prototype, Function: Function, "Function.prototype": Function.prototype,
    Array: Array, "Array.prototype": Array.prototype, String: String, "String.prototype": String.prototype,
    Number: Number, "Number.prototype": Number.prototype, Boolean: Boolean, "Boolean.prototype": Boolean.prototype,
    Date: Date, "Date.prototype": Date.prototype, RegExp: RegExp, "RegExp.prototype": RegExp.prototype, Math: Math,
    JSON: JSON, Error: Error, "Error.prototype": Error.prototype, ArrayBuffer: ArrayBuffer,
    "ArrayBuffer.prototype": ArrayBuffer.prototype, DataView: DataView, "DataView.prototype": DataView.prototype,
    TypedArray: Object.getPrototypeOf(Uint8Array), "TypedArray.prototype": Object.getPrototypeOf(Uint8Array.prototype),
    "Uint8Array.prototype": Uint8Array.prototype,
  };
  Object.keys(paths).forEach(function (path) { hideAllBut(paths[path], NASHORN[path], keepForV8); });
  ["Uint8Array", "Uint8ClampedArray", "Int8Array", "Uint16Array", "Int16Array", "Uint32Array", "Int32Array",
    "Float32Array", "Float64Array"].forEach(function (name) {
    hideAllBut(g[name], "BYTES_PER_ELEMENT length name prototype");
    if (name !== "Uint8Array") hideAllBut(g[name].prototype, "constructor BYTES_PER_ELEMENT");
  });
  sandboxGlobals();
  installDates();
  installNumbers();
  installStringsAndObjects();
  installUrisAndArrays();
}

// -- errors: Nashorn's wording, and where Nashorn says they happened ----------------------------------
var WORDING = [
  [/^Cannot read properties of undefined \(reading '([\s\S]*)'\)$/, 'Cannot read property "$1" from undefined'],
  [/^Cannot read properties of null \(reading '([\s\S]*)'\)$/, 'Cannot get property "$1" of null'],
  [/^Cannot set properties of undefined \(setting '([\s\S]*)'\)$/, 'Cannot set property "$1" of undefined'],
  [/^Cannot set properties of null \(setting '([\s\S]*)'\)$/, 'Cannot set property "$1" of null'],
  [/^([\s\S]*) is not defined$/, '"$1" is not defined'],
  [/^([\s\S]*) is not a constructor$/, "$1 is not a constructor function"],
  [/^Reduce of empty array with no initial value$/, "invalid initialValue for Array.prototype.reduce"],
  [/^Converting circular structure to JSON[\s\S]*$/, "JSON.stringify got a cyclic data structure"],
  [
    /^Right-hand side of 'instanceof' is not (callable|an object)$/,
    "instanceof must be called with a javascript or java object as the right-hand argument",
  ],
];

// Nashorn names the type of what `in` was given, V8 shows the value.
var IN_OPERAND = /^Cannot use 'in' operator to search for '[\s\S]*' in ([\s\S]*)$/;

function typeNamed(shown) {
  if (shown === "undefined" || shown === "null") return shown;
  if (shown === "true" || shown === "false") return "boolean";
  return isNaN(Number(shown)) && shown !== "NaN" ? "string" : "number";
}

function reworded(message) {
  var text = String(message), operand = IN_OPERAND.exec(text);
  if (operand) return 'Right hand side of "in" cannot be non-Object, found ' + typeNamed(operand[1]);
  for (var i = 0; i < WORDING.length; i++) {
    if (WORDING[i][0].test(text)) return V.stringReplace(text, WORDING[i][0], WORDING[i][1]);
  }
  return text;
}

function nashornWords(error) {
  var text = reworded(error.message);
  if (/ is not a function$/.test(text) && error instanceof TypeError) {
    var callee = calleeAt(error.stack);
    text = callee ? callee + " is not a function" : V.stringReplace(text, /\(\.\.\.\)/g, "()");
  }
  return text;
}

// A call's result where a bitwise operator reads it (see nashorn-compile.js): Java's (long) cast
// first, so a finite number at or beyond 2^63 keeps only Long.MAX_VALUE's or MIN_VALUE's low 32 bits.
N.long = function (value) {
  if (typeof value !== "number" || value !== value || value === Infinity || value === -Infinity) return value;
  if (value >= 9223372036854775808) return -1;
  return value < -9223372036854775808 ? 0 : value;
};

var thrownAt = null;  // the last `throw` statement run: {value, line, column}

// `throw x` in the script runs as `throw __nashorn.at(line, column, x)`.
N.at = function (line, column, value) {
  thrownAt = { value: value, line: line, column: column };
  return value;
};

// The callee of the innermost call around V8's place for an error, as the script writes it.
function calleeAt(stack) {
  var frame = FRAME.exec(String(stack));
  if (!frame) return null;
  var offset = (starts[Number(frame[1]) - 1] || 0) + Number(frame[2]) - 1, best = null;
  for (var i = 0; i < calls.length; i++) {
    var c = calls[i];
    if (c[0] <= offset && offset <= c[1] && (best === null || c[1] - c[0] < best[1] - best[0])) best = c;
  }
  return best && best[2];
}

// `catch (e)` in the script first runs `e = __nashorn.caught(e)`: V8's own messages in Nashorn's words.
N.caught = function (error) {
  if (error instanceof V.Error && !(thrownAt && thrownAt.value === error) && hasOwn(error, "message")) {
    try { error.message = nashornWords(error); } catch (ignored) { /* a frozen error keeps its text */ }
  }
  return error;
};

var FRAME = /tbkit-user\.js:(\d+):(\d+)/;

// What the prelude reports for a call that threw: Nashorn's ScriptException text and its line.
function failure(error) {
  var site = thrownAt && thrownAt.value === error ? thrownAt : null;
  var text, line = 0, column = -1;
  if (error !== null && typeof error === "object" && hasOwn(error, "javaException")) {
    text = error.javaException;  // Nashorn names no line for a Java exception
    var javaFrame = FRAME.exec(String(error.stack));
    return { name: "ScriptException", message: text, stack: javaFrame ? "    at tbkit-user.js:" + javaFrame[1] + ":1" : "" };
  }
  if (error instanceof V.Error) {
    N.caught(error);
    var name = String(error.name), message = String(error.message);
    text = message ? name + ": " + message : name;
    var frame = FRAME.exec(String(error.stack));
    if (frame) line = nashornLine(Number(frame[1]), Number(frame[2]));
  } else {
    text = String(error);
  }
  if (site) { line = site.line; column = site.column; }
  var where = line ? " in <eval> at line number " + line + (column >= 0 ? " at column number " + column : "") : "";
  return { name: "ScriptException", message: text + where, stack: line ? "    at tbkit-user.js:" + line + ":" + (column + 1) : "" };
}

function call(fn, args) {
  var out, failed = null;
  thrownAt = null;
  N.recover();
  N.enter();
  try {
    out = g[fn].apply(undefined, args);
  } catch (error) {
    failed = failure(error);
  } finally {
    N.leave();
  }
  if (failed !== null) throw failed;
  return out === undefined || out === null ? null : V.JSONparse(String(out));
}

// An uplink: `payload` holds the body's bytes (0-255); ThingsBoard passes them as base64 and the
// metadata as JSON text, and the wrapper rebuilds both.
N.decode = function (fn, payload, metadata) {
  var binary = "";
  for (var i = 0; i < payload.length; i += 8192) binary += V.fromCharCode.apply(null, payload.slice(i, i + 8192));
  return call(fn, [V.btoa(binary), V.JSONstringify(metadata)]);
};

N.encode = function (fn, msg, metadata, msgType, integrationMetadata) {
  return call(fn, [V.JSONstringify(msg), V.JSONstringify(metadata), msgType, V.JSONstringify(integrationMetadata)]);
};

var marks = [], calls = [], starts = [0];

// The line Nashorn reports for a failure V8 places at (line, column) of the script.
function nashornLine(line, column) {
  var offset = (starts[line - 1] || 0) + column - 1, best = null;
  for (var i = 0; i < marks.length; i++) {
    if (marks[i][0] <= offset && offset <= marks[i][1] && (best === null || marks[i][0] >= best[0])) best = marks[i];
  }
  if (best === null) return line;
  var offsets = best[2], found = -1;
  for (var k = 0; k < offsets.length && offsets[k] <= offset; k++) {
    if (!insideFunction(best, offsets[k], offset)) found = k;
  }
  return found < 0 ? line : best[3][found];
}

// True when the mark at `at` lies in a function nested in `outer` that does not contain `offset`.
function insideFunction(outer, at, offset) {
  for (var i = 0; i < marks.length; i++) {
    var f = marks[i];
    if (f !== outer && f[0] > outer[0] && f[1] <= outer[1] && f[0] <= at && at <= f[1] && !(f[0] <= offset && offset <= f[1])) {
      return true;
    }
  }
  return false;
}

// Globals V8 cannot delete (setTimeout, clearTimeout in mini-racer): declared empty in the invoke
// function, which ThingsBoard's wrapper puts around the script, so the script does not see them.
function shadowed(script, fn) {
  var names = ownNames(g).filter(function (key) {
    var d = getDescriptor(g, key);
    return !d.configurable && key.slice(0, 2) !== "__" && NASHORN.global.split(" ").indexOf(key) < 0;
  });
  var header = "function " + fn + "(", at = script.indexOf(header), brace = script.indexOf("{", at);
  if (at < 0 || brace < 0 || !names.length) return script;
  return script.slice(0, brace + 1) + "var " + names.join(", ") + ";" + script.slice(brace + 1);
}

N.load = function (script, places, fn) {
  marks = places.marks;
  calls = places.callees;
  for (var i = 0; i < script.length; i++) if (script.charCodeAt(i) === 10) starts.push(i + 1);
  script = shadowed(script, fn);
  N.enter();
  try {
    (0, eval)(script + "\n//# sourceURL=tbkit-user.js");
  } finally {
    N.leave();
  }
};

// A call cut short by a time limit leaves the world entered until the next call() recovers it. tbkit's
// runtime (primordials.js, prelude.js, batch_*.js) needs nothing in between: it calls only the built-ins
// it captured before this world was installed, and reads only own properties.
install();
defineProperty(g, "__nashorn", { value: N });
