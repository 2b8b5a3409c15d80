// tbkit's batch path, part 1: the payload arrays a decoder gets, built from the bytes of every
// body in the batch (a Uint8Array; a body is bytes[a..b)), and the numbers the data carries.
// Provides payloadCodes, readNumber. (All runtime files share one scope and its primordials: runtime.py.)
//
// A payload is built with plain index stores on a new array when nothing a script did can reach them:
// Array.prototype has no index property (its length counts every one, so it is 0) and Object.prototype
// no enumerable one. Otherwise it is built by JSON.parse, which defines every element itself.

var UNITS = new Uint16ArrayCtor(1024);  // UTF-16 code units of the body being decoded (grows as needed)

// The decoder's payload for bytes[a..b): ThingsBoard's rule (tbkit/converters/uplink.py payload_text) when
// utf8: a strict UTF-8 decode that gives no U+FFFD yields UTF-16 code units, a leading BOM dropped;
// anything else (and every body when not utf8: TBEL) the raw bytes.
function payloadCodes(bytes, a, b, utf8, plain) {
  var k;
  if (!plain) {
    if (utf8) for (k = a; k < b; k++) if (bytes[k] >= 0x80) return utf8Codes(bytes, a, b, false);
    return codesOf(bytes, a, b, false);
  }
  var out = new ArrayCtor(b - a);
  if (!utf8) {
    for (k = a; k < b; k++) out[k - a] = bytes[k];
    return out;
  }
  for (k = a; k < b; k++) {  // ASCII (the common case) is its own code units: copied in the pass that checks it
    var c = bytes[k];
    if (c >= 0x80) return utf8Codes(bytes, a, b, true);
    out[k - a] = c;
  }
  return out;
}

function codesOf(array, a, b, plain) {
  if (plain) {
    var out = new ArrayCtor(b - a);
    for (var k = a; k < b; k++) out[k - a] = array[k];
    return out;
  }
  var text = "";
  for (var j = a; j < b; j++) text += (j > a ? "," : "") + array[j];
  return JSONParse("[" + text + "]");
}

function utf8Codes(bytes, a, b, plain) {
  if (UNITS.length < b - a) UNITS = new Uint16ArrayCtor(b - a);
  var n = 0;
  for (var k = a; k < b; ) {
    var c = bytes[k], cp, need, min;
    if (c < 0x80) { UNITS[n++] = c; k++; continue; }
    if (c >= 0xc2 && c <= 0xdf) { need = 1; cp = c & 0x1f; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { need = 2; cp = c & 0x0f; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; cp = c & 0x07; min = 0x10000; }
    else return codesOf(bytes, a, b, plain);
    if (k + need >= b) return codesOf(bytes, a, b, plain);
    for (var j = 1; j <= need; j++) {
      var d = bytes[k + j];
      if ((d & 0xc0) !== 0x80) return codesOf(bytes, a, b, plain);
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfffd) {
      return codesOf(bytes, a, b, plain);
    }
    if (cp >= 0x10000) { cp -= 0x10000; UNITS[n++] = 0xd800 | (cp >> 10); UNITS[n++] = 0xdc00 | (cp & 0x3ff); }
    else UNITS[n++] = cp;
    k += need + 1;
  }
  return codesOf(UNITS, n > 0 && UNITS[0] === 0xfeff ? 1 : 0, n, plain);
}

// the number of WIRE.NUMBER_BYTES bytes at bytes[from], little-endian
function readNumber(bytes, from) {
  return (bytes[from] | bytes[from + 1] << 8 | bytes[from + 2] << 16 | bytes[from + 3] << 24) >>> 0;
}
