// tbkit's batch path, part 1: the payload arrays a decoder gets, built from the bytes of every
// body in the batch (a Uint8Array; a body is bytes[a..b)), and the numbers the data carries.
// Provides rawCodes, utf8Codes, uint32s. (All batch_*.js files share one scope: see runtime.py.)

function rawCodes(bytes, a, b) {
  var out = new Array(b - a);
  for (var k = a; k < b; k++) out[k - a] = bytes[k];
  return out;
}

// ThingsBoard's rule (tbkit/converters/uplink.py payload_text): a strict UTF-8 decode that
// gives no U+FFFD yields UTF-16 code units, a leading BOM dropped; anything else raw bytes.
// ASCII (the common case) is its own code units: copied in the same pass that checks it.
function utf8Codes(bytes, a, b) {
  var out = new Array(b - a);
  for (var k = a; k < b; k++) {
    var c = bytes[k];
    if (c >= 0x80) return utf8Wide(bytes, a, b);
    out[k - a] = c;
  }
  return out;
}

function utf8Wide(bytes, a, b) {
  var out = [];
  for (var k = a; k < b; ) {
    var c = bytes[k], cp, need, min;
    if (c < 0x80) { out.push(c); k++; continue; }
    if (c >= 0xc2 && c <= 0xdf) { need = 1; cp = c & 0x1f; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { need = 2; cp = c & 0x0f; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; cp = c & 0x07; min = 0x10000; }
    else return rawCodes(bytes, a, b);
    if (k + need >= b) return rawCodes(bytes, a, b);
    for (var j = 1; j <= need; j++) {
      var d = bytes[k + j];
      if ((d & 0xc0) !== 0x80) return rawCodes(bytes, a, b);
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfffd) return rawCodes(bytes, a, b);
    if (cp >= 0x10000) { cp -= 0x10000; out.push(0xd800 | (cp >> 10), 0xdc00 | (cp & 0x3ff)); }
    else out.push(cp);
    k += need + 1;
  }
  if (out[0] === 0xfeff) out.shift();
  return out;
}

// count numbers of WIRE.NUMBER_BYTES bytes each, little-endian, from bytes[from]
function uint32s(bytes, from, count) {
  var out = new Array(count);
  for (var k = 0, i = from; k < count; k++, i += WIRE.NUMBER_BYTES) {
    out[k] = (bytes[i] | bytes[i + 1] << 8 | bytes[i + 2] << 16 | bytes[i + 3] << 24) >>> 0;
  }
  return out;
}
