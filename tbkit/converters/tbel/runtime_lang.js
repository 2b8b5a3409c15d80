// tbkit TBEL runtime, part 3: java.lang String methods, static classes (Integer, Math, ...), Date, JSON.

function jre(re) {
  var flags = 'g';
  re = str(re);
  if (re.indexOf('(?i)') === 0) { flags += 'i'; re = re.slice(4); }
  re = re.replace(/\\p\{Alpha\}/g, '[A-Za-z]').replace(/\\p\{Digit\}/g, '[0-9]').replace(/\\p\{Alnum\}/g, '[A-Za-z0-9]')
    .replace(/\\p\{XDigit\}/g, '[0-9A-Fa-f]').replace(/\\p\{Punct\}/g, '[!-\\/:-@\\[-`{-~]').replace(/\\p\{Space\}/g, '\\s')
    .replace(/\\p\{Upper\}/g, '[A-Z]').replace(/\\p\{Lower\}/g, '[a-z]').replace(/\\Q(.*?)\\E/g, function (_, q) { return q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); });
  return new RegExp(re, flags);
}
function jrepl(r) { return str(r).replace(/\$\{(\w+)\}/g, '$<$1>').replace(/\\\$/g, '$$$$'); }
function jsplit(s, re, limit) {
  var parts;
  if (re.length === 1 && '.$|()[{^?*+\\'.indexOf(re) < 0) parts = s.split(re);
  else parts = s.split(new RegExp(jre(re).source, jre(re).flags.replace('g', '')));
  if (parts.length > 1 && parts[0] === '' && s.length > 0 && new RegExp('^(?:' + jre(re).source + ')').exec(s) && new RegExp('^(?:' + jre(re).source + ')').exec(s)[0] === '') parts.shift();
  if (limit > 0 && parts.length > limit) {
    parts = parts.slice(0, limit - 1).concat([null]);
    var rest = s, cnt = 0, m, rg = jre(re);
    while (cnt < limit - 1 && (m = rg.exec(s))) { cnt++; rest = s.slice(m.index + m[0].length); }
    parts[limit - 1] = rest;
  } else if (!(limit < 0)) {
    while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
    if (parts.length === 1 && parts[0] === '' && s.length > 0) parts = [];
  }
  return jarr('String', parts);
}
function utf8(s) {
  var b = unescape(encodeURIComponent(s)), out = [];
  for (var i = 0; i < b.length; i++) out.push(T.B(b.charCodeAt(i)));
  return out;
}
T.utf8 = utf8;
function fromUtf8(bytes) {
  var s = '';
  for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(nv(bytes[i]) & 255);
  try { return decodeURIComponent(escape(s)); } catch (e) { return s.replace(/[\x80-\xff]/g, '\ufffd'); }
}
T.fromUtf8 = fromUtf8;

