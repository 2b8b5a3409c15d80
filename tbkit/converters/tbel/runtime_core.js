// tbkit TBEL runtime, part 1: value model, Java string conversion, operators.
// All parts run inside one IIFE (see __init__.py) and share the namespace object `T`.
//
// Value model (Java value -> JS value):
//   null -> null (never undefined), boolean -> boolean, String -> string, char -> 1-char string,
//   int -> JS number (always int32-valued), long/double/float/byte/short -> N {k: 'L'|'D'|'F'|'B'|'S', v};
//   a long's `v` is its value as a JS number; beyond 2^53 it also carries the exact value as a BigInt `b`
//   (read a long exactly with lv(x)),
//   List -> JS Array, Java array -> JS Array with a non-enumerable `$t` element type,
//   Map -> JS Map (insertion ordered; put(k, null) removes k, like ThingsBoard's ExecutionHashMap),
//   Map.Entry -> Entry, Set -> JSet, Date -> TDate.

function N(k, v) {
  this.k = k;
  if (k !== 'L') this.v = v;
  else if (typeof v === 'number' && Number.isSafeInteger(v)) this.v = v || 0;  // a long has no -0 (0 * -5L)
  else { var b = toLong(v); this.v = Number(b); if (!Number.isSafeInteger(this.v)) this.b = b; }
}
// Java long of a BigInt (wrapped to 64 bits) or of a JS number (Java's double-to-long: truncate, saturate, NaN -> 0)
var TWO63 = 9223372036854775808;
var LMAX = 9223372036854775807n;
var LMIN = -9223372036854775808n;
function toLong(v) {
  if (typeof v === 'bigint') return BigInt.asIntN(64, v);
  if (v !== v) return 0n;
  if (v >= TWO63) return LMAX;
  if (v <= -TWO63) return LMIN;
  return BigInt(v < 0 ? Math.ceil(v) : Math.floor(v));
}
T.toLong = toLong;
N.prototype.toString = function () { return T.str(this); };
T.N = N;
var RANK = { B: 99, S: 105, I: 106, L: 107, F: 108, D: 109 };

// Errors thrown by the runtime name the TBEL line: the first stack frame outside this file.
var RUNTIME_FILE = 'tbel-runtime.js';
function userLocation() {
  var lines = String(new Error().stack).split('\n');
  for (var i = 1; i < lines.length; i++) {
    var m = /\(?([^()\s]*?):(\d+):(\d+)\)?\s*$/.exec(lines[i]);
    if (m && m[1] !== RUNTIME_FILE) return [parseInt(m[2], 10), parseInt(m[3], 10)];
  }
  return null;
}
function JErr(msg) {
  var loc = userLocation();
  var e = new Error(loc ? msg + ' [Line: ' + loc[0] + ', Column: ' + loc[1] + ']' : msg);
  e.name = 'TbelError';
  if (loc) { e.tbelLine = loc[0]; e.tbelColumn = loc[1]; }
  return e;
}
T.err = JErr;

T.D = function (v) { return new N('D', +v); };
T.F = function (v) { return new N('F', Math.fround(+v)); };
T.L = function (v) { return new N('L', v); };
T.B = function (v) { return new N('B', ((v | 0) << 24) >> 24); };
T.S = function (v) { return new N('S', ((v | 0) << 16) >> 16); };
T.I = function (v) { return v | 0; };
// a Java char: N('C', UTF-16 code unit); it prints as the character
T.C = function (c) { return new N('C', typeof c === 'string' ? c.charCodeAt(0) : c & 0xFFFF); };

function kind(x) {
  if (typeof x === 'number') return 'I';
  if (x instanceof N) return x.k;
  return null;
}
T.kind = kind;
function nv(x) { return typeof x === 'number' ? x : x.v; }
T.nv = nv;
function isNum(x) { return typeof x === 'number' || (x instanceof N && x.k !== 'C'); }
T.isNum = isNum;
// exact value of a fixed-point number (int, long, byte, short) as a BigInt; other numbers truncated
function lv(x) {
  if (typeof x === 'number') return BigInt(x | 0);
  if (typeof x === 'bigint') return x;
  return x.b !== undefined ? x.b : toLong(x.v);
}
T.lv = lv;
function isFixed(k) { return k === 'I' || k === 'L' || k === 'B' || k === 'S'; }

