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
  else if (typeof v === 'number' && Number.isSafeInteger(v)) this.v = v;
  else { var b = toLong(v); this.v = Number(b); if (!Number.isSafeInteger(this.v)) this.b = b; }
}
// Java long of a BigInt (wrapped to 64 bits) or of a JS number (Java's double-to-long: truncate, saturate, NaN -> 0)
var TWO63 = 9223372036854775808, LMAX = 9223372036854775807n, LMIN = -9223372036854775808n;
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

function kind(x) {
  if (typeof x === 'number') return 'I';
  if (x instanceof N) return x.k;
  return null;
}
T.kind = kind;
function nv(x) { return typeof x === 'number' ? x : x.v; }
T.nv = nv;
function isNum(x) { return typeof x === 'number' || x instanceof N; }
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

// ---- Java number formatting ----
function expParts(v) {
  var s = Math.abs(v).toExponential();
  var m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  return { d: m[1] + (m[2] || ''), e: parseInt(m[3], 10) };
}
function fmtJava(v, digits) {
  if (v !== v) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (v === 0) return (1 / v < 0) ? '-0.0' : '0.0';
  var sign = v < 0 ? '-' : '';
  var p = digits ? { d: digits.d, e: digits.e } : expParts(v);
  var d = p.d, e = p.e, a = Math.abs(v);
  if (a >= 1e-3 && a < 1e7) {
    if (e >= 0) {
      var ip = d.length > e + 1 ? d.slice(0, e + 1) : d + '0'.repeat(e + 1 - d.length);
      var fp = d.length > e + 1 ? d.slice(e + 1) : '0';
      return sign + ip + '.' + fp;
    }
    return sign + '0.' + '0'.repeat(-e - 1) + d;
  }
  return sign + d[0] + '.' + (d.length > 1 ? d.slice(1) : '0') + 'E' + e;
}
function floatDigits(v) {
  for (var p = 1; p <= 9; p++) {
    var s = Math.abs(v).toPrecision(p);
    if (Math.fround(parseFloat(s)) === Math.abs(v)) {
      var q = expParts(parseFloat(s));
      return q;
    }
  }
  return expParts(v);
}
T.floatToDouble = function (v) {
  if (v !== v || !isFinite(v) || v === 0) return v;
  var q = floatDigits(v);
  return (v < 0 ? -1 : 1) * parseFloat(q.d[0] + '.' + q.d.slice(1) + 'e' + q.e);
};
T.fmtDouble = function (v) { return fmtJava(v); };
T.fmtFloat = function (v) {
  if (v !== v || !isFinite(v) || v === 0) return fmtJava(v);
  return fmtJava(v, floatDigits(v));
};

// Java String.valueOf
function str(x) {
  if (x === null || x === undefined) return 'null';
  switch (typeof x) {
    case 'string': return x;
    case 'number': return String(x);
    case 'boolean': return x ? 'true' : 'false';
  }
  if (x instanceof N) {
    if (x.k === 'D') return fmtJava(x.v);
    if (x.k === 'F') return T.fmtFloat(x.v);
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
      if (typeof x === 'number' || x instanceof N) return String.fromCharCode(narrowInt(x) & 0xFFFF);
      return str(x).charAt(0);
    case 'String': return str(x);
    case 'boolean': case 'Boolean': return T.truth(x);
    default: return x;
  }
  throw JErr('cannot convert ' + str(x) + ' to ' + t);
};

