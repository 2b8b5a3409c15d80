// tbkit's batch path, part 2: Python's view of a decoder's output values (reads, casts, the texts of error
// messages), as tbkit/normalise.py has them: each value read is taken as JSON.stringify would write it (in
// direct mode) and cast as cast_value casts it. Used by batch_normalise.js, in the same scope.
// Provides OutputError, Fallback, Num, read, get, at, describe, values, timestamp, jsonText, MISSING, NOT_PLAIN.

var INT_PARSABLE = /^-?[0-9]+$/;
var PARSABLE = /^-?(?:[0-9]+|[0-9]*\.[0-9]+)$/;
var WIDE_PARSABLE = /^-?(?:\p{Nd}+|\p{Nd}*\.\p{Nd}+)$/u;
var SIMPLE_FLOAT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
var FLOAT_TEXT = /[.eE]/;
// number texts whose int/float kind or digits JSON.parse loses (written by JSON.rawJSON)
var NEEDS_SOURCE = /\.0*(?![0-9])|[0-9][eE]|[0-9]{16}/;
var INT64_MIN = -(2n ** 63n), INT64_MAX = 2n ** 63n - 1n;
var MISSING = bare(), NOT_PLAIN = bare();

function OutputError(message, status) { this.message = message; this.status = status || 400; }
function Fallback() {}
function Num(source) { this.s = source; }  // a number with its JSON source text (reviver path)
// the runtime's own objects have prototypes with no prototype: no setter a script put on
// Object.prototype sees their fields being set
OutputError.prototype = bare();
Fallback.prototype = bare();
Num.prototype = bare();

// -- Python's view of JSON values -------------------------------------------------------------
function isDict(x) { return x !== null && typeof x === "object" && !ArrayIsArray(x) && !(x instanceof Num); }

function read(v, m) {
  if (!m.direct) return v;
  switch (typeof v) {
    case "string": case "boolean": return v;
    case "number": return GlobalIsFinite(v) ? v : null;
    case "object":
      if (v === null) return v;
      var proto = ObjectGetPrototypeOf(v);
      if ((proto === ObjectPrototype || proto === ArrayPrototype && ArrayIsArray(v)) && v.toJSON === undefined) {
        return v;
      }
      throw NOT_PLAIN;
    case "bigint": throw NOT_PLAIN;  // JSON.stringify throws: the JSON text path reports it
    default: return MISSING;  // undefined, functions, symbols
  }
}

// o's own enumerable k, as JSON.stringify would write it (never read through o's prototype)
function get(o, k, m) {
  if (!ObjectPrototypePropertyIsEnumerable(o, k)) return MISSING;
  var v = o[k];
  return v === undefined ? MISSING : read(v, m);
}
function at(a, i, m) { var v = read(a[i], m); return v === MISSING ? null : v; }
function source(x) { return x instanceof Num ? x.s : StringCtor(x); }
function isNumber(x) { return typeof x === "number" || x instanceof Num; }
function isFloatText(s) { return matches(FLOAT_TEXT, s); }

function pyFloat(x) {  // Python's repr(float)
  if (x === 0) return ObjectIs(x, -0) ? "-0.0" : "0.0";
  if (x !== x) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  var e = NumberPrototypeToExponential(MathAbs(x)), at = StringPrototypeIndexOf(e, "e");
  var mantissa = StringPrototypeSlice(e, 0, at), dot = StringPrototypeIndexOf(mantissa, ".");
  var digits = dot < 0 ? mantissa : StringPrototypeSlice(mantissa, 0, dot) + StringPrototypeSlice(mantissa, dot + 1);
  var exp = NumberCtor(StringPrototypeSlice(e, at + 1)), point = exp + 1;
  var sign = x < 0 ? "-" : "", text;
  if (point > -4 && point <= 16) {
    if (point <= 0) text = "0." + StringPrototypeRepeat("0", -point) + digits;
    else if (point >= digits.length) text = digits + StringPrototypeRepeat("0", point - digits.length) + ".0";
    else text = StringPrototypeSlice(digits, 0, point) + "." + StringPrototypeSlice(digits, point);
  } else {
    var lead = digits.length > 1 ? digits[0] + "." + StringPrototypeSlice(digits, 1) : digits;
    text = lead + "e" + (exp < 0 ? "-" : "+") + (MathAbs(exp) < 10 ? "0" : "") + MathAbs(exp);
  }
  return sign + text;
}

