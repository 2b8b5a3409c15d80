// tbkit TBEL runtime, part 4: ThingsBoard TbUtils built-ins (T.fn), constructors (Date: runtime_date.js).

function bytesOf(x) {
  if (x === null || x === undefined) throw npe('bytes');
  if (typeof x === 'string') return utf8(x).map(nv);
  return iterList(x).map(function (b) {
    if (typeof b === 'string') b = javaParseInt(b, 10);
    var v = nv(b);
    if (kind(b) !== 'B' && (v > 255 || v < -128)) throw JErr("java.lang.NumberFormatException: The value '" + v + "' could not be correctly converted to a byte.");
    return (v << 24) >> 24;
  });
}
function toBytesArr(list) { return jarr('byte', list.map(function (v) { return new N('B', (v << 24) >> 24); })); }
function rangeCheck(d, off, len, max) {
  if (off > d.length) throw JErr('java.lang.IllegalArgumentException: Offset: ' + off + ' is out of bounds for array with length: ' + d.length + '!');
  if (off + len > d.length) throw JErr('java.lang.IllegalArgumentException: Offset: ' + off + ' and Length: ' + len + ' is out of bounds for array with length: ' + d.length + '!');
  if (len > max) throw JErr('java.lang.IllegalArgumentException: Length: ' + len + ' is too large. Maximum ' + max + ' bytes is allowed!');
}
// read `len` bytes into a width-`max` big-endian buffer (value is NOT sign-extended unless len == max)
function readBuf(x, off, len, be, max) {
  var d = bytesOf(x);
  off = off === undefined ? 0 : nv(off);
  len = len === undefined ? (d.length < off ? d.length : Math.min(d.length - off, max)) : nv(len);
  be = be === undefined ? true : be;
  rangeCheck(d, off, len, max);
  var buf = new Array(max).fill(0), seg = d.slice(off, off + len);
  if (be) for (var i = 0; i < len; i++) buf[max - len + i] = seg[i] & 255;
  else { for (var j = 0; j < len; j++) buf[j] = seg[j] & 255; buf.reverse(); }
  return { buf: buf, len: len, seg: seg, all: d };
}
function bufBig(buf) { var r = 0n; for (var i = 0; i < buf.length; i++) r = (r << 8n) | BigInt(buf[i]); return r; }
function hexClean(h) { return str(h).trim().replace(/0x/g, '').replace(/0X/g, '').replace(/,/g, '.'); }
function revHex(h) {
  if (h.indexOf('-') === 0) throw JErr('java.lang.IllegalArgumentException: The hexadecimal string must be without a negative sign.');
  if (h.length % 2) throw JErr('java.lang.IllegalArgumentException: The hexadecimal string must be even-length.');
  var r = ''; for (var i = h.length - 2; i >= 0; i -= 2) r += h.substr(i, 2); return r;
}
function radixOf(vp, radix, value) {
  var rv;
  if (!radix) {
    rv = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(vp) ? 10 : /^-?(0[xX])?[0-9a-fA-F]+$/.test(vp) ? 16 : -1;
    if (rv < 0) throw JErr('java.lang.NumberFormatException: Value: "' + value + '" is not numeric or hexDecimal format!');
  } else if (radix >= 25 && radix <= 36) return radix;
  else rv = radix === 2 ? (/^[01]+$/.test(vp) ? 2 : -1) : radix === 8 ? (/^[0-7]+$/.test(vp) ? 8 : -1) :
    radix === 10 ? (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(vp) ? 10 : -1) : radix === 16 ? (/^-?(0[xX])?[0-9a-fA-F]+$/.test(vp) ? 16 : -1) : -2;
  if (rv === -2) throw JErr('java.lang.IllegalArgumentException: Invalid radix: [' + radix + ']');
  if (rv < 0) throw JErr('java.lang.NumberFormatException: Failed radix [' + radix + '] for value: "' + value + '", must be [' + rv + '] !');
  if (value.indexOf('0x') === 0) rv = 16;
  if (rv === 16) { var p = value.indexOf('-') === 0 ? value.slice(1) : value; if (p.length % 2) throw JErr('java.lang.NumberFormatException: The hexadecimal value: "' + value + '" must be of even length, or if the decimal value must be a number!'); }
  return rv;
}
function tbParseInt(value, radix, be, bits) {
  if (value === null || str(value).trim() === '') return null;
  value = str(value);
  var vp = hexClean(value);
  if (be === false) vp = revHex(vp);
  var rv = radixOf(vp, radix ? nv(radix) : 0, value);
  if (rv === 2) { var b = vp.padStart(bits, '0'); return Number(BigInt.asIntN(bits, BigInt('0b' + b))); }
  var v = javaParseInt(vp, rv), lim = bits === 32 ? 2147483647 : 9223372036854775807;
  if (v > lim || v < -lim - 1) throw JErr('java.lang.NumberFormatException: Value "' + vp + '"is greater than the maximum value!');
  return v;
}
function floatFromHex(value, vp, radix) {
  var rv = radixOf(vp, radix, value);
  if (rv === 16) { var dv = new DataView(new ArrayBuffer(4)); dv.setInt32(0, Number(BigInt.asIntN(32, BigInt('0x' + vp)))); return T.F(dv.getFloat32(0)); }
  return T.F(javaParseDouble(value));
}
function hexToByteList(value) {
  var h = hexClean(value);
  if (h === '') throw JErr('java.lang.IllegalArgumentException: Hex string must be not empty!');
  if (h.length % 2) throw JErr('java.lang.IllegalArgumentException: Hex string must be even-length.');
  if (!/^-?(0[xX])?[0-9a-fA-F]+$/.test(str(value).trim())) throw JErr('java.lang.NumberFormatException: Value: "' + value + '" is not numeric or hexDecimal format!');
  var out = []; for (var i = 0; i < h.length; i += 2) out.push(parseInt(h.substr(i, 2), 16)); return out;
}
function hexOf(bytes) { return bytes.map(function (b) { return ('0' + (b & 255).toString(16)).slice(-2); }).join('').toUpperCase(); }
var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function b64enc(bytes) {
  var out = '', i;
  for (i = 0; i + 2 < bytes.length; i += 3) {
    var n3 = ((bytes[i] & 255) << 16) | ((bytes[i + 1] & 255) << 8) | (bytes[i + 2] & 255);
    out += B64[n3 >> 18] + B64[(n3 >> 12) & 63] + B64[(n3 >> 6) & 63] + B64[n3 & 63];
  }
  var rest = bytes.length - i;
  if (rest === 1) { var a = bytes[i] & 255; out += B64[a >> 2] + B64[(a & 3) << 4] + '=='; }
  else if (rest === 2) { var b = ((bytes[i] & 255) << 8) | (bytes[i + 1] & 255); out += B64[b >> 10] + B64[(b >> 4) & 63] + B64[(b & 15) << 2] + '='; }
  return out;
}
function b64dec(s) {
  s = str(s).replace(/=+$/, '');
  var out = [], buf = 0, bits = 0;
  for (var i = 0; i < s.length; i++) {
    var v = B64.indexOf(s[i]);
    if (v < 0) throw JErr('java.lang.IllegalArgumentException: Illegal base64 character ' + s.charCodeAt(i).toString(16));
    buf = (buf << 6) | v; bits += 6;
    if (bits >= 8) { bits -= 8; out.push((buf >> bits) & 255); }
  }
  return out;
}
function numHex(n, be, pref, len, maxLen) {
  var big = BigInt(n), hex = (big < 0n ? BigInt.asUintN(64, big) : big).toString(16).toUpperCase();
  var h = hex.replace(/^0+(?!$)/, '');
  if (h.length % 2) h = '0' + h;
  if (n < 0) {
    var f = h.replace(/^F+(?!$)/, '');
    if (f.length % 2) f = 'F' + f;
    h = f.length > maxLen ? f.slice(f.length - maxLen) : f.length === maxLen ? f : 'FF' + f;
  }
  if (!be) h = revHex(h);
  len = len === -1 ? h.length : len;
  var r = h.slice(h.length - len);
  return pref ? '0x' + r : r;
}
function flat(x, map, excl, path, pik) {
  if (x instanceof Entry) {
    if (path !== '') path += '.';
    if (excl.some(function (e) { return jeq(e, x.key); })) return;
    path += str(x.key); x = x.value;
  }
  if (Array.isArray(x) || x instanceof JSet) {
    iterList(x).forEach(function (e, i) { flat(e, map, excl, path + '.' + i, pik); });
  } else if (x instanceof Map) {
    x.forEach(function (v, k) { flat(new Entry(k, v), map, excl, path, pik); });
  } else if (pik) { if (x !== null) map.set(path, x); }
  else {
    var key = path.slice(path.lastIndexOf('.') + 1);
    if (/^\d+$/.test(key)) { var pos = path.length; for (var i = 0; i < 2; i++) pos = path.lastIndexOf('.', pos - 1); key = path.slice(pos + 1); }
    if (x !== null) map.set(key, x);
  }
}
var MDN = [['%3B', ';'], ['%2F', '/'], ['%3F', '?'], ['%3A', ':'], ['%40', '@'], ['%26', '&'], ['%3D', '='], ['%2B', '+'], ['%24', '$'], ['%2C', ','], ['%23', '#']];