function toInt32(v) {
  if (v !== v) return 0;
  if (v >= 2147483647) return 2147483647;
  if (v <= -2147483648) return -2147483648;
  return v < 0 ? Math.ceil(v) : Math.floor(v);
}
// Make a value of kind k from a JS number (Java narrowing of a double result).
function mk(k, v) {
  switch (k) {
    case 'I': return toInt32(v) | 0;
    case 'L': return new N('L', v);
    case 'D': return new N('D', v);
    case 'F': return new N('F', Math.fround(v));
    case 'B': return T.B(toInt32(v));
    case 'S': return T.S(toInt32(v));
  }
  return new N('D', v);
}
T.mk = mk;
// int arithmetic result: promoted to long on overflow (MVEL behaviour)
function intRes(v) { return (v > 2147483647 || v < -2147483648) ? new N('L', v) : v; }
// int * int: MVEL multiplies as longs, and the product of two ints can pass 2^53
function intMul(a, b) { var r = a * b; return Number.isSafeInteger(r) ? intRes(r) : new N('L', BigInt(a) * BigInt(b)); }

// ---- Java number formatting (runtime_numfmt.js: Java 17's Double.toString / Float.toString) ----
function fmtJava(v) { return javaDouble(v); }
T.fmtDouble = function (v) { return javaDouble(v); };
T.fmtFloat = function (v) { return javaFloat(v); };
// a float as the double Jackson's text of it reads back as (Float.toString digits)
T.floatToDouble = function (v) { return (v !== v || !isFinite(v) || v === 0) ? v : parseFloat(javaFloat(v)); };

// Java String.valueOf
function str(x) {
  if (x === null || x === undefined) return 'null';
  switch (typeof x) {
    case 'string': return x;
    case 'number': return String(x);
    case 'boolean': return x ? 'true' : 'false';
  }
  if (x instanceof N) {
    if (x.k === 'C') return String.fromCharCode(x.v);
    if (x.k === 'D') return fmtJava(x.v);
    if (x.k === 'F') return javaFloat(x.v);
    return x.b !== undefined ? String(x.b) : String(x.v);
  }
  if (Array.isArray(x)) {
    var parts = [];
    for (var i = 0; i < x.length; i++) parts.push(x[i] === x ? '(this Collection)' : str(x[i]));
    return '[' + parts.join(', ') + ']';
  }
  if (x instanceof Map) {
    var ps = [];
    x.forEach(function (v, k) { ps.push(str(k) + '=' + str(v)); });
    return '{' + ps.join(', ') + '}';
  }
  if (typeof x.toJavaString === 'function') return x.toJavaString();
  return String(x);
}
T.str = str;

// ---- truthiness / conversion ----
T.truth = function (x) {
  if (x === null || x === undefined) return false;
  if (typeof x === 'boolean') return x;
  if (typeof x === 'string') return x.toLowerCase() === 'true' || x === '1';
  if (isNum(x)) return nv(x) !== 0;
  return true;
};

var NUMRE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfFlL]?$/;
function isNumStr(x) { return typeof x === 'string' && NUMRE.test(x.trim()); }

// Java's Integer/Long.parseXxx: exact BigInt of `s` in `radix`, checked against [-max-1, max] when max is given
function javaParseBig(s, radix, max) {
  if (s === null) throw JErr('java.lang.NumberFormatException: Cannot parse null string: null');
  s = str(s);
  radix = radix || 10;
  var bad = function () { return JErr('java.lang.NumberFormatException: For input string: "' + s + '"' + (radix !== 10 ? ' under radix ' + radix : '')); };
  if (radix < 2 || radix > 36) throw JErr('java.lang.NumberFormatException: radix ' + radix + (radix < 2 ? ' less than Character.MIN_RADIX' : ' greater than Character.MAX_RADIX'));
  var neg = s[0] === '-', i = (neg || s[0] === '+') ? 1 : 0, r = 0n, R = BigInt(radix);
  if (i >= s.length) throw bad();
  for (; i < s.length; i++) {
    var d = parseInt(s[i], 36);
    if (!(d < radix)) throw bad();
    r = r * R + BigInt(d);
  }
  if (neg) r = -r;
  if (max !== undefined && (r > max || r < -max - 1n)) throw bad();
  return r;
}
T.javaParseBig = javaParseBig;
function javaParseInt(s, radix, max) { return Number(javaParseBig(s, radix, max === undefined ? undefined : BigInt(max))); }
T.javaParseInt = javaParseInt;
T.javaParseLong = function (s, radix) { return new N('L', javaParseBig(s, radix, LMAX)); };
function javaParseDouble(s) {
  if (s === null) throw JErr('java.lang.NullPointerException');
  var t = str(s).trim();
  if (!NUMRE.test(t) && !/^[+-]?(NaN|Infinity)$/.test(t)) throw JErr('java.lang.NumberFormatException: For input string: "' + s + '"');
  return parseFloat(t.replace(/[dDfF]$/, ''));
}
T.javaParseDouble = javaParseDouble;