function pyNumber(x) {  // str() of the int or float Python's json.loads makes of this number
  var s = source(x);
  return isFloatText(s) ? pyFloat(NumberCtor(s)) : BigIntPrototypeToString(BigIntCtor(s));
}

function pyEscape(c) {
  switch (c) {
    case 34: return '\\"';
    case 92: return "\\\\";
    case 8: return "\\b";
    case 12: return "\\f";
    case 10: return "\\n";
    case 13: return "\\r";
    case 9: return "\\t";
    default: return "\\u" + StringPrototypeSlice("000" + NumberPrototypeToString(c, 16), -4);
  }
}

function pyString(s) {  // json.dumps of a string, ensure_ascii=False
  var out = '"', start = 0;
  for (var i = 0; i < s.length; i++) {
    var c = StringPrototypeCharCodeAt(s, i);
    if (c >= 0x20 && c !== 34 && c !== 92) continue;
    out += StringPrototypeSlice(s, start, i) + pyEscape(c);
    start = i + 1;
  }
  return out + StringPrototypeSlice(s, start) + '"';
}

function pyDumps(x) {  // json.dumps(x, ensure_ascii=False)
  if (x === null) return "null";
  if (x === true) return "true";
  if (x === false) return "false";
  if (typeof x === "string") return pyString(x);
  if (isNumber(x)) return pyNumber(x);
  var text = "", i;
  if (ArrayIsArray(x)) {
    for (i = 0; i < x.length; i++) text += (i ? ", " : "") + pyDumps(x[i]);
    return "[" + text + "]";
  }
  var keys = ObjectKeys(x);
  for (i = 0; i < keys.length; i++) text += (i ? ", " : "") + pyString(keys[i]) + ": " + pyDumps(x[keys[i]]);
  return "{" + text + "}";
}

function describe(x, m) {  // at most 60 code points of pyDumps(x)
  if (m.direct) throw NOT_PLAIN;  // error messages come from the JSON text's values
  var text = pyDumps(x), points = 0, cut = -1;
  for (var i = 0; i < text.length; points++) {
    if (points === 57) cut = i;
    i += StringPrototypeCodePointAt(text, i) > 0xffff ? 2 : 1;
  }
  return points <= 60 ? text : StringPrototypeSlice(text, 0, cut) + "...";
}

