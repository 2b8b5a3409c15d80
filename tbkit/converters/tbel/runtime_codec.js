// tbkit TBEL runtime, part 4a: the codecs behind ThingsBoard's TbUtils helpers: bytes, radix parsing, hex,
// base64, charsets, geometry. The helpers themselves (T.fn) are in runtime_utils.js.

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
var BYTE_RANGE = 'Integer to byte conversion requires the use of only 8 bits (with a range of min/max = -128/255)!';
function byteOfInt(v) {
  if (v > 255 || v < -128) throw JErr("java.lang.NumberFormatException: The value '" + v + "' could not be correctly converted to a byte. " + BYTE_RANGE);
  return (v << 24) >> 24;
}
// TbUtils.bytesFromList: Integer, Byte and (hex or decimal) String elements; anything else is an error
function bytesFromList(x) {
  if (x === null || x === undefined) throw npe('bytes');
  if (typeof x === 'string') return utf8(x).map(nv);
  return iterList(x).map(function (b) {
    var k = kind(b);
    if (k === 'B') return b.v;
    if (k === 'I') return byteOfInt(b);
    if (typeof b === 'string') return byteOfInt(tbInt(tbParseInt(b, 0, true, 32)));
    throw JErr("java.lang.NumberFormatException: The value '" + str(b) + "' could not be correctly converted to a byte. Must be a HexDecimal/String/Integer/Byte format !");
  });
}
// GeoUtil.contains: a polygon, a list of polygons or nested lists of them; a polygon inside another is a hole.
// A polygon is [[x, y], ...] (two points: the rectangle they span).
function polygonRings(arr, out) {
  var flat = arr.every(function (e) { return iterList(e).length > 0 && !Array.isArray(iterList(e)[0]); });
  if (flat) {
    var pts = arr.map(function (p) { return [numOf(p[0]), numOf(p[1])]; });
    if (pts.length === 2) pts = [pts[0], [pts[0][0], pts[1][1]], pts[1], [pts[1][0], pts[0][1]]];
    out.push(pts);
  } else arr.forEach(function (e) { polygonRings(e, out); });
  return out;
}
function inRing(pts, x, y) {
  var inside = false;
  for (var i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    var xi = pts[i][0], yi = pts[i][1], xj = pts[j][0], yj = pts[j][1];
    if (((yi > y) !== (yj > y)) && (x < (xj - xi) * (y - yi) / (yj - yi) + xi)) inside = !inside;
  }
  return inside;
}
// an argument MVEL converts to a Java char (a number is a char code; a longer string does not convert)
function javaChar(c) {
  if (isNum(c)) return String.fromCharCode(nv(c));
  c = str(c);
  if (c.length > 1) throw JErr('org.mvel2.ConversionException: cannot convert a string with a length greater than 1 to java.lang.Character');
  return c;
}
// Class.getSimpleName() of a TBEL value, as ThingsBoard's messages name it
function javaTypeName(x) {
  var k = kind(x);
  if (k) return { I: 'Integer', L: 'Long', D: 'Double', F: 'Float', B: 'Byte', S: 'Short' }[k];
  if (typeof x === 'boolean') return 'Boolean';
  if (typeof x === 'string') return 'String';
  if (x instanceof Map) return 'ExecutionHashMap';
  if (x instanceof JSet) return 'ExecutionLinkedHashSet';
  if (Array.isArray(x)) return x.$t ? x.$t + '[]' : 'ExecutionArrayList';
  if (x instanceof TDate) return 'TbDate';
  return 'Object';
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
    if (rv < 0) throw JErr('java.lang.NumberFormatException: Value: "' + vp + '" is not numeric or hexDecimal format!');
  } else if (radix >= 25 && radix <= 36) return radix;
  else rv = radix === 2 ? (/^[01]+$/.test(vp) ? 2 : -1) : radix === 8 ? (/^[0-7]+$/.test(vp) ? 8 : -1) :
    radix === 10 ? (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(vp) ? 10 : -1) : radix === 16 ? (/^-?(0[xX])?[0-9a-fA-F]+$/.test(vp) ? 16 : -1) : -2;
  if (rv === -2) throw JErr('java.lang.IllegalArgumentException: Invalid radix: [' + radix + ']');
  if (rv < 0) throw JErr('java.lang.NumberFormatException: Failed radix [' + radix + '] for value: "' + value + '", must be [' + rv + '] !');
  if (value.indexOf('0x') === 0) rv = 16;
  if (rv === 16) { var p = value.indexOf('-') === 0 ? value.slice(1) : value; if (p.length % 2) throw JErr('java.lang.NumberFormatException: The hexadecimal value: "' + value + '" must be of even length, or if the decimal value must be a number!'); }
  return rv;
}
// TbUtils.parseInt / parseLong (bits 32 / 64): the exact value as a BigInt, or null for a blank string
function tbParseInt(value, radix, be, bits) {
  if (value === null || str(value).trim() === '') return null;
  value = str(value);
  var vp = hexClean(value);
  if (be === false) vp = revHex(vp);
  var rv = radixOf(vp, radix ? nv(radix) : 0, value);
  var max = bits === 32 ? 2147483647n : 9223372036854775807n, type = bits === 32 ? 'Integer' : 'Long';
  if (rv === 2) {  // two's complement: a leading 1 is negative (the string padded to `bits` digits)
    var b = vp.padStart(bits, '0');
    if (b[0] !== '1') return T.javaParseBig(b, 2, max);
    return -(T.javaParseBig(b.replace(/[01]/g, function (c) { return c === '0' ? '1' : '0'; }), 2, max) + 1n);
  }
  if (rv < 25) return T.javaParseBig(vp, rv, max);
  var big = T.javaParseBig(vp, rv);
  if (big > max) throw JErr('java.lang.NumberFormatException: Value "' + vp + '"is greater than the maximum ' + type + ' value ' + max + ' !');
  if (big < -max - 1n) throw JErr('java.lang.NumberFormatException: Value "' + vp + '" is  less than the minimum ' + type + ' value ' + (-max - 1n) + ' !');
  return big;
}
function tbInt(big) { return big === null ? null : Number(big); }
function tbLong(big) { return big === null ? null : new N('L', big); }
function floatFromHex(value, vp, radix) {
  var rv = radixOf(vp, radix, value);
  if (rv === 16) return FLOAT.intBitsToFloat(Number(BigInt.asIntN(32, T.javaParseBig(vp, 16, 9223372036854775807n))));
  return T.F(javaParseDouble(value));
}
// TbUtils.parseDouble(value, radix, bigEndian): decimal text, or the IEEE 754 bits in hex
function tbParseDouble(value, radix, be) {
  if (value === null || str(value).trim() === '') return null;
  value = str(value);
  var vp = hexClean(value);
  if (be === false) vp = revHex(vp);
  if (radixOf(vp, radix, value) === 10) return T.D(javaParseDouble(vp));
  if (vp[0] === '-') throw JErr('java.lang.NumberFormatException: Illegal leading minus sign on unsigned string ' + vp + '.');
  var bits = T.javaParseBig(vp, 16);
  if (bits > 18446744073709551615n) throw JErr('java.lang.NumberFormatException: String value ' + vp + ' exceeds range of unsigned long.');
  var dv = new DataView(new ArrayBuffer(8)); dv.setBigUint64(0, bits); return T.D(dv.getFloat64(0));
}
// an overload declared with a primitive result (int, long, float, double): a null result is a NullPointerException
function prim(v) { if (v === null) throw JErr('java.lang.NullPointerException'); return v; }
function charsetName(cs) {
  var n = str(cs).toUpperCase().replace(/_/g, '-');
  var known = { 'UTF-8': 'UTF-8', 'UTF8': 'UTF-8', 'ISO-8859-1': 'ISO-8859-1', 'ISO8859-1': 'ISO-8859-1', 'LATIN1': 'ISO-8859-1',
    'US-ASCII': 'US-ASCII', 'ASCII': 'US-ASCII', 'UTF-16': 'UTF-16', 'UTF-16BE': 'UTF-16BE', 'UTF-16LE': 'UTF-16LE' };
  if (!known[n]) throw JErr('java.io.UnsupportedEncodingException: ' + str(cs));
  return known[n];
}
// String.getBytes(charset) as signed byte values
function encodeCharset(s, cs) {
  var n = charsetName(cs), out = [], i, c;
  if (n === 'UTF-8') return utf8(s).map(nv);
  if (n === 'ISO-8859-1' || n === 'US-ASCII') {
    for (i = 0; i < s.length; i++) { c = s.charCodeAt(i); out.push(c > (n === 'US-ASCII' ? 127 : 255) ? 63 : (c << 24) >> 24); }
    return out;
  }
  if (n === 'UTF-16') out.push(-2, -1);
  for (i = 0; i < s.length; i++) {
    c = s.charCodeAt(i);
    var hi = ((c >> 8) << 24) >> 24, lo = ((c & 255) << 24) >> 24;
    if (n === 'UTF-16LE') out.push(lo, hi); else out.push(hi, lo);
  }
  return out;
}
// new String(bytes, charset)
function decodeCharset(bytes, cs) {
  var n = charsetName(cs), out = '', i = 0;
  if (n === 'UTF-8') return fromUtf8(bytes);
  if (n === 'ISO-8859-1') return bytes.map(function (b) { return String.fromCharCode(b & 255); }).join('');
  if (n === 'US-ASCII') return bytes.map(function (b) { return (b & 255) > 127 ? '\ufffd' : String.fromCharCode(b); }).join('');
  var le = n === 'UTF-16LE';
  if (n === 'UTF-16' && bytes.length >= 2) {
    var b0 = bytes[0] & 255, b1 = bytes[1] & 255;
    if (b0 === 0xFE && b1 === 0xFF) i = 2; else if (b0 === 0xFF && b1 === 0xFE) { i = 2; le = true; }
  }
  for (; i + 1 < bytes.length; i += 2) out += String.fromCharCode(le ? ((bytes[i + 1] & 255) << 8) | (bytes[i] & 255) : ((bytes[i] & 255) << 8) | (bytes[i + 1] & 255));
  return i < bytes.length ? out + '\ufffd' : out;
}
function hexToByteList(value) {
  if (value === null || str(value).trim() === '') throw JErr('java.lang.IllegalArgumentException: Hex string must be not empty!');
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
// java.util.Base64's basic decoder: missing padding is accepted, a wrong ending is not
function b64dec(s) {
  if (s === null || s === undefined) throw JErr('java.lang.NullPointerException');
  s = str(s);
  var body = s.replace(/={1,2}$/, ''), pad = s.length - body.length;
  var eq = body.indexOf('=');
  if (eq >= 0) throw JErr('java.lang.IllegalArgumentException: Input byte array has incorrect ending byte at ' + eq);
  if (body.length % 4 === 1) throw JErr('java.lang.IllegalArgumentException: Last unit does not have enough valid bits');
  if (pad && (body.length + pad) % 4) throw JErr('java.lang.IllegalArgumentException: Input byte array has wrong 4-byte ending unit');
  s = body;
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
  var big = T.lv(n), hex = (big < 0n ? BigInt.asUintN(64, big) : big).toString(16).toUpperCase();
  var h = hex.replace(/^0+(?!$)/, '');
  if (maxLen < 0) maxLen = hex.length;
  if (h.length % 2) h = '0' + h;
  if (big < 0n) {
    var f = h.replace(/^F+(?!$)/, '');
    if (f.length % 2) f = 'F' + f;
    h = f.length > maxLen ? f.slice(f.length - maxLen) : f.length === maxLen ? f : 'FF' + f;
  }
  if (!be) h = revHex(h);
  len = len === -1 ? h.length : len;
  if (len > h.length || len < 0) throw JErr('java.lang.StringIndexOutOfBoundsException: begin ' + (h.length - len) + ', end ' + h.length + ', length ' + h.length);
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
// TbUtils.decodeURI: every %XX escape decoded (reserved characters too, unlike JS decodeURI), as UTF-8
// bytes; a '+' stays a '+' (TbUtils escapes it before URLDecoder sees it)
function javaDecodeURI(s) {
  var out = '', i = 0;
  while (i < s.length) {
    if (s[i] !== '%') { out += s[i++]; continue; }
    var bytes = [];
    while (i < s.length && s[i] === '%') {
      if (i + 2 >= s.length) throw JErr('java.lang.IllegalArgumentException: URLDecoder: Incomplete trailing escape (%) pattern');
      var hx = s.substr(i + 1, 2);
      if (!/^[0-9a-fA-F]{2}$/.test(hx)) throw JErr('java.lang.IllegalArgumentException: URLDecoder: Illegal hex characters in escape (%) pattern - Error at index 0 in: "' + hx + '"');
      bytes.push(parseInt(hx, 16)); i += 3;
    }
    out += fromUtf8(bytes);
  }
  return out;
}
