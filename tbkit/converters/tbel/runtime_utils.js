// tbkit TBEL runtime, part 4: ThingsBoard TbUtils built-ins (T.fn), constructors (Date: runtime_date.js).

// a helper that calls a method of its String argument: a null argument is a NullPointerException
function nonNull(s, method, name) {
  if (s === null || s === undefined) {
    throw JErr('java.lang.NullPointerException: Cannot invoke "' + method + '" because "' + name + '" is null');
  }
  return s;
}
// BigDecimal.valueOf(double) parses Double.toString: NaN and the infinities are not numbers to it
function decimalOf(x) {
  if (x !== x || !isFinite(x)) {
    throw JErr('java.lang.NumberFormatException: Character ' + (x !== x ? 'N' : 'I') +
      ' is neither a decimal digit number, decimal point, nor "e" notation exponential mark.');
  }
  return x;
}
T.fn = {
  btoa: function (s) { return b64enc(utf8(str(nonNull(s, 'String.getBytes()', '<parameter1>'))).map(nv)); },
  atob: function (s) { return fromUtf8(b64dec(nonNull(s, 'String.getBytes(java.nio.charset.Charset)', 'src'))); },
  // URLEncoder + TbUtils' replacements leave JS encodeURI's set
  encodeURI: function (s) { return encodeURI(str(nonNull(s, 'String.length()', 's'))); },
  decodeURI: function (s) { return javaDecodeURI(str(nonNull(s, 'String.replaceAll(String, String)', '<parameter1>'))); },
  bytesToString: function (b, cs) { return cs === undefined ? fromUtf8(bytesFromList(b)) : decodeCharset(bytesFromList(b), cs); },
  decodeToString: function (b) { return fromUtf8(bytesFromList(b)); },
  decodeToJson: function (b) { return jsonParse(typeof b === 'string' ? b : fromUtf8(bytesFromList(b))); },
  stringToBytes: function (s, cs) {
    if (s === null || s === undefined) throw JErr('java.lang.NullPointerException');
    if (typeof s !== 'string') throw JErr('java.lang.IllegalAccessException: Invalid type parameter [' + javaTypeName(s) + "]. Expected 'String'");
    return cs === undefined ? utf8(s) : encodeCharset(s, cs).map(function (v) { return T.B(v); });
  },
  parseInt: function (s, r) { return tbInt(tbParseInt(s, r, true, 32)); },
  parseLong: function (s, r) { return tbLong(tbParseInt(s, r, true, 64)); },
  parseFloat: function (s, r) { if (s === null || str(s).trim() === '') return null; return floatFromHex(str(s), hexClean(s), r ? nv(r) : 0); },
  parseDouble: function (s) {  // the radix comes from the untrimmed text, as TbUtils.getRadix10_16 does
    var t = s === null ? null : str(s), rv = t !== null && T.fn.isDecimal(t) > 0 ? 10 : T.fn.isHexadecimal(t);
    if (rv < 0) throw JErr('java.lang.NumberFormatException: Value: "' + t + '" is not numeric or hexDecimal format!');
    return tbParseDouble(s, rv, true);
  },
  parseHexToInt: function (h, be) { var v = tbInt(tbParseInt(h, 16, be === undefined ? true : be, 32)); return be === undefined ? prim(v) : v; },
  parseLittleEndianHexToInt: function (h) { return prim(tbInt(tbParseInt(h, 16, false, 32))); },
  parseBigEndianHexToInt: function (h) { return prim(tbInt(tbParseInt(h, 16, true, 32))); },
  parseHexToLong: function (h, be) { var v = tbLong(tbParseInt(h, 16, be === undefined ? true : be, 64)); return be === undefined ? prim(v) : v; },
  parseLittleEndianHexToLong: function (h) { return prim(tbLong(tbParseInt(h, 16, false, 64))); },
  parseBigEndianHexToLong: function (h) { return prim(tbLong(tbParseInt(h, 16, true, 64))); },
  parseHexToFloat: function (h, be) {
    if (h === null || str(h).trim() === '') return be === undefined ? prim(null) : null;
    var vp = hexClean(h); if (be === false) vp = revHex(vp); return floatFromHex(str(h), vp, 16);
  },
  parseLittleEndianHexToFloat: function (h) { return prim(T.fn.parseHexToFloat(h, false)); },
  parseBigEndianHexToFloat: function (h) { return prim(T.fn.parseHexToFloat(h, true)); },
  parseHexIntLongToFloat: function (h, be) {
    if (h === null || str(h).trim() === '') return null;
    var vp = hexClean(h); if (be === false) vp = revHex(vp);
    radixOf(vp, 16, str(h));
    return T.F(Number(BigInt.asIntN(32, T.javaParseBig(vp, 16, 9223372036854775807n))));
  },
  parseHexToDouble: function (h, be) { return prim(tbParseDouble(h, 16, be !== false)); },
  parseLittleEndianHexToDouble: function (h) { return T.fn.parseHexToDouble(h, false); },
  parseBigEndianHexToDouble: function (h) { return T.fn.parseHexToDouble(h, true); },
  parseBytesToInt: function (d, o, l, be) { var r = readBuf(d, o, l, be, 4); return Number(BigInt.asIntN(32, bufBig(r.buf))); },
  parseBytesToUnsignedInt: function (d, o, l, be) { var r = readBuf(d, o, l, be, 4); return T.L(Number(bufBig(r.buf))); },
  parseBytesToLong: function (d, o, l, be) { var r = readBuf(d, o, l, be, 8); return new N('L', bufBig(r.buf)); },
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
    var r = parseFloat(T.halfUp(decimalOf(x), nv(p)));
    return isF ? T.F(r) : T.D(r);
  },
  toInt: function (v) { return Number(BigInt.asIntN(32, BigInt(T.halfUp(decimalOf(nv(v)), 0)))); },  // BigDecimal.intValue keeps the low 32 bits
  isNaN: function (v) { return nv(v) !== nv(v); },
  hexToBytes: function (h) { return hexToByteList(h).map(function (b) { return T.B(b); }); },
  hexToBytesArray: function (h) { return toBytesArr(hexToByteList(h)); },
  printUnsignedBytes: function (b) { return bytesOf(b).map(function (v) { return v & 255; }); },
  intToHex: function (i, be, pref, len) { return numHex(T.cv('int', i), be === undefined ? true : be, !!pref, len === undefined ? -1 : nv(len), 8); },
  longToHex: function (i, be, pref, len) { return numHex(T.cv('long', i), be === undefined ? true : be, !!pref, len === undefined ? -1 : nv(len), 16); },
  intLongToRadixString: function (n, radix, be, pref) {
    var v = T.lv(T.cv('long', n)), u = BigInt.asUintN(64, v); radix = radix === undefined ? 10 : nv(radix);
    if (radix === 16) return numHex(v, be === undefined ? true : be, !!pref, -1, -1);
    if (radix === 2) { var b = u.toString(2); var w = b.length < 8 ? 8 : b.length < 16 ? 16 : b.length < 32 ? 32 : b.length < 64 ? 64 : 0; return w ? b.padStart(w, '0') : b; }
    if (radix === 8) return u.toString(8);
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
  bytesToHex: function (b) {  // a list's elements go through Byte.parseByte(String.valueOf(e))
    if (isJArr(b) || typeof b === 'string') return hexOf(bytesOf(b));
    return hexOf(iterList(b).map(function (e) {
      var t = str(e), v = javaParseInt(t, 10);
      if (v < -128 || v > 127) throw JErr('java.lang.NumberFormatException: Value out of range. Value:"' + t + '" Radix:10');
      return v;
    }));
  },
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
  padStart: function (s, n, c) { s = str(s); c = javaChar(c); while (s.length < nv(n)) s = c + s; return s; },
  padEnd: function (s, n, c) { s = str(s); c = javaChar(c); while (s.length < nv(n)) s = s + c; return s; },
  raiseError: function (msg) { throw JErr(str(msg)); },
  parseByteToBinaryArray: function (b, len, be) {
    var v = (nv(b) << 24) >> 24, n = len === undefined ? 8 : nv(len), r = new Array(n);
    for (var i = 0; i < n; i++) { var bitv = (v >> i) & 1; if (be === false) r[i] = bitv; else r[n - 1 - i] = bitv; }  // Java's shift counts mod 32 too
    return toBytesArr(r);
  },
  parseBytesToBinaryArray: function (bs, len) { var d = bytesOf(bs); return T.fn.parseLongToBinaryArray(T.fn.parseBytesToLong(d), len === undefined ? d.length * 8 : len); },
  parseLongToBinaryArray: function (l, len) {
    var n = Math.min(len === undefined ? 64 : nv(len), 64), big = T.lv(T.cv('long', l)), r = new Array(n);
    for (var i = 0; i < n; i++) r[n - 1 - i] = Number((big >> BigInt(i)) & 1n);
    return toBytesArr(r);
  },
  parseBinaryArrayToInt: function (bs, off, len) {
    var d = bytesOf(bs), o = off === undefined ? 0 : nv(off), l = len === undefined ? d.length : nv(len), r = 0, end = Math.min(l + o, d.length);
    for (var i = o; i < end; i++) r = (r << 1) | (d[i] & 1);
    if (d.length === 8 && o === 0 && d[0] === 1) r -= (1 << (end - o));
    return r;
  },
  isInsideCircle: function (lat, lon, per) {  // haversine on spatial4j's mean earth radius, in the perimeter's radiusUnit
    var p = jsonParse(per), toR = Math.PI / 180, unit = p.has('radiusUnit') ? str(p.get('radiusUnit')) : 'METER';
    var fromKm = { METER: 1000.0, KILOMETER: 1.0, FOOT: 3280.84, MILE: 0.62137, NAUTICAL_MILE: 0.539957 }[unit];
    if (fromKm === undefined) throw JErr('java.lang.IllegalArgumentException: No enum constant org.thingsboard.common.util.geo.RangeUnit.' + unit);
    var la1 = nv(lat) * toR, la2 = javaParseDouble(str(p.get('latitude'))) * toR, dl = (javaParseDouble(str(p.get('longitude'))) - nv(lon)) * toR;
    var h = Math.sin((la2 - la1) / 2) ** 2 + Math.cos(la1) * Math.cos(la2) * Math.sin(dl / 2) ** 2;
    var km = 2 * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h)) * 6371.0087714;
    return javaParseDouble(str(p.get('radius'))) > km * fromKm;
  },
  isInsidePolygon: function (lat, lon, per) {
    var rings = polygonRings(jsonParse(per), []), x = nv(lat), y = nv(lon);
    var holes = rings.filter(function (r) { return rings.some(function (o) { return o !== r && r.every(function (p) { return inRing(o, p[0], p[1]); }); }); });
    var inside = rings.some(function (r) { return holes.indexOf(r) < 0 && inRing(r, x, y); });
    return inside && !holes.some(function (h) { return inRing(h, x, y); });
  }
};
T.fn.bytesToExecutionArrayList = function (b) { return bytesOf(b).map(function (v) { return T.B(v); }); };
function rawJava(x, cls) { Object.defineProperty(x, '$raw', { value: cls, enumerable: false }); return x; }
// new X(args)
T.newObj = function (cls, args) {
  var c = cls.slice(cls.lastIndexOf('.') + 1);
  switch (c) {
    // java.util collections are not TBEL values: a variable or collection holding one fails (Unsupported value type)
    case 'ArrayList': case 'LinkedList': case 'Vector': case 'List':
      return rawJava(args.length && !isNum(args[0]) ? iterList(args[0]).slice() : [], cls);
    case 'HashMap': case 'LinkedHashMap': case 'TreeMap': case 'Map': {
      var m = new Map(); if (args.length && args[0] instanceof Map) args[0].forEach(function (v, k) { m.set(k, v); }); return rawJava(m, cls);
    }
    case 'HashSet': case 'LinkedHashSet': case 'TreeSet': case 'Set': return rawJava(new JSet(args.length && !isNum(args[0]) ? iterList(args[0]) : []), cls);
    case 'Date': return newDate(args);
    case 'String': return args.length === 0 ? '' : Array.isArray(args[0]) ? (args[0].$t === 'char' ? args[0].join('') : fromUtf8(bytesOf(args[0]))) : str(args[0]);
    case 'StringBuilder': case 'StringBuffer': return args.length ? str(args[0]) : '';
    case 'Integer': return T.cv('int', args[0]); case 'Long': return T.cv('long', args[0]);
    case 'Double': return T.cv('double', args[0]); case 'Float': return T.cv('float', args[0]);
    case 'Boolean': return BOOLEAN.valueOf(args[0]); case 'Object': return new Map();
  }
  throw JErr('unknown class: ' + cls);
};