// the int a narrowing cast starts from: a long keeps its low 32 bits, a double saturates (Java's l2i / d2i)
function narrowInt(x) { return kind(x) === 'L' ? Number(BigInt.asIntN(32, lv(x))) : toInt32(nv(x)) | 0; }
// Convert a value to a declared Java type (typed declarations, casts, typed array stores).
T.cv = function (t, x) {
  if (x === null || x === undefined) return null;
  switch (t) {
    case 'int': case 'Integer': case 'I':
      if (typeof x === 'number') return x;
      if (x instanceof N) return x.k === 'L' ? Number(BigInt.asIntN(32, lv(x))) : toInt32(x.v) | 0;
      if (typeof x === 'string') return x.length === 1 && !/\d/.test(x) ? x.charCodeAt(0) : javaParseInt(x.trim(), 10, 2147483647);
      if (typeof x === 'boolean') return x ? 1 : 0;
      break;
    case 'long': case 'Long': case 'L':
      if (x instanceof N && x.k === 'L') return x;
      if (isNum(x)) return new N('L', isFixed(kind(x)) ? lv(x) : nv(x));
      if (typeof x === 'string') return T.javaParseLong(x.trim(), 10);
      break;
    case 'double': case 'Double': case 'D':
      if (isNum(x)) return new N('D', x instanceof N && x.k === 'F' ? x.v : nv(x));
      if (typeof x === 'string') return new N('D', javaParseDouble(x));
      break;
    case 'float': case 'Float': case 'F':
      if (isNum(x)) return T.F(nv(x));
      if (typeof x === 'string') return T.F(javaParseDouble(x));
      break;
    case 'byte': case 'Byte': case 'B':
      if (isNum(x)) return T.B(narrowInt(x));
      if (typeof x === 'string') return T.B(javaParseInt(x.trim(), 10));
      break;
    case 'short': case 'Short': case 'S':
      if (isNum(x)) return T.S(narrowInt(x));
      if (typeof x === 'string') return T.S(javaParseInt(x.trim(), 10));
      break;
    case 'char': case 'Character':
      if (x instanceof N && x.k === 'C') return x;
      if (typeof x === 'number' || x instanceof N) return T.C(narrowInt(x) & 0xFFFF);
      return T.C(str(x).charCodeAt(0));
    case 'String': return str(x);
    case 'boolean': case 'Boolean': return T.truth(x);
    default: return x;
  }
  throw JErr('cannot convert ' + str(x) + ' to ' + t);
};

function numOf(x) { return isNum(x) ? nv(x) : parseFloat(String(x).trim()); }

// ---- comparison / equality ----
function cmp(a, b) {
  if (isNum(a) && isNum(b)) {
    if (a.k === 'L' && b.k === 'L' && (a.b !== undefined || b.b !== undefined)) { var p = lv(a), q = lv(b); return p < q ? -1 : p > q ? 1 : 0; }
    var x = nv(a), y = nv(b); return x < y ? -1 : x > y ? 1 : (x === y ? 0 : NaN);
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if ((isNum(a) || isNumStr(a)) && (isNum(b) || isNumStr(b))) return cmp(numOf(a), numOf(b));
  if (a instanceof TDate && b instanceof TDate) return cmp(a.ms, b.ms);
  if (typeof a === 'boolean' && typeof b === 'boolean') return (a ? 1 : 0) - (b ? 1 : 0);
  return NaN;
}
T.cmp = cmp;

function jeq(a, b) {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (isNum(a) && isNum(b)) {  // Integer.equals(Long) is false: the classes must match
    if (kind(a) !== kind(b)) return false;
    if (a.k === 'L') return lv(a) === lv(b);
    var x = nv(a), y = nv(b);
    return x === y ? (x !== 0 || 1 / x === 1 / y) : (x !== x && y !== y);
  }
  if (typeof a === 'string' && typeof b === 'string') return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.$t || b.$t) return false;  // Java arrays are equal only to themselves
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (!jeq(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    var ok = true;
    a.forEach(function (v, k) { if (ok && (!b.has(k) || !jeq(v, b.get(k)))) ok = false; });
    return ok;
  }
  if (a instanceof TDate && b instanceof TDate) return a.ms === b.ms;
  if (a instanceof Entry && b instanceof Entry) return jeq(a.key, b.key) && jeq(a.value, b.value);
  if (a instanceof JSet && b instanceof JSet) {
    return a.m.size === b.m.size && a.list().every(function (e) { return b.m.has(mkey(e)); });
  }
  return false;
}
T.jeq = jeq;
// A number in the function's result. The JSON text Python reads must keep Java's kinds: a double
// with an integral value prints as `28.0` (Jackson's form), a long beyond 2^53 exactly.
T.outNum = function (x) {
  if (x.k === 'C') return String.fromCharCode(x.v);
  if (x.k === 'L') return x.b === undefined ? x.v : JSON.rawJSON(String(x.b));
  if (x.k !== 'D' && x.k !== 'F') return x.v;
  var v = x.k === 'F' ? T.floatToDouble(x.v) : x.v;
  if (!isFinite(v)) return str(x);
  return Number.isInteger(v) ? JSON.rawJSON(fmtJava(v)) : v;
};