T.fn = {
  btoa: function (s) { return b64enc(utf8(str(s)).map(nv)); },
  atob: function (s) { return fromUtf8(b64dec(s)); },
  encodeURI: function (s) { return encodeURI(str(s)); },
  decodeURI: function (s) { return decodeURI(str(s)); },
  bytesToString: function (b) { return fromUtf8(bytesOf(b)); },
  decodeToString: function (b) { return fromUtf8(bytesOf(b)); },
  decodeToJson: function (b) { return jsonParse(typeof b === 'string' ? b : fromUtf8(bytesOf(b))); },
  stringToBytes: function (s) { if (typeof s !== 'string') throw JErr("java.lang.IllegalAccessException: Invalid type parameter. Expected 'String'"); return utf8(s); },
  parseInt: function (s, r) { return tbParseInt(s, r, true, 32); },
  parseLong: function (s, r) { var v = tbParseInt(s, r, true, 64); return v === null ? null : T.L(v); },
  parseFloat: function (s, r) { if (s === null || str(s).trim() === '') return null; return floatFromHex(str(s), hexClean(s), r ? nv(r) : 0); },
  parseDouble: function (s, r) {
    if (s === null || str(s).trim() === '') return null;
    var value = str(s), vp = hexClean(value), rv = radixOf(vp, r ? nv(r) : 0, value);
    if (rv === 10) return T.D(javaParseDouble(vp));
    var dv = new DataView(new ArrayBuffer(8)); dv.setBigUint64(0, BigInt('0x' + vp)); return T.D(dv.getFloat64(0));
  },
  parseHexToInt: function (h, be) { return tbParseInt(h, 16, be === undefined ? true : be, 32); },
  parseLittleEndianHexToInt: function (h) { return tbParseInt(h, 16, false, 32); },
  parseBigEndianHexToInt: function (h) { return tbParseInt(h, 16, true, 32); },
  parseHexToLong: function (h, be) { return T.L(tbParseInt(h, 16, be === undefined ? true : be, 64)); },
  parseLittleEndianHexToLong: function (h) { return T.L(tbParseInt(h, 16, false, 64)); },
  parseBigEndianHexToLong: function (h) { return T.L(tbParseInt(h, 16, true, 64)); },
  parseHexToFloat: function (h, be) { var vp = hexClean(h); if (be === false) vp = revHex(vp); return floatFromHex(str(h), vp, 16); },
  parseLittleEndianHexToFloat: function (h) { return T.fn.parseHexToFloat(h, false); },
  parseBigEndianHexToFloat: function (h) { return T.fn.parseHexToFloat(h, true); },
  parseHexIntLongToFloat: function (h, be) { var v = tbParseInt(h, 16, be, 32); return T.F(v); },
  parseHexToDouble: function (h, be) {
    var vp = hexClean(h); if (be === false) vp = revHex(vp);
    var dv = new DataView(new ArrayBuffer(8)); dv.setBigUint64(0, BigInt.asUintN(64, BigInt('0x' + vp))); return T.D(dv.getFloat64(0));
  },
  parseLittleEndianHexToDouble: function (h) { return T.fn.parseHexToDouble(h, false); },
  parseBigEndianHexToDouble: function (h) { return T.fn.parseHexToDouble(h, true); },
  parseBytesToInt: function (d, o, l, be) { var r = readBuf(d, o, l, be, 4); return Number(BigInt.asIntN(32, bufBig(r.buf))); },
  parseBytesToUnsignedInt: function (d, o, l, be) { var r = readBuf(d, o, l, be, 4); return T.L(Number(bufBig(r.buf))); },
  parseBytesToLong: function (d, o, l, be) { var r = readBuf(d, o, l, be, 8); return T.L(Number(BigInt.asIntN(64, bufBig(r.buf)))); },
  parseBytesToFloat: function (d, o, l, be) {
    var r = readBuf(d, o, l, be, 4), dv = new DataView(new Uint8Array(r.buf).buffer), f = dv.getFloat32(0);
    if (f !== f) throw JErr('java.lang.NumberFormatException: byte[] 0x' + hexOf(r.all) + ' is a Not-a-Number (NaN) value');
    return T.F(f);
  },
  parseBytesIntToFloat: function (d, o, l, be) { var r = readBuf(d, o, l, be, 4); return T.F(Number(bufBig(r.buf))); },
  parseBytesToDouble: function (d, o, l, be) {
    var r = readBuf(d, o, l, be, 8), dv = new DataView(new Uint8Array(r.buf).buffer), f = dv.getFloat64(0);
    if (f !== f) throw JErr('java.lang.NumberFormatException: byte[] 0x' + hexOf(r.all) + ' is a Not-a-Number (NaN) value');
    return T.D(f);
  },
  parseBytesLongToDouble: function (d, o, l, be) { var r = readBuf(d, o, l, be, 8); return T.D(Number(bufBig(r.buf))); },
  toFixed: function (v, p) {
    var isF = kind(v) === 'F', x = isF ? parseFloat(T.fmtDouble(v.v)) : (typeof v === 'string' ? javaParseDouble(v) : nv(v));
    var r = parseFloat(T.halfUp(x, nv(p)));
    return isF ? T.F(r) : T.D(r);
  },
  toInt: function (v) { return toInt32(parseFloat(T.halfUp(nv(v), 0))) | 0; },
  isNaN: function (v) { return nv(v) !== nv(v); },
  hexToBytes: function (h) { return hexToByteList(h).map(function (b) { return T.B(b); }); },
  hexToBytesArray: function (h) { return toBytesArr(hexToByteList(h)); },
  printUnsignedBytes: function (b) { return bytesOf(b).map(function (v) { return v & 255; }); },
  intToHex: function (i, be, pref, len) { return numHex(nv(i), be === undefined ? true : be, !!pref, len === undefined ? -1 : nv(len), 8); },
  longToHex: function (i, be, pref, len) { return numHex(nv(i), be === undefined ? true : be, !!pref, len === undefined ? -1 : nv(len), 16); },
  intLongToRadixString: function (n, radix, be, pref) {
    var v = nv(n); radix = radix === undefined ? 10 : nv(radix);
    if (radix === 16) return numHex(v, be === undefined ? true : be, !!pref, -1, -1 >>> 0);
    if (radix === 2) { var b = v >= 0 ? v.toString(2) : BigInt.asUintN(64, BigInt(v)).toString(2); var w = b.length < 8 ? 8 : b.length < 16 ? 16 : b.length < 32 ? 32 : b.length < 64 ? 64 : 0; return w ? b.padStart(w, '0') : b; }
    if (radix === 8) return v >= 0 ? v.toString(8) : BigInt.asUintN(64, BigInt(v)).toString(8);
    if (radix === 10 || (radix >= 25 && radix <= 36)) return v.toString(radix);
    throw JErr('java.lang.IllegalArgumentException: Invalid radix: [' + radix + ']');
  },
  floatToHex: function (f, be) { var h = ('00000000' + (FLOAT.floatToIntBits(f) >>> 0).toString(16).toUpperCase()).slice(-8); return '0x' + (be === false ? revHex(h) : h); },
  doubleToHex: function (d, be) {
    var dv = new DataView(new ArrayBuffer(8)); dv.setFloat64(0, nv(d));
    var h = dv.getBigUint64(0).toString(16).toUpperCase().padStart(16, '0'); return '0x' + (be === false ? revHex(h) : h);
  },
  base64ToHex: function (s) { return hexOf(b64dec(s)); },
  hexToBase64: function (h) { return b64enc(hexToByteList(h)); },
  base64ToBytes: function (s) { return toBytesArr(b64dec(s)); },
  base64ToBytesList: function (s) { return b64dec(s).map(function (b) { return T.B(b); }); },
  bytesToBase64: function (b) { return b64enc(bytesOf(b)); },
  bytesToHex: function (b) { return hexOf(bytesOf(b)); },
  toFlatMap: function (m, a, b) {
    var excl = [], pik = true;
    if (Array.isArray(a)) { excl = a; if (b !== undefined) pik = b; } else if (typeof a === 'boolean') pik = a;
    var out = new Map(); flat(m, out, excl, '', pik); return out;
  },
  isMap: function (x) { return x instanceof Map; },
  isList: function (x) { return Array.isArray(x) && !x.$t; },
  isArray: function (x) { return isJArr(x); },
  isSet: function (x) { return x instanceof JSet; },
  newSet: function () { return new JSet(); },
  toSet: function (l) { return new JSet(iterList(l)); },
  isBinary: function (s) { return s !== null && /^[01]+$/.test(str(s)) ? 2 : -1; },
  isOctal: function (s) { return s !== null && /^[0-7]+$/.test(str(s)) ? 8 : -1; },
  isDecimal: function (s) { return s !== null && /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(str(s)) ? 10 : -1; },
  isHexadecimal: function (s) { return s !== null && /^-?(0[xX])?[0-9a-fA-F]+$/.test(str(s)) ? 16 : -1; },
  padStart: function (s, n, c) { s = str(s); while (s.length < nv(n)) s = str(c) + s; return s; },
  padEnd: function (s, n, c) { s = str(s); while (s.length < nv(n)) s = s + str(c); return s; },
  raiseError: function (msg) { throw JErr(str(msg)); },
  parseByteToBinaryArray: function (b, len, be) {
    var v = nv(b), n = len === undefined ? 8 : nv(len), r = new Array(n);
    for (var i = 0; i < n; i++) { var bitv = (v >> Math.min(i, 31)) & 1; if (be === false) r[i] = bitv; else r[n - 1 - i] = bitv; }
    return toBytesArr(r);
  },
  parseBytesToBinaryArray: function (bs, len) { var d = bytesOf(bs); return T.fn.parseLongToBinaryArray(T.fn.parseBytesToLong(d), len === undefined ? d.length * 8 : len); },
  parseLongToBinaryArray: function (l, len) {
    var n = Math.min(len === undefined ? 64 : nv(len), 64), big = BigInt(nv(l)), r = new Array(n);
    for (var i = 0; i < n; i++) r[n - 1 - i] = Number((big >> BigInt(i)) & 1n);
    return toBytesArr(r);
  },
  parseBinaryArrayToInt: function (bs, off, len) {
    var d = bytesOf(bs), o = off === undefined ? 0 : nv(off), l = len === undefined ? d.length : nv(len), r = 0, end = Math.min(l + o, d.length);
    for (var i = o; i < end; i++) r = (r << 1) | (d[i] & 1);
    if (d.length === 8 && o === 0 && d[0] === 1) r -= (1 << (end - o));
    return r;
  },
  parseDateToTimestampOrNow: function (s) { try { return T.L(parseDate(str(s))); } catch (e) { return T.L(Date.now()); } },
  isInsideCircle: function (lat, lon, per) {
    var p = jsonParse(per), R = 6371008.8, toR = Math.PI / 180;
    var la1 = nv(lat) * toR, la2 = numOf(p.get('latitude')) * toR, dl = (numOf(p.get('longitude')) - nv(lon)) * toR;
    var a = Math.sin((la2 - la1) / 2) ** 2 + Math.cos(la1) * Math.cos(la2) * Math.sin(dl / 2) ** 2;
    return numOf(p.get('radius')) > 2 * R * Math.asin(Math.sqrt(a));
  },
  isInsidePolygon: function (lat, lon, per) {
    var poly = jsonParse(per), y = nv(lat), x = nv(lon), inside = false;
    var pts = poly.map(function (pt) { return [numOf(pt[0]), numOf(pt[1])]; });
    for (var i = 0, j = pts.length - 1; i < pts.length; j = i++) {
      var yi = pts[i][0], xi = pts[i][1], yj = pts[j][0], xj = pts[j][1];
      if (((yi > y) !== (yj > y)) && (x < (xj - xi) * (y - yi) / (yj - yi) + xi)) inside = !inside;
    }
    return inside;
  }
};
T.fn.bytesToExecutionArrayList = function (b) { return bytesOf(b).map(function (v) { return T.B(v); }); };