// ---- arithmetic ----
function numOf(x) { return isNum(x) ? nv(x) : parseFloat(String(x).trim()); }
function sameKind(k, op, a, b) {
  switch (k) {
    case 'I': case 'B': case 'S':
      if (op === '/') { if (b === 0 && a === 0) return new N('D', NaN); return new N('D', a / b); }
      if (op === '%') { if (b === 0) throw JErr('java.lang.ArithmeticException: / by zero'); return a % b; }
      return op === '*' ? intMul(a, b) : intRes(op === '+' ? a + b : a - b);
    case 'F':
      if (op === '/') return new N('D', a / b);
      return new N('F', Math.fround(op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a % b));
    default:
      return new N('D', op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b);
  }
}
// long op long: exact, with Java's 64-bit wrap-around (division gives a double, as MVEL does).
// MVEL computes mixed kinds (int op long, ...) in doubles and narrows the result (see arith).
function longOp(op, a, b) {
  if (op === '/') return new N('D', nv(a) / nv(b));
  if (a.b === undefined && b.b === undefined && op !== '%') {  // both exact as JS numbers: a safe result is exact too
    var r = op === '+' ? a.v + b.v : op === '-' ? a.v - b.v : a.v * b.v;
    if (Number.isSafeInteger(r)) return new N('L', r);
  }
  var x = lv(a), y = lv(b);
  if (op === '%') { if (y === 0n) throw JErr('java.lang.ArithmeticException: / by zero'); return new N('L', x % y); }
  return new N('L', op === '+' ? x + y : op === '-' ? x - y : x * y);
}
function arith(op, a, b) {
  var ka = kind(a), kb = kind(b);
  if (ka === 'L' && kb === 'L') return longOp(op, a, b);
  if (ka && kb) {
    if (ka === kb) return sameKind(ka, op, nv(a), nv(b));
    var k = RANK[ka] > RANK[kb] ? ka : kb;
    var x = nv(a), y = nv(b);
    var r = op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : op === '/' ? x / y : x % y;
    return mk(k, r);
  }
  if (op === '+') {
    if (Array.isArray(a) && !a.$t) { var l = a.slice(); if (Array.isArray(b) && !b.$t) return l.concat(b); l.push(b); return l; }
    return str(a) + str(b);
  }
  if (a === null || b === null || a === undefined || b === undefined) return null;
  if ((ka || isNumStr(a)) && (kb || isNumStr(b))) {
    var kk = ka || kb || 'D';
    var rr = arith(op, new N('D', numOf(a)), new N('D', numOf(b)));
    return mk(kk, nv(rr));
  }
  throw JErr('could not perform numeric operation on non-numeric types: ' + str(a) + ' ' + op + ' ' + str(b));
}
T.add = function (a, b) {
  if (typeof a === 'number' && typeof b === 'number') return intRes(a + b);
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  return arith('+', a, b);
};
T.sub = function (a, b) { if (typeof a === 'number' && typeof b === 'number') return intRes(a - b); return arith('-', a, b); };
T.mul = function (a, b) { if (typeof a === 'number' && typeof b === 'number') return intMul(a, b); return arith('*', a, b); };
T.div = function (a, b) { return arith('/', a, b); };
T.mod = function (a, b) { return arith('%', a, b); };
T.pow = function (a, b) { return new N('D', Math.pow(numOf(a), numOf(b))); };
T.neg = function (a) {
  if (typeof a === 'number') return intRes(-a);
  if (a instanceof N) return (a.k === 'B' || a.k === 'S') ? -a.v : new N(a.k, a.k === 'L' ? -lv(a) : -a.v);
  if (isNumStr(a)) return -numOf(a);
  throw JErr('cannot negate ' + str(a));
};
T.pos = function (a) { return a; };