function byCodePoint(a, b) {
  for (var i = 0, j = 0; i < a.length && j < b.length; ) {
    var x = StringPrototypeCodePointAt(a, i), y = StringPrototypeCodePointAt(b, j);
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return (a.length - i) - (b.length - j);
}

function sortedKeys(src) {  // Object.keys(src).sort(byCodePoint).join(", "), with no list of our own
  var keys = ObjectKeys(src), taken = bare(), text = "";
  for (var n = 0; n < keys.length; n++) {
    var best = -1;
    for (var i = 0; i < keys.length; i++) {
      if (taken[i] !== true && (best < 0 || byCodePoint(keys[i], keys[best]) < 0)) best = i;
    }
    taken[best] = true;
    text += (n ? ", " : "") + keys[best];
  }
  return text;
}

// JSON.stringify of a string or null, faster for the short plain names and keys an output holds
function quote(s) {
  if (s === null) return "null";
  for (var i = 0; i < s.length; i++) {
    var c = StringPrototypeCharCodeAt(s, i);
    if (c < 0x20 || c === 34 || c === 92 || c >= 0xd800 && c <= 0xdfff) return JSONStringify(s);
  }
  return '"' + s + '"';
}

// A JSON value as JSON text (no JSON.stringify of an object: a toJSON a script put on a prototype
// must not apply); numbers that carry their source keep it.
function jsonText(x) {
  if (typeof x === "string") return quote(x);
  if (x === null || typeof x !== "object") return JSONStringify(x);
  if (x instanceof Num) return x.s;
  if (JSONIsRawJSON(x)) return JSONStringify(x);  // a raw JSON text has no prototype: no toJSON
  var text = "", i;
  if (ArrayIsArray(x)) {
    for (i = 0; i < x.length; i++) text += (i ? "," : "") + jsonText(x[i]);
    return "[" + text + "]";
  }
  var keys = ObjectKeys(x);
  for (i = 0; i < keys.length; i++) text += (i ? "," : "") + quote(keys[i]) + ":" + jsonText(x[keys[i]]);
  return "{" + text + "}";
}

function nested(x, m) {  // a nested object or array; numbers that carry their source keep it
  if (!m.sourced) return x;
  if (x instanceof Num) return JSONRawJSON(x.s);
  if (x === null || typeof x !== "object") return x;
  var i;
  if (ArrayIsArray(x)) {
    var list = [];
    for (i = 0; i < x.length; i++) append(list, nested(x[i], m), m);
    return list;
  }
  var keys = ObjectKeys(x), out = {}, copied = [];
  for (i = 0; i < keys.length; i++) append(copied, nested(x[keys[i]], m), m);
  for (i = 0; i < keys.length; i++) if (!put(out, keys[i], copied[i])) return bareCopy(keys, copied);
  return out;
}

function bareCopy(keys, values) {  // keys[i]: values[i], on an object with no prototype
  var out = bare();
  for (var i = 0; i < keys.length; i++) out[keys[i]] = values[i];
  return out;
}

function bigInt(text) {  // a Python int's digits: in a long -> that number, else null (kept as the text)
  var n = BigIntCtor(text);
  if (n < INT64_MIN || n > INT64_MAX) return null;
  var small = NumberCtor(n);
  return NumberIsSafeInteger(small) ? small : JSONRawJSON(BigIntPrototypeToString(n));
}

function castNumber(x) {
  if (x instanceof Num) {
    var s = x.s;
    if (isFloatText(s)) return JSONRawJSON(s);
    var n = bigInt(s);
    return n === null ? s : n;
  }
  if (NumberIsSafeInteger(x) || !NumberIsInteger(x) || MathAbs(x) >= 1e21) return x;
  var big = bigInt(StringCtor(x));  // an integer past 2^53: Python reads its exact digits
  return big === null ? StringCtor(x) : big;
}

function castString(x) {
  var c = StringPrototypeCharCodeAt(x, 0);
  if (!(c >= 48 && c <= 57 || c === 45 || c === 46 || c > 127)) return x;
  if (matches(PARSABLE, x)) {
    if (x.length > 4000) throw new Fallback();
    if (matches(INT_PARSABLE, x)) {
      var n = bigInt(x);
      return n === null ? x : n;
    }
    var f = NumberCtor(x);
    if (!GlobalIsFinite(f)) throw new Fallback();  // Python keeps inf: a JSON text can't
    if (ObjectIs(f, -0)) return JSONRawJSON("-0.0");
    return NumberIsInteger(f) && MathAbs(f) < 1e21 ? JSONRawJSON(StringCtor(f) + ".0") : f;
  }
  if (matches(WIDE_PARSABLE, x)) throw new Fallback();
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
    case "number": return NumberIsSafeInteger(v) || GlobalIsFinite(v) && !NumberIsInteger(v);
    case "string":
      var c = StringPrototypeCharCodeAt(v, 0);
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
  var keys = ObjectKeys(src);
  for (; i < keys.length; i++) if (!kept(src[keys[i]])) return false;
  return i > 0;
}

// attributes or telemetry values: src itself when nothing is to drop or cast, else a copy (no prototype)
function values(src, where, m) {
  if (!isDict(src)) throw new OutputError(where + " must be an object, got " + describe(src, m));
  if (allKept(src, m)) return src;
  var keys = ObjectKeys(src), names = [], cast = [], out = {}, i;
  for (i = 0; i < keys.length; i++) {
    var key = keys[i], v = read(src[key], m);
    if (v === null || v === MISSING) continue;
    append(names, key, m);
    append(cast, castValue(v, m), m);
  }
  if (!names.length) return null;
  for (i = 0; i < names.length; i++) if (!put(out, names[i], cast[i])) return bareCopy(names, cast);
  return out;
}

function timestamp(x, where, m) {
  if (x === null || x === true || x === false || typeof x === "object" && !(x instanceof Num)) {
    throw new OutputError(where + " must be epoch milliseconds, got " + describe(x, m));
  }
  var s = source(x);
  if (typeof x === "string") {
    if (!matches(SIMPLE_FLOAT, s)) throw new Fallback();
  } else if (!isFloatText(s)) {
    return JSONRawJSON(BigIntPrototypeToString(BigIntCtor(s)));
  }
  var n = NumberCtor(s);
  if (!GlobalIsFinite(n)) throw new OutputError(where + " must be epoch milliseconds, got " + describe(x, m));
  return JSONRawJSON(BigIntPrototypeToString(BigIntCtor(MathTrunc(n))));
}

