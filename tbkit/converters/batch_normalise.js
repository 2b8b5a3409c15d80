// tbkit's batch path, part 2: a decoder's result normalised with ThingsBoard's output rules exactly
// as tbkit/normalise.py does (same values, same types, same error messages; a differential test
// checks both on the same inputs), written as a row of the wire format (batch_wire.js). Where an
// exact answer needs Python's own parsing (digits outside ASCII, timestamps in unusual notations,
// lone surrogates, huge digit strings) it throws Fallback and the item goes to Python.
// Provides Mode, OutputError, Fallback, Num, normalise, read, reviver, protoClean, ownKeysOnly.

var INT_PARSABLE = /^-?[0-9]+$/;
var PARSABLE = /^-?(?:[0-9]+|[0-9]*\.[0-9]+)$/;
var WIDE_PARSABLE = /^-?(?:\p{Nd}+|\p{Nd}*\.\p{Nd}+)$/u;
var SIMPLE_FLOAT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
// number texts whose int/float kind or digits JSON.parse loses (written by JSON.rawJSON)
var NEEDS_SOURCE = /\.0*(?![0-9])|[0-9][eE]|[0-9]{16}/;
var PY_ESCAPE = /[\x00-\x1f\\"]/g;
var PY_ESCAPES = { "\\": "\\\\", '"': '\\"', "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
var INT64_MIN = -(2n ** 63n), INT64_MAX = 2n ** 63n - 1n;
var MISSING = {}, NOT_PLAIN = {};
var enumerable = Object.prototype.propertyIsEnumerable;

function OutputError(message, status) { this.message = message; this.status = status || 400; }
function Fallback() {}
function Num(source) { this.s = source; }  // a number with its JSON source text (reviver path)

// How one result is being normalised:
// direct: from the script's own result rather than JSON.parse of its JSON text. Every value read
//   is taken as JSON.stringify would write it (undefined/functions dropped, NaN null); anything
//   JSON.stringify would transform (toJSON, boxed values, class instances) stops it, and so does
//   any error: then the JSON text is parsed and normalised instead.
// untexted: direct, with no JSON text made at all: an entity key that is not an entity field (it
//   could hold a cycle or a BigInt) stops it too.
// sourced: the value carries number source texts (Num), from JSON.parse with the reviver.
// forIn: Object.prototype has no enumerable property (checked per item): then for-in over an object
//   whose prototype it is visits exactly its own enumerable keys, in Object.keys order, and V8 reads
//   src[key] inside it straight from the object's layout (faster than Object.keys and loads).
// nested: the entity being built holds a nested value (set while building it).
function Mode(direct, untexted, sourced, forIn) {
  this.direct = direct;
  this.untexted = untexted;
  this.sourced = sourced;
  this.forIn = forIn;
  this.nested = false;
}

function ownKeysOnly() { for (var k in PROBE) return false; return true; }
var PROBE = {};

// -- Python's view of JSON values -------------------------------------------------------------
function isDict(x) { return x !== null && typeof x === "object" && !Array.isArray(x) && !(x instanceof Num); }

function read(v, m) {
  if (!m.direct) return v;
  switch (typeof v) {
    case "string": case "boolean": return v;
    case "number": return isFinite(v) ? v : null;
    case "object":
      if (v === null) return v;
      var proto = Object.getPrototypeOf(v);
      if ((proto === Object.prototype || proto === Array.prototype && Array.isArray(v)) && v.toJSON === undefined) {
        return v;
      }
      throw NOT_PLAIN;
    case "bigint": throw NOT_PLAIN;  // JSON.stringify throws: the JSON text path reports it
    default: return MISSING;  // undefined, functions, symbols
  }
}

function get(o, k, m) {
  var v = o[k];
  return v === undefined || !enumerable.call(o, k) ? MISSING : read(v, m);
}
function has(o, k, m) { return get(o, k, m) !== MISSING; }
function at(a, i, m) { var v = read(a[i], m); return v === MISSING ? null : v; }
function protoClean() {
  return Object.prototype.toJSON === undefined && Array.prototype.toJSON === undefined &&
    String.prototype.toJSON === undefined && Number.prototype.toJSON === undefined &&
    Boolean.prototype.toJSON === undefined;
}
function source(x) { return x instanceof Num ? x.s : String(x); }
function isNumber(x) { return typeof x === "number" || x instanceof Num; }
function isFloatText(s) { return /[.eE]/.test(s); }

function pyFloat(x) {  // Python's repr(float)
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  if (x !== x) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  var e = Math.abs(x).toExponential(), at = e.indexOf("e");
  var digits = e.slice(0, at).replace(".", ""), exp = Number(e.slice(at + 1)), point = exp + 1;
  var sign = x < 0 ? "-" : "", text;
  if (point > -4 && point <= 16) {
    if (point <= 0) text = "0." + "0".repeat(-point) + digits;
    else if (point >= digits.length) text = digits + "0".repeat(point - digits.length) + ".0";
    else text = digits.slice(0, point) + "." + digits.slice(point);
  } else {
    var mantissa = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
    text = mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
  }
  return sign + text;
}

function pyNumber(x) {  // str() of the int or float Python's json.loads makes of this number
  var s = source(x);
  return isFloatText(s) ? pyFloat(Number(s)) : BigInt(s).toString();
}

function pyString(s) {
  return '"' + s.replace(PY_ESCAPE, function (c) {
    return PY_ESCAPES[c] || "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
  }) + '"';
}

function pyDumps(x) {  // json.dumps(x, ensure_ascii=False)
  if (x === null) return "null";
  if (x === true) return "true";
  if (x === false) return "false";
  if (typeof x === "string") return pyString(x);
  if (isNumber(x)) return pyNumber(x);
  if (Array.isArray(x)) return "[" + x.map(pyDumps).join(", ") + "]";
  return "{" + Object.keys(x).map(function (k) { return pyString(k) + ": " + pyDumps(x[k]); }).join(", ") + "}";
}

function describe(x, m) {
  if (m.direct) throw NOT_PLAIN;  // error messages come from the JSON text's values
  var chars = Array.from(pyDumps(x));
  return chars.length <= 60 ? chars.join("") : chars.slice(0, 57).join("") + "...";
}

function byCodePoint(a, b) {
  for (var i = 0, j = 0; i < a.length && j < b.length; ) {
    var x = a.codePointAt(i), y = b.codePointAt(j);
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return (a.length - i) - (b.length - j);
}

function nested(x, m) {  // a nested object or array; numbers that carry their source keep it
  if (!m.sourced) return x;
  if (x instanceof Num) return JSON.rawJSON(x.s);
  if (x === null || typeof x !== "object") return x;
  if (Array.isArray(x)) return x.map(function (item) { return nested(item, m); });
  var out = {};
  for (var key in x) Object.defineProperty(out, key, { value: nested(x[key], m), enumerable: true });
  return out;
}

function bigInt(text) {  // a Python int's digits: in a long -> that number, else the text (a string)
  var n = BigInt(text);
  if (n < INT64_MIN || n > INT64_MAX) return null;
  var small = Number(n);
  return Number.isSafeInteger(small) ? small : JSON.rawJSON(n.toString());
}

function castNumber(x) {
  if (x instanceof Num) {
    var s = x.s;
    if (isFloatText(s)) return JSON.rawJSON(s);
    var n = bigInt(s);
    return n === null ? s : n;
  }
  if (Number.isSafeInteger(x) || !Number.isInteger(x) || Math.abs(x) >= 1e21) return x;
  var big = bigInt(String(x));  // an integer past 2^53: Python reads its exact digits
  return big === null ? String(x) : big;
}

function castString(x) {
  var c = x.charCodeAt(0);
  if (!(c >= 48 && c <= 57 || c === 45 || c === 46 || c > 127)) return x;
  if (PARSABLE.test(x)) {
    if (x.length > 4000) throw new Fallback();
    if (INT_PARSABLE.test(x)) {
      var n = bigInt(x);
      return n === null ? x : n;
    }
    var f = Number(x);
    if (!isFinite(f)) throw new Fallback();  // Python keeps inf: a JSON text can't
    if (Object.is(f, -0)) return JSON.rawJSON("-0.0");
    return Number.isInteger(f) && Math.abs(f) < 1e21 ? JSON.rawJSON(String(f) + ".0") : f;
  }
  if (WIDE_PARSABLE.test(x)) throw new Fallback();
  return x;
}

// tbkit.normalise.cast_value: the value V8 hands back, which Python's json.loads reads as
// what cast_value would make (a nested value stays nested: Python keeps it as JsonText)
function castValue(x, m) {
  if (typeof x === "string") return castString(x);
  if (typeof x === "number" || x instanceof Num) return castNumber(x);
  if (x === true || x === false) return x;
  m.nested = true;
  return nested(x, m);
}

function kept(v) {  // castValue returns v itself, and JSON.stringify writes it as the JSON text had it
  switch (typeof v) {
    case "boolean": return true;
    case "number": return Number.isSafeInteger(v) || isFinite(v) && !Number.isInteger(v);
    case "string":
      var c = v.charCodeAt(0);
      return !(c >= 48 && c <= 57 || c === 45 || c === 46 || c > 127);
    default: return false;
  }
}

function allKept(src, m) {  // src has a key, and each of its values is kept
  var i = 0, key;
  if (m.forIn) {
    for (key in src) {
      if (!kept(src[key])) return false;
      i++;
    }
    return i > 0;
  }
  var keys = Object.keys(src);
  for (; i < keys.length; i++) if (!kept(src[keys[i]])) return false;
  return i > 0;
}

function values(src, where, m) {
  if (!isDict(src)) throw new OutputError(where + " must be an object, got " + describe(src, m));
  if (allKept(src, m)) return src;  // nothing to drop or cast: the object as it is
  var keys = Object.keys(src), out = {}, count = 0;
  for (var i = 0; i < keys.length; i++) {
    var key = keys[i], v = read(src[key], m);
    if (v === null || v === MISSING) continue;
    if (key === "__proto__") Object.defineProperty(out, key, { value: castValue(v, m), enumerable: true });
    else out[key] = castValue(v, m);
    count++;
  }
  return count ? out : null;
}

function timestamp(x, where, m) {
  var bad = function () { return new OutputError(where + " must be epoch milliseconds, got " + describe(x, m)); };
  if (x === null || x === true || x === false || typeof x === "object" && !(x instanceof Num)) throw bad();
  var s = source(x);
  if (typeof x === "string") {
    if (!SIMPLE_FLOAT.test(s)) throw new Fallback();
  } else if (!isFloatText(s)) {
    return JSON.rawJSON(BigInt(s).toString());
  }
  var n = Number(s);
  if (!isFinite(n)) throw bad();
  return JSON.rawJSON(BigInt(Math.trunc(n)).toString());
}

function covered(src, m) {  // a {ts, values} item: with no JSON text made, no other key
  if (m.untexted && Object.keys(src).length !== 2) throw NOT_PLAIN;
}

function telemetryItem(src, where, out, m) {
  if (!isDict(src)) throw new OutputError(where + ": can't parse value: " + describe(src, m));
  var ts = null, vals;
  if (has(src, "ts", m) && has(src, "values", m)) {
    covered(src, m);
    ts = timestamp(get(src, "ts", m), where + ".ts", m);
    vals = values(get(src, "values", m), where + ".values", m);
  } else {
    vals = values(src, where, m);
  }
  if (vals !== null) out.push([ts, vals]);
}

function telemetry(src, where, m) {
  var out = [];
  if (Array.isArray(src)) {
    for (var i = 0; i < src.length; i++) telemetryItem(at(src, i, m), where + "[" + i + "]", out, m);
  } else {
    telemetryItem(src, where, out, m);
  }
  return out;
}

// -- entities -------------------------------------------------------------------------------------
// the entity keys a row carries, whole or read, by slot (fields); with no JSON text made, an
// entity with any other key takes the JSON text path
var DEVICE_NAME = 0, ASSET_NAME = 3, CUSTOMER = 6, ATTRIBUTES = 8;
var DEVICE_KEYS = ["deviceName", "deviceType", "deviceLabel"], ASSET_KEYS = ["assetName", "assetType", "assetLabel"];

// an entity's own enumerable keys (what JSON.stringify writes) in one pass: the value of each
// entity key by slot (undefined when absent); untexted, any other key stops (NOT_PLAIN)
function fields(src, m) {
  var f = [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined,
    undefined], key, slot;
  if (m.forIn) {
    for (key in src) {
      if ((slot = slotOf(key)) >= 0) f[slot] = src[key];
      else if (m.untexted) throw NOT_PLAIN;  // that key could hold a cycle or a BigInt
    }
    return f;
  }
  var keys = Object.keys(src);
  for (var i = 0; i < keys.length; i++) {
    if ((slot = slotOf(keys[i])) >= 0) f[slot] = src[keys[i]];
    else if (m.untexted) throw NOT_PLAIN;
  }
  return f;
}

function slotOf(key) {
  switch (key) {
    case "deviceName": return DEVICE_NAME;
    case "deviceType": return DEVICE_NAME + 1;
    case "deviceLabel": return DEVICE_NAME + 2;
    case "assetName": return ASSET_NAME;
    case "assetType": return ASSET_NAME + 1;
    case "assetLabel": return ASSET_NAME + 2;
    case "customerName": return CUSTOMER;
    case "groupName": return CUSTOMER + 1;
    case "attributes": return ATTRIBUTES;
    case "telemetry": return ATTRIBUTES + 1;
    default: return -1;
  }
}

function value(v, m) { return v === undefined ? MISSING : read(v, m); }  // get() of a field's value

function text(v, key, where, required, m) {
  if (v === MISSING) {
    if (required) throw new OutputError(where + ": '" + key + "' is required");
    return null;
  }
  if (v === null) {
    if (required) throw new OutputError(where + ": '" + key + "' is null", 500);
    return null;
  }
  if (typeof v === "string") return v;
  if (typeof v === "object" && !(v instanceof Num)) {
    throw new OutputError(where + ": '" + key + "' must be a string, got " + describe(v, m));
  }
  if (v === true || v === false) return String(v);
  return pyNumber(v);
}

// one entity's row (WIRE.ROW): kind, name, type, label, customer, group, attributes, telemetry
function entity(src, where, m) {
  var f = fields(src, m), device = value(f[DEVICE_NAME], m) !== MISSING, asset = value(f[ASSET_NAME], m) !== MISSING;
  if (device === asset) {
    throw new OutputError(where + ": Either 'deviceName' or 'assetName' should be present in the " +
      "converter output (keys: " + (Object.keys(src).sort(byCodePoint).join(", ") || "none") + ")");
  }
  var first = device ? DEVICE_NAME : ASSET_NAME, names = device ? DEVICE_KEYS : ASSET_KEYS;
  var name = text(value(f[first], m), names[0], where, true, m);
  var type = text(value(f[first + 1], m), names[1], where, !device, m);
  if (!name) throw new OutputError(where + ": '" + names[0] + "' must not be empty");
  m.nested = false;
  var row = [device ? "DEVICE" : "ASSET", name, type || "default", text(value(f[first + 2], m), names[2], where, false, m),
    text(value(f[CUSTOMER], m), "customerName", where, false, m),
    text(value(f[CUSTOMER + 1], m), "groupName", where, false, m)];
  var attributes = value(f[ATTRIBUTES], m), series = value(f[ATTRIBUTES + 1], m);
  row.push(attributes === MISSING ? {} : values(attributes, where + ".attributes", m) || {});
  row.push(series === MISSING ? [] : telemetry(series, where + ".telemetry", m));
  if (m.nested) row.push(WIRE.NESTED);  // tells Python to look for nested values (JsonText)
  return row;
}

// a result's OK line: [WIRE.OK, [row, ...]]
function normalise(out, m) {
  var rows = [];
  if (Array.isArray(out)) {
    for (var i = 0; i < out.length; i++) {
      var item = at(out, i, m);
      if (!isDict(item)) throw new OutputError("output[" + i + "] must be an object, got " + describe(item, m), 500);
      rows.push(entity(item, "output[" + i + "]", m));
    }
  } else if (isDict(out)) {
    rows.push(entity(out, "output", m));
  }
  return JSON.stringify([WIRE.OK, rows]);
}

function reviver(key, value, context) {
  return typeof value === "number" ? new Num(context.source) : value;
}