// ---- bitwise ----
function intKind(x, op) {
  var k = kind(x);
  if (k === 'I' || k === 'B' || k === 'S' || k === 'L') return k;
  if (typeof x === 'string' && x.length === 1) return 'C';
  throw JErr('bitwise operation ' + op + ' on a non-fixed-point value: ' + str(x));
}
function bitv(x) { return typeof x === 'string' ? x.charCodeAt(0) : nv(x); }
// ThingsBoard's TBEL (tbel 1.2.10) takes a boolean in a bitwise operation as the int 1 or 0.
function boolInt(x) { return typeof x === 'boolean' ? (x ? 1 : 0) : x; }
function bit(op, a, b) {
  a = boolInt(a);
  b = boolInt(b);
  var ka = intKind(a, op), kb = intKind(b, op), x = bitv(a), y = bitv(b);
  var isShift = op === '<<' || op === '>>' || op === '>>>';
  var long = isShift ? ka === 'L' : (ka === 'L' || kb === 'L');
  if (!long) {
    switch (op) {
      case '&': return x & y; case '|': return x | y; case '^': return x ^ y;
      case '<<': return x << y; case '>>': return x >> y; case '>>>': return (x >>> y) | 0;
    }
  }
  var X = typeof a === 'string' ? BigInt(x) : lv(a), Y = typeof b === 'string' ? BigInt(y) : lv(b), r;
  switch (op) {
    case '&': r = X & Y; break; case '|': r = X | Y; break; case '^': r = X ^ Y; break;
    case '<<': r = X << (Y & 63n); break; case '>>': r = X >> (Y & 63n); break;
    case '>>>': r = BigInt.asUintN(64, X) >> (Y & 63n); break;
  }
  return new N('L', r);
}
T.band = function (a, b) { return (typeof a === 'number' && typeof b === 'number') ? a & b : bit('&', a, b); };
T.bor = function (a, b) { return (typeof a === 'number' && typeof b === 'number') ? a | b : bit('|', a, b); };
T.bxor = function (a, b) { return (typeof a === 'number' && typeof b === 'number') ? a ^ b : bit('^', a, b); };
T.shl = function (a, b) { return (typeof a === 'number' && typeof b === 'number') ? a << b : bit('<<', a, b); };
T.shr = function (a, b) { return (typeof a === 'number' && typeof b === 'number') ? a >> b : bit('>>', a, b); };
T.ushr = function (a, b) { return (typeof a === 'number' && typeof b === 'number') ? (a >>> b) | 0 : bit('>>>', a, b); };
T.bnot = function (a) {
  var k = intKind(a, '~');
  if (k === 'L') return new N('L', ~lv(a));
  return ~bitv(a);
};

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
T.lt = function (a, b) { if (a === null || b === null) return false; return cmp(a, b) < 0; };
T.gt = function (a, b) { if (a === null || b === null) return false; return cmp(a, b) > 0; };
T.le = function (a, b) { if (a === null || b === null) return false; return cmp(a, b) <= 0; };
T.ge = function (a, b) { if (a === null || b === null) return false; return cmp(a, b) >= 0; };

function jeq(a, b) {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (isNum(a) && isNum(b)) return a.k === 'L' && b.k === 'L' ? lv(a) === lv(b) : nv(a) === nv(b);
  if (typeof a === 'string' && typeof b === 'string') return false;
  if (Array.isArray(a) && Array.isArray(b)) {
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
  if (a instanceof JSet && b instanceof JSet) return jeq(a.list().slice().sort(), b.list().slice().sort());
  return false;
}
T.jeq = jeq;
// the `==` operator: Java equals plus MVEL's numeric coercion of numeric strings
T.eq = function (a, b) {
  if (a === b || (a == null && b == null)) return true;
  if ((isNum(a) && isNumStr(b)) || (isNumStr(a) && isNum(b))) return numOf(a) === numOf(b);
  return jeq(a, b);
};
T.ne = function (a, b) { return !T.eq(a, b); };

// A number in the function's result. The JSON text Python reads must keep Java's kinds: a double
// with an integral value prints as `28.0` (Jackson's form), a long beyond 2^53 exactly.
T.outNum = function (x) {
  if (x.k === 'L') return x.b === undefined ? x.v : JSON.rawJSON(String(x.b));
  if (x.k !== 'D' && x.k !== 'F') return x.v;
  var v = x.k === 'F' ? T.floatToDouble(x.v) : x.v;
  if (!isFinite(v)) return str(x);
  return Number.isInteger(v) ? JSON.rawJSON(fmtJava(v)) : v;
};