// String.compareTo: the difference of the first differing chars, else of the lengths
function javaCompare(a, b) {
  var n = Math.min(a.length, b.length);
  for (var i = 0; i < n; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return a.charCodeAt(i) - b.charCodeAt(i);
  return a.length - b.length;
}
T.strM = function (s, name, a) {
  var x = a[0];
  switch (name) {
    case 'length': return s.length;
    case 'isEmpty': return s.length === 0;
    case 'isBlank': return s.trim().length === 0;
    case 'substring': case 'subSequence': {
      var b = nv(x), e = a.length > 1 ? nv(a[1]) : s.length;
      if (b < 0 || e > s.length || b > e) throw JErr('java.lang.StringIndexOutOfBoundsException: begin ' + b + ', end ' + e + ', length ' + s.length);
      return s.substring(b, e);
    }
    case 'indexOf': return s.indexOf(str(x), a.length > 1 ? nv(a[1]) : 0);
    case 'lastIndexOf': return a.length > 1 ? s.lastIndexOf(str(x), nv(a[1])) : s.lastIndexOf(str(x));
    case 'startsWith': return s.startsWith(str(x), a.length > 1 ? nv(a[1]) : 0);
    case 'endsWith': return s.endsWith(str(x));
    case 'toUpperCase': return s.toUpperCase();
    case 'toLowerCase': return s.toLowerCase();
    case 'trim': case 'strip': return s.trim();
    case 'split': return jsplit(s, str(x), a.length > 1 ? nv(a[1]) : 0);
    case 'replace': {  // Java: an empty target matches before every char and at the end
      var target = str(x), by = str(a[1]);
      return target === '' ? by + s.split('').join(by) + (s.length ? by : '') : s.split(target).join(by);
    }
    case 'replaceAll': return s.replace(jre(x), jrepl(a[1]));
    case 'replaceFirst': { var r = jre(x); return s.replace(new RegExp(r.source, r.flags.replace('g', '')), jrepl(a[1])); }
    case 'matches': { var mr = jre(x); return new RegExp('^(?:' + mr.source + ')$', mr.flags.replace('g', '')).test(s); }
    case 'charAt': { var i = nv(x); if (i < 0 || i >= s.length) throw JErr('java.lang.StringIndexOutOfBoundsException: index ' + i + ', length ' + s.length); return T.C(s.charCodeAt(i)); }
    case 'codePointAt': case 'charCodeAt': return s.charCodeAt(nv(x));
    case 'equals': return typeof x === 'string' && s === x;
    case 'equalsIgnoreCase': return typeof x === 'string' && s.toLowerCase() === x.toLowerCase();
    case 'contains': return s.indexOf(str(x)) >= 0;
    case 'concat': return s + str(x);
    case 'compareTo': if (typeof x !== 'string') throw x === null ? npe('compareTo') : cce(x, 'java.lang.String'); return javaCompare(s, x);
    case 'compareToIgnoreCase': return javaCompare(s.toUpperCase().toLowerCase(), str(x).toUpperCase().toLowerCase());
    case 'toString': case 'intern': return s;
    case 'hashCode': { var h = 0; for (var k = 0; k < s.length; k++) h = (Math.imul(h, 31) + s.charCodeAt(k)) | 0; return h; }
    case 'getBytes': return jarr('byte', utf8(s));
    case 'toCharArray': return jarr('char', s.split('').map(T.C));
    case 'repeat': return s.repeat(nv(x));
    case 'chars': return s.split('').map(function (c) { return c.charCodeAt(0); });
    case 'padStart': return s.padStart(nv(x), a.length > 1 ? str(a[1]) : ' ');
    case 'padEnd': return s.padEnd(nv(x), a.length > 1 ? str(a[1]) : ' ');
    case 'slice': return s.slice(nv(x), a.length > 1 ? nv(a[1]) : undefined);
  }
  throw JErr("unable to resolve method '" + name + "' on a String");
};

// ---- String.format (java.util.Formatter subset) ----
function jformat(fmt, args) {
  var ai = 0;
  return str(fmt).replace(/%(\d+\$)?([-#+ 0,(]*)(\d+)?(\.\d+)?([a-zA-Z%])/g, function (all, pos, fl, w, prec, conv) {
    if (conv === '%') return '%';
    if (conv === 'n') return '\n';
    var v = pos ? args[parseInt(pos, 10) - 1] : args[ai++];
    var p = prec ? parseInt(prec.slice(1), 10) : -1, s;
    switch (conv) {
      case 'd': s = v === null ? 'null' : kind(v) === 'L' ? String(T.lv(v)) : String(nv(v)); if (fl.indexOf(',') >= 0) s = s.replace(/\B(?=(\d{3})+(?!\d))/g, ','); break;
      case 'x': case 'X': {
        var n = nv(v);
        s = kind(v) === 'L' ? BigInt.asUintN(64, T.lv(v)).toString(16) : n >= 0 ? n.toString(16) : kind(v) === 'B' ? (n & 255).toString(16) : (n >>> 0).toString(16);
        if (conv === 'X') s = s.toUpperCase();
        break;
      }
      case 'o': s = (nv(v) >>> 0).toString(8); break;
      case 'f': s = T.halfUp(nv(v), p < 0 ? 6 : p); break;
      case 'e': case 'E': s = nv(v).toExponential(p < 0 ? 6 : p).replace(/e([+-])(\d)$/, 'e$10$2'); if (conv === 'E') s = s.toUpperCase(); break;
      case 'b': case 'B': s = v === null ? 'false' : typeof v === 'boolean' ? String(v) : 'true'; break;
      case 'c': s = typeof v === 'string' ? v : String.fromCharCode(nv(v)); break;
      case 'S': s = str(v).toUpperCase(); if (p >= 0) s = s.slice(0, p); break;
      default: s = str(v); if (p >= 0) s = s.slice(0, p);
    }
    if (fl.indexOf('+') >= 0 && /^[0-9]/.test(s) && 'dfe'.indexOf(conv) >= 0) s = '+' + s;
    if (w && s.length < parseInt(w, 10)) {
      var width = parseInt(w, 10);
      if (fl.indexOf('-') >= 0) s = s + ' '.repeat(width - s.length);
      else if (fl.indexOf('0') >= 0) { var neg = /^[-+]/.test(s) ? s[0] : ''; s = neg + '0'.repeat(width - s.length) + s.slice(neg.length); }
      else s = ' '.repeat(width - s.length) + s;
    }
    return s;
  });
}
T.format = jformat;

// BigDecimal.valueOf(v).setScale(p, HALF_UP) rendered as a plain decimal string
T.halfUp = function (v, p) {
  if (v !== v || !isFinite(v)) return String(v);
  var neg = v < 0, a = Math.abs(v), q = a === 0 ? { digits: '0', decExp: 1 } : doubleDigits(a), d = q.digits, e = q.decExp - 1;
  var digits, point;
  if (a === 0) { digits = '0'; point = 1; } else { digits = d; point = e + 1; }
  if (point <= 0) { digits = '0'.repeat(1 - point) + digits; point = 1; }
  var keep = point + p;
  if (digits.length <= keep) digits = digits + '0'.repeat(keep - digits.length);
  else {
    var up = digits.charCodeAt(keep) >= 53;
    digits = digits.slice(0, keep);
    if (up) {
      var arr = digits.split(''), i = arr.length - 1;
      while (i >= 0) { if (arr[i] === '9') { arr[i] = '0'; i--; } else { arr[i] = String.fromCharCode(arr[i].charCodeAt(0) + 1); break; } }
      digits = arr.join('');
      if (i < 0) { digits = '1' + digits; point++; }
    }
  }
  var ip = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0', fp = digits.slice(point);
  var s = p > 0 ? ip + '.' + fp : ip;
  return (neg && /[1-9]/.test(s) ? '-' : '') + s;
};

function radixStr(v, radix, bits) {
  var n = bits === 64 ? T.lv(v) : BigInt(nv(v));
  return (n >= 0n ? n : BigInt.asUintN(bits, n)).toString(radix);
}
var MAXI = 2147483647;
var INTEGER = {
  parseInt: function (s, r) { return javaParseInt(s, r ? nv(r) : 10, MAXI); },
  valueOf: function (s, r) { return typeof s === 'string' ? javaParseInt(s, r ? nv(r) : 10, MAXI) : T.cv('int', s); },
  toHexString: function (v) { return radixStr(v, 16, 32); },
  toBinaryString: function (v) { return radixStr(v, 2, 32); },
  toOctalString: function (v) { return radixStr(v, 8, 32); },
  toString: function (v, r) { return r ? nv(v).toString(nv(r)) : str(v); },
  reverseBytes: function (v) { var n = nv(v); return ((n & 255) << 24) | ((n >> 8 & 255) << 16) | ((n >> 16 & 255) << 8) | (n >>> 24 & 255); },
  bitCount: function (v) { var n = nv(v) >>> 0, c = 0; while (n) { c += n & 1; n >>>= 1; } return c; },
  signum: function (v) { return Math.sign(nv(v)); },
  compare: function (a, b) { return cmp(a, b); },
  max: function (a, b) { return Math.max(nv(a), nv(b)); }, min: function (a, b) { return Math.min(nv(a), nv(b)); },
  sum: function (a, b) { return T.add(a, b); },
  MAX_VALUE: 2147483647, MIN_VALUE: -2147483648
};
var LONG = {
  parseLong: function (s, r) { return T.javaParseLong(s, r ? nv(r) : 10); },
  valueOf: function (s, r) { return typeof s === 'string' ? T.javaParseLong(s, r ? nv(r) : 10) : T.cv('long', s); },
  toHexString: function (v) { return radixStr(v, 16, 64); },
  toBinaryString: function (v) { return radixStr(v, 2, 64); },
  toOctalString: function (v) { return radixStr(v, 8, 64); },
  toString: function (v, r) { var R = r ? nv(r) : 10; return T.lv(v).toString(R < 2 || R > 36 ? 10 : R); },
  compare: function (a, b) { return cmp(a, b); },
  signum: function (v) { var n = T.lv(v); return n > 0n ? 1 : n < 0n ? -1 : 0; },
  max: function (a, b) { return cmp(a, b) >= 0 ? T.cv('long', a) : T.cv('long', b); },
  min: function (a, b) { return cmp(a, b) <= 0 ? T.cv('long', a) : T.cv('long', b); },
  sum: function (a, b) { return T.add(T.cv('long', a), b); },
  bitCount: function (v) { return BigInt.asUintN(64, T.lv(v)).toString(2).replace(/0/g, '').length; },
  numberOfLeadingZeros: function (v) { var u = BigInt.asUintN(64, T.lv(v)); return u === 0n ? 64 : 64 - u.toString(2).length; },
  numberOfTrailingZeros: function (v) { var u = BigInt.asUintN(64, T.lv(v)), n = 0; if (u === 0n) return 64; while (!(u & 1n)) { u >>= 1n; n++; } return n; },
  reverseBytes: function (v) { var u = BigInt.asUintN(64, T.lv(v)), r = 0n; for (var i = 0; i < 8; i++) { r = (r << 8n) | (u & 255n); u >>= 8n; } return new N('L', r); },
  toUnsignedString: function (v, r) { return BigInt.asUintN(64, T.lv(v)).toString(r ? nv(r) : 10); },
  parseUnsignedLong: function (s, r) {
    var t = str(s), R = r ? nv(r) : 10;
    if (t[0] === '-') throw JErr('java.lang.NumberFormatException: Illegal leading minus sign on unsigned string ' + t + '.');
    var big = T.javaParseBig(t, R);
    if (big > 18446744073709551615n) throw JErr('java.lang.NumberFormatException: String value ' + t + ' exceeds range of unsigned long.');
    return new N('L', big);
  },
  MAX_VALUE: new N('L', 9223372036854775807n), MIN_VALUE: new N('L', -9223372036854775808n)
};
// Java's Double.toHexString: sign, 0x1.<fraction>p<exp> (0x0.<fraction>p-1022 when subnormal), trailing zeros cut.
function hexDouble(d) {
  if (d !== d) return 'NaN';
  if (!isFinite(d)) return d > 0 ? 'Infinity' : '-Infinity';
  var dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, d);
  var bits = dv.getBigUint64(0), sign = bits >> 63n ? '-' : '';
  if (d === 0) return sign + '0x0.0p0';
  var exp = Number((bits >> 52n) & 0x7FFn), frac = (bits & 0xFFFFFFFFFFFFFn).toString(16).padStart(13, '0');
  frac = frac.replace(/0+$/, '') || '0';
  return sign + (exp === 0 ? '0x0.' + frac + 'p-1022' : '0x1.' + frac + 'p' + (exp - 1023));
}
// Java's Float.toHexString: the float's double hex form; a float subnormal is scaled into a double subnormal.
function hexFloat(v) {
  var f = Math.fround(v);
  if (f === 0 || !isFinite(f) || Math.abs(f) >= 1.1754943508222875e-38) return hexDouble(f);
  return hexDouble(f * Math.pow(2, -896)).replace(/p-1022$/, 'p-126');
}
var DOUBLE = {
  toHexString: function (v) { return hexDouble(nv(v)); },
  parseDouble: function (s) { return T.D(javaParseDouble(s)); },
  valueOf: function (s) { return typeof s === 'string' ? T.D(javaParseDouble(s)) : T.cv('double', s); },
  toString: function (v) { return T.fmtDouble(nv(v)); },
  isNaN: function (v) { return nv(v) !== nv(v); },
  isFinite: function (v) { return isFinite(nv(v)); },
  compare: function (a, b) { return cmp(a, b); },
  longBitsToDouble: function (v) { var dv = new DataView(new ArrayBuffer(8)); dv.setBigInt64(0, BigInt(nv(v))); return T.D(dv.getFloat64(0)); },
  MAX_VALUE: new N('D', Number.MAX_VALUE), MIN_VALUE: new N('D', Number.MIN_VALUE),
  NaN: new N('D', NaN), POSITIVE_INFINITY: new N('D', Infinity), NEGATIVE_INFINITY: new N('D', -Infinity)
};
var FLOAT = {
  toHexString: function (v) { return hexFloat(nv(v)); },
  parseFloat: function (s) { return T.F(javaParseDouble(s)); },
  valueOf: function (s) { return typeof s === 'string' ? T.F(javaParseDouble(s)) : T.cv('float', s); },
  toString: function (v) { return T.fmtFloat(nv(v)); },
  isNaN: function (v) { return nv(v) !== nv(v); },
  intBitsToFloat: function (v) { var dv = new DataView(new ArrayBuffer(4)); dv.setInt32(0, nv(v)); return T.F(dv.getFloat32(0)); },
  floatToIntBits: function (v) { var dv = new DataView(new ArrayBuffer(4)); dv.setFloat32(0, nv(v)); return dv.getInt32(0); },
  MAX_VALUE: new N('F', 3.4028234663852886e38), MIN_VALUE: new N('F', 1.401298464324817e-45)
};
var BOOLEAN = {
  parseBoolean: function (s) { return s !== null && str(s).toLowerCase() === 'true'; },
  valueOf: function (s) { return typeof s === 'boolean' ? s : (s !== null && str(s).toLowerCase() === 'true'); },
  toString: function (b) { return str(b); }, TRUE: true, FALSE: false
};
var STRING = {
  format: function () { var a = Array.prototype.slice.call(arguments); return jformat(a[0], a.slice(1)); },
  valueOf: function (v) { return Array.isArray(v) && v.$t === 'char' ? v.join('') : str(v); },
  join: function (sep) {
    var rest = Array.prototype.slice.call(arguments, 1);
    if (rest.length === 1 && (Array.isArray(rest[0]) || rest[0] instanceof JSet)) rest = iterList(rest[0]);
    return rest.map(str).join(str(sep));
  }
};
var BYTE = { parseByte: function (s, r) { return T.B(javaParseInt(s, r ? nv(r) : 10)); }, valueOf: function (v) { return T.cv('byte', v); },
  toUnsignedInt: function (v) { return nv(v) & 255; }, MAX_VALUE: new N('B', 127), MIN_VALUE: new N('B', -128) };
var SHORT = { parseShort: function (s, r) { return T.S(javaParseInt(s, r ? nv(r) : 10)); }, valueOf: function (v) { return T.cv('short', v); } };
var CHARACTER = {
  isDigit: function (c) { return /^[0-9]$/.test(str(c)); }, isLetter: function (c) { return /^[A-Za-z]$/.test(str(c)); },
  isLetterOrDigit: function (c) { return /^[A-Za-z0-9]$/.test(str(c)); }, isWhitespace: function (c) { return /^\s$/.test(str(c)); },
  isUpperCase: function (c) { return /^[A-Z]$/.test(str(c)); }, isLowerCase: function (c) { return /^[a-z]$/.test(str(c)); },
  toUpperCase: function (c) { return typeof c === 'number' ? str(T.C(c)).toUpperCase().charCodeAt(0) : T.C(str(c).toUpperCase()); },
  toLowerCase: function (c) { return typeof c === 'number' ? str(T.C(c)).toLowerCase().charCodeAt(0) : T.C(str(c).toLowerCase()); },
  getNumericValue: function (c) { return parseInt(str(c), 36); }, digit: function (c, r) { var d = parseInt(str(c), nv(r)); return d !== d ? -1 : d; },
  toString: function (c) { return str(c); }
};
function mathKeep(f) {
  return function (x) {
    if (kind(x) === 'L' && x.b !== undefined) return new N('L', f === Math.abs && x.b < 0n ? -x.b : x.b);  // exact beyond 2^53
    return kind(x) === 'I' ? f(x) : mk(kind(x), f(nv(x)));
  };
}
function mathMax(f) {
  return function (a, b) {
    var ka = kind(a), kb = kind(b), k = RANK[ka] >= RANK[kb] ? ka : kb;
    if (ka === 'L' && kb === 'L') return (cmp(a, b) >= 0) === (f === Math.max) ? a : b;  // exact beyond 2^53
    return mk(k, f(nv(a), nv(b)));
  };
}
function dbl(f) { return function () { return T.D(f.apply(null, Array.prototype.map.call(arguments, function (x) { return typeof x === 'string' ? javaParseDouble(x) : nv(x); }))); }; }
var MATH = {
  abs: mathKeep(Math.abs), max: mathMax(Math.max), min: mathMax(Math.min),
  pow: dbl(Math.pow), sqrt: dbl(Math.sqrt), cbrt: dbl(Math.cbrt), floor: dbl(Math.floor), ceil: dbl(Math.ceil),
  log: dbl(Math.log), log10: dbl(Math.log10), exp: dbl(Math.exp), sin: dbl(Math.sin), cos: dbl(Math.cos), tan: dbl(Math.tan),
  asin: dbl(Math.asin), acos: dbl(Math.acos), atan: dbl(Math.atan), atan2: dbl(Math.atan2), hypot: dbl(Math.hypot),
  toRadians: dbl(function (x) { return x / 180 * Math.PI; }), toDegrees: dbl(function (x) { return x * 180 / Math.PI; }),
  signum: dbl(Math.sign), random: dbl(Math.random),
  rint: dbl(function (x) { var r = Math.round(x); return (Math.abs(x % 1) === 0.5 && r % 2 !== 0) ? r - 1 : r; }),
  round: function (x) { var v = Math.floor(nv(x) + 0.5); return kind(x) === 'F' ? toInt32(v) | 0 : T.L(v); },
  floorDiv: function (a, b) { return mk(kind(a), Math.floor(nv(a) / nv(b))); },
  floorMod: function (a, b) { var x = nv(a), y = nv(b); return mk(kind(a), ((x % y) + y) % y); },
  PI: new N('D', Math.PI), E: new N('D', Math.E)
};
function copyRange(a, from, to) {
  var f = nv(from), t = nv(to), r = [];
  if (f > a.length || f < 0) throw JErr('java.lang.ArrayIndexOutOfBoundsException: ' + f);
  if (f > t) throw JErr('java.lang.IllegalArgumentException: ' + f + ' > ' + t);
  for (var i = f; i < t; i++) r.push(i < a.length ? a[i] : zero(a.$t));
  return a.$t ? jarr(a.$t, r) : r;
}
var ARRAYS = {
  copyOfRange: copyRange,
  copyOf: function (a, n) { return copyRange(a, 0, n); },
  asList: function () { var a = Array.prototype.slice.call(arguments); return (a.length === 1 && Array.isArray(a[0])) ? a[0].slice() : a; },
  toString: function (a) { return a === null ? 'null' : str(Array.from(a)); },
  fill: function (a, v) { for (var i = 0; i < a.length; i++) a[i] = v; return null; },
  sort: function (a) { a.sort(cmp); return null; },
  equals: function (a, b) { return jeq(a, b); }
};
var COLLECTIONS = {
  sort: function (l) { l.sort(cmp); return null; }, reverse: function (l) { l.reverse(); return null; },
  max: function (l) { return iterList(l).reduce(function (a, b) { return cmp(a, b) >= 0 ? a : b; }); },
  min: function (l) { return iterList(l).reduce(function (a, b) { return cmp(a, b) <= 0 ? a : b; }); },
  emptyList: function () { return []; }, emptyMap: function () { return new Map(); }
};
var SYSTEM = { currentTimeMillis: function () { return T.L(Date.now()); }, nanoTime: function () { return T.L(Date.now() * 1e6); } };
var OBJECTS = { equals: function (a, b) { return jeq(a, b); }, isNull: function (a) { return a === null; }, nonNull: function (a) { return a !== null; },
  requireNonNullElse: function (a, b) { return a === null ? b : a; }, toString: function (a) { return str(a); } };

// ---- JSON (TbJson) ----
function jsonStr(x) {
  if (x === null || x === undefined) return 'null';
  if (typeof x === 'string') return JSON.stringify(x);
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  if (x instanceof N) return (x.k === 'D' || x.k === 'F') ? (isFinite(x.v) ? str(x) : JSON.stringify(str(x))) : String(x);
  if (Array.isArray(x)) return '[' + x.map(jsonStr).join(',') + ']';
  if (x instanceof JSet) return jsonStr(x.list());
  if (x instanceof Map) {
    var ps = [];
    x.forEach(function (v, k) { ps.push(JSON.stringify(str(k)) + ':' + jsonStr(v)); });
    return '{' + ps.join(',') + '}';
  }
  if (x instanceof TDate) return JSON.stringify(x.toJavaString());
  if (x instanceof Entry) { var m = new Map(); m.set(x.key, x.value); return jsonStr(m); }
  return JSON.stringify(str(x));
}
T.jsonStr = jsonStr;
// Jackson keeps `2.0` a double: use the number's source text when V8 provides it.
function jsonReviver(key, value, context) {
  if (typeof value === 'number' && context && typeof context.source === 'string') {
    if (/[.eE]/.test(context.source)) return new N('D', value);
    if (!Number.isSafeInteger(value) && /^-?\d+$/.test(context.source)) {
      var big = BigInt(context.source);
      if (big === BigInt.asIntN(64, big)) return new N('L', big);
    }
  }
  return value;
}
function jsonParse(s) {
  if (s === null) return null;
  var text = Array.isArray(s) ? fromUtf8(s) : str(s), v;
  try { v = JSON.parse(text, jsonReviver); } catch (e) { throw JErr('com.fasterxml.jackson.core.JsonParseException: ' + e.message); }
  return T.fromJs(v);
}
T.jsonParse = jsonParse;
var JSONC = { parse: jsonParse, stringify: jsonStr };

T.statics = {
  Integer: INTEGER, Long: LONG, Double: DOUBLE, Float: FLOAT, Boolean: BOOLEAN, String: STRING, Byte: BYTE, Short: SHORT,
  Character: CHARACTER, Math: MATH, Arrays: ARRAYS, Collections: COLLECTIONS, System: SYSTEM, Objects: OBJECTS, JSON: JSONC,
  StrictMath: MATH
};
// Class.member(args) for Java statics
// Class.FIELD (a static field of a Java class)
T.sf = function (cls, name) {
  var c = staticImpls()[cls];
  if (!c || !(name in c) || typeof c[name] === 'function') {
    throw JErr('unresolvable property or identifier: ' + cls.slice(cls.lastIndexOf('.') + 1) + '.' + name);
  }
  return c[name];
};
// The JS implementation of each Java class whose static methods a script calls (T.scall chooses the overload);
// built on first use, once every part of the runtime has defined its objects
var STATIC_IMPLS = null;
function staticImpls() {
  if (STATIC_IMPLS === null) {
    STATIC_IMPLS = {
      'java.lang.Math': MATH, 'java.lang.StrictMath': MATH, 'java.lang.Integer': INTEGER, 'java.lang.Long': LONG,
      'java.lang.Double': DOUBLE, 'java.lang.Float': FLOAT, 'java.lang.Boolean': BOOLEAN, 'java.lang.String': STRING,
      'java.lang.Byte': BYTE, 'java.lang.Short': SHORT, 'java.lang.Character': CHARACTER, 'java.util.Arrays': ARRAYS,
      'org.thingsboard.script.api.tbel.TbJson': JSONC, 'org.thingsboard.script.api.tbel.TbDate': TDATE_STATIC,
      'org.thingsboard.script.api.tbel.TbUtils': T.fn, 'org.thingsboard.common.util.NumberUtils': T.fn
    };
  }
  return STATIC_IMPLS;
}
T.invokeStatic = function (m, args) {
  var impls = staticImpls()[m.o], f = impls && impls[m.n];
  if (typeof f !== 'function') throw JErr('tbkit does not implement ' + m.o + '.' + m.n + '()');
  return f.apply(m, args);
};

// ---- MVEL's word and symbol operators (Operator.java / MathProcessor) ----
// `a contains b`: ParseTools.containsCheck
T.contains = function (a, b) {
  if (a === null || a === undefined) return false;
  if (typeof a === 'string') return a.indexOf(str(b)) >= 0;
  if (Array.isArray(a)) { for (var i = 0; i < a.length; i++) if (T.eq(a[i], b)) return true; return false; }
  if (a instanceof JSet) return a.m.has(mkey(b));
  if (a instanceof Map) return a.has(mkey(b)) || a.has(b);
  return false;
};
// `a ~= re`: Pattern.compile(re).matcher(String.valueOf(a)).matches()
T.rxm = function (a, re) {
  var r = jre(re);
  return new RegExp('^(?:' + r.source + ')$', r.flags.replace('g', '')).test(str(a));
};
// `a # b`: String.valueOf(a) + String.valueOf(b)
T.strcat = function (a, b) { return str(a) + str(b); };
// `a or b` (CHOR): the first operand that is not empty (PropertyTools.isEmpty)
function mvelEmpty(o) {
  if (o === null || o === undefined) return true;
  if (Array.isArray(o)) return o.length === 0;
  if (o instanceof Map) return o.size === 0;
  if (o instanceof JSet) return o.m.size === 0;
  var s = str(o);
  return s === '' || s === 'null';
}
T.chor = function (a, b) { return !mvelEmpty(a) ? a : (!mvelEmpty(b) ? b : null); };
// the `empty` literal (BlankLiteral): equal to null, blank strings, 0, empty collections and false
T.EMPTY = { toJavaString: function () { return ''; } };
T.isBlank = function (o) {
  if (o === null || o === undefined || str(o).trim().length === 0) return true;
  if (isNum(o)) return str(o) === '0';
  if (Array.isArray(o)) return o.length === 0;
  if (o instanceof JSet) return o.m.size === 0;
  if (typeof o === 'boolean') return !o;
  return false;
};
function soundex(s) {
  var MAP = '01230120022455012623010202', ca = s.toUpperCase(), res = '', prev = '?';
  for (var i = 0; i < ca.length && res.length < 4 && ca[i] !== ','; i++) {
    var c = ca[i];
    if (c >= 'A' && c <= 'Z' && c !== prev) { prev = c; var m = MAP[c.charCodeAt(0) - 65]; if (m !== '0') res += m; }
  }
  if (res.length === 0) return null;
  while (res.length < 4) res += '0';
  return res;
}
T.soundslike = function (a, b) { return soundex(str(a)) === soundex(str(b)); };
// `a strsim b`: share of equal characters at equal positions, as a float
T.strsim = function (a, b) {
  var s1 = str(a), s2 = str(b), comp = s1.length > s2.length ? s1 : s2, other = comp === s1 ? s2 : s1, same = 0;
  for (var i = 0; i < comp.length && i < other.length; i++) if (comp[i] === other[i]) same++;
  return T.F(same / comp.length);
};
// `(name in list)`: MVEL projection, the property path read from every element
T.proj = function (list, path, call) {
  return T.list(iterList(list).map(function (el) {
    var v = el;
    for (var i = 0; i < path.length; i++) v = (call && i === path.length - 1) ? T.m(v, path[i], []) : T.g(v, path[i]);
    return v;
  }));
};
// `x.?a.b`: when `x.a` is null the rest of the chain is skipped and gives null
T.sn = function (v, rest) { return (v === null || v === undefined) ? null : rest(v); };
// A TbUtils import read as a value (MVEL gives its MethodStub, whatever the script assigned)
function MethodStub(name) { this.name = name; }
MethodStub.prototype.toJavaString = function () { return 'org.mvel2.util.MethodStub@' + this.name; };
T.mstub = function (name) { return new MethodStub(name); };
// a script function called with more arguments than it declares
T.argc = function (name, given, declared) {
  if (given > declared) throw JErr(name + '(): array index out of bounds.');
};
// `new int[2][3]`: an array of arrays, the innermost of the element type
T.newArrN = function (t, sizes) {
  if (sizes.length === 1) return T.newArr(t, sizes[0]);
  var out = [], inner = sizes.slice(1);
  for (var i = 0; i < nv(sizes[0]); i++) out.push(T.newArrN(t, inner));
  return jarr(t + '[]'.repeat(inner.length), out);
};