// new X(args)
T.newObj = function (cls, args) {
  var c = cls.slice(cls.lastIndexOf('.') + 1);
  switch (c) {
    case 'ArrayList': case 'LinkedList': case 'Vector': case 'List': return args.length && !isNum(args[0]) ? iterList(args[0]).slice() : [];
    case 'HashMap': case 'LinkedHashMap': case 'TreeMap': case 'Map': {
      var m = new Map(); if (args.length && args[0] instanceof Map) args[0].forEach(function (v, k) { m.set(k, v); }); return m;
    }
    case 'HashSet': case 'LinkedHashSet': case 'TreeSet': case 'Set': return new JSet(args.length && !isNum(args[0]) ? iterList(args[0]) : []);
    case 'Date': return newDate(args);
    case 'String': return args.length === 0 ? '' : Array.isArray(args[0]) ? (args[0].$t === 'char' ? args[0].join('') : fromUtf8(bytesOf(args[0]))) : str(args[0]);
    case 'StringBuilder': case 'StringBuffer': return args.length ? str(args[0]) : '';
    case 'Integer': return T.cv('int', args[0]); case 'Long': return T.cv('long', args[0]);
    case 'Double': return T.cv('double', args[0]); case 'Float': return T.cv('float', args[0]);
    case 'Boolean': return BOOLEAN.valueOf(args[0]); case 'Object': return new Map();
  }
  throw JErr('unknown class: ' + cls);
};
