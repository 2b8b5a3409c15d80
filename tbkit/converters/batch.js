// tbkit's batch decode path: evaluated after prelude.js in every converter's V8 context.
// One V8 call decodes many uplinks: it builds each payload array from one string of all the
// bodies' bytes (ThingsBoard's UTF-8 rule), calls the decoder, JSON.stringify-es its result and
// normalises it with ThingsBoard's output rules exactly as tbkit/normalise.py does (same
// values, same types, same error messages; a test checks both on the same inputs). Where an
// exact answer would need Python's own parsing (digits outside ASCII, timestamps in unusual
// notations, lone surrogates, huge digit strings) the item is marked for Python instead.
//
// Result: "<first failing index or -1>\n<line>\n<line>..." [+ "\x1d" + raw lines], one line per item:
//   [0, entities]                  entity = [kind, name, type, label, customer, group, {attributes}, [[ts, {values}], ...]]
//                                  (+ a trailing 1 when some value is nested)
//   [1, message, status, logs]     the output breaks ThingsBoard's rules (ConverterOutputError)
//   [2, error, logs]               the script threw, or its result is not JSON ({name, message, stack})
//   [3, rawText]                   normalise this one in Python
// A value in {attributes}/{values} that is an object or an array is a nested value (JsonText).
// Raw lines (when asked for): [rawText or null, logs].
(function (g) {
  "use strict";
  var T = g.__tbkit;
  var INT_PARSABLE = /^-?[0-9]+$/;
  var PARSABLE = /^-?(?:[0-9]+|[0-9]*\.[0-9]+)$/;
  var WIDE_PARSABLE = /^-?(?:\p{Nd}+|\p{Nd}*\.\p{Nd}+)$/u;
  var SIMPLE_FLOAT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
  // number texts whose int/float kind or digits JSON.parse loses (written by JSON.rawJSON)
  var NEEDS_SOURCE = /\.0*(?![0-9])|[0-9][eE]|[0-9]{16}/;
  var PY_ESCAPE = /[\x00-\x1f\\"]/g;
  var PY_ESCAPES = { "\\": "\\\\", '"': '\\"', "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  var INT64_MIN = -(2n ** 63n), INT64_MAX = 2n ** 63n - 1n;

  function OutputError(message, status) { this.message = message; this.status = status || 400; }
  function Fallback() {}
  function Num(source) { this.s = source; }  // a number with its JSON source text (reviver path)

  // -- payloads ---------------------------------------------------------------------------------
  // bytes: a Uint8Array of every body in the batch; a body is bytes[a..b)
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

  // -- Python's view of JSON values -------------------------------------------------------------
  function isDict(x) { return x !== null && typeof x === "object" && !Array.isArray(x) && !(x instanceof Num); }
  var enumerable = Object.prototype.propertyIsEnumerable;
  var sourced = false;  // the value being normalised carries number source texts (Num)
  // direct: normalising the script's own result rather than JSON.parse of its JSON text. Every
  // value read is taken as JSON.stringify would write it (undefined/functions dropped, NaN null);
  // anything JSON.stringify would transform (toJSON, boxed values, class instances) stops it,
  // and so does any error: then the JSON text is parsed and normalised instead.
  var direct = false;
  var MISSING = {}, NOT_PLAIN = {};
  var MAX_DIRECT = 4 * 1024 * 1024;  // longer lines take the JSON text path, which applies the size limit
  var nestedSeen = false;  // the entity being built holds a nested value
  // Object.prototype has no enumerable property (checked per item): then for-in over an object
  // whose prototype it is visits exactly its own enumerable keys, in Object.keys order, and V8
  // reads src[key] inside it straight from the object's layout (faster than Object.keys + loads)
  var forIn = false, PROBE = {};
  function ownKeysOnly() { for (var k in PROBE) return false; return true; }

  function read(v) {
    if (!direct) return v;
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

  function get(o, k) {
    var v = o[k];
    return v === undefined || !enumerable.call(o, k) ? MISSING : read(v);
  }
  function has(o, k) { return get(o, k) !== MISSING; }
  function at(a, i) { var v = read(a[i]); return v === MISSING ? null : v; }
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

  function describe(x) {
    if (direct) throw NOT_PLAIN;  // error messages come from the JSON text's values
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

  function nested(x) {  // a nested object or array; numbers that carry their source keep it
    if (!sourced) return x;
    if (x instanceof Num) return JSON.rawJSON(x.s);
    if (x === null || typeof x !== "object") return x;
    if (Array.isArray(x)) return x.map(nested);
    var out = {};
    for (var key in x) Object.defineProperty(out, key, { value: nested(x[key]), enumerable: true });
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
  function castValue(x) {
    if (typeof x === "string") return castString(x);
    if (typeof x === "number" || x instanceof Num) return castNumber(x);
    if (x === true || x === false) return x;
    nestedSeen = true;
    return nested(x);
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

  function allKept(src) {  // src has a key, and each of its values is kept
    var i = 0, key;
    if (forIn) {
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

  function values(src, where) {
    if (!isDict(src)) throw new OutputError(where + " must be an object, got " + describe(src));
    if (allKept(src)) return src;  // nothing to drop or cast: the object as it is
    var keys = Object.keys(src), out = {}, count = 0;
    for (var i = 0; i < keys.length; i++) {
      var key = keys[i], v = read(src[key]);
      if (v === null || v === MISSING) continue;
      if (key === "__proto__") Object.defineProperty(out, key, { value: castValue(v), enumerable: true });
      else out[key] = castValue(v);
      count++;
    }
    return count ? out : null;
  }

  function timestamp(x, where) {
    var bad = function () { return new OutputError(where + " must be epoch milliseconds, got " + describe(x)); };
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

  function telemetryItem(src, where, out) {
    if (!isDict(src)) throw new OutputError(where + ": can't parse value: " + describe(src));
    var ts = null, vals;
    if (has(src, "ts") && has(src, "values")) {
      covered(src);
      ts = timestamp(get(src, "ts"), where + ".ts");
      vals = values(get(src, "values"), where + ".values");
    } else {
      vals = values(src, where);
    }
    if (vals !== null) out.push([ts, vals]);
  }

  function telemetry(src, where) {
    var out = [];
    if (Array.isArray(src)) {
      for (var i = 0; i < src.length; i++) telemetryItem(at(src, i), where + "[" + i + "]", out);
    } else {
      telemetryItem(src, where, out);
    }
    return out;
  }

  // an entity's own enumerable keys (what JSON.stringify writes) in one pass: the value of each
  // entity key by slot (undefined when absent); in untexted mode any other key stops (NOT_PLAIN)
  function fields(src) {
    var f = [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined,
      undefined], key, slot;
    if (forIn) {
      for (key in src) {
        if ((slot = slotOf(key)) >= 0) f[slot] = src[key];
        else if (untexted) throw NOT_PLAIN;  // that key could hold a cycle or a BigInt
      }
      return f;
    }
    var keys = Object.keys(src);
    for (var i = 0; i < keys.length; i++) {
      if ((slot = slotOf(keys[i])) >= 0) f[slot] = src[keys[i]];
      else if (untexted) throw NOT_PLAIN;
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

  function value(v) { return v === undefined ? MISSING : read(v); }  // get() of a field's value

  function text(v, key, where, required) {
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
      throw new OutputError(where + ": '" + key + "' must be a string, got " + describe(v));
    }
    if (v === true || v === false) return String(v);
    return pyNumber(v);
  }

  function entity(src, where) {
    var f = fields(src), device = value(f[DEVICE_NAME]) !== MISSING, asset = value(f[ASSET_NAME]) !== MISSING;
    if (device === asset) {
      throw new OutputError(where + ": Either 'deviceName' or 'assetName' should be present in the " +
        "converter output (keys: " + (Object.keys(src).sort(byCodePoint).join(", ") || "none") + ")");
    }
    var at = device ? DEVICE_NAME : ASSET_NAME, names = device ? DEVICE_KEYS : ASSET_KEYS;
    var name = text(value(f[at]), names[0], where, true);
    var type = text(value(f[at + 1]), names[1], where, !device);
    if (!name) throw new OutputError(where + ": '" + names[0] + "' must not be empty");
    nestedSeen = false;
    var row = [device ? "DEVICE" : "ASSET", name, type || "default", text(value(f[at + 2]), names[2], where),
      text(value(f[CUSTOMER]), "customerName", where), text(value(f[CUSTOMER + 1]), "groupName", where)];
    var attributes = value(f[ATTRIBUTES]), series = value(f[ATTRIBUTES + 1]);
    row.push(attributes === MISSING ? {} : values(attributes, where + ".attributes") || {});
    row.push(series === MISSING ? [] : telemetry(series, where + ".telemetry"));
    if (nestedSeen) row.push(1);  // tells Python to look for nested values (JsonText)
    return row;
  }

  function normalise(out) {
    var rows = [];
    if (Array.isArray(out)) {
      for (var i = 0; i < out.length; i++) {
        var item = at(out, i);
        if (!isDict(item)) throw new OutputError("output[" + i + "] must be an object, got " + describe(item), 500);
        rows.push(entity(item, "output[" + i + "]"));
      }
    } else if (isDict(out)) {
      rows.push(entity(out, "output"));
    }
    return JSON.stringify([0, rows]);
  }

  function reviver(key, value, context) {
    return typeof value === "number" ? new Num(context.source) : value;
  }

  // -- one item, and the batch ----------------------------------------------------------------------
  // entity keys the normalised line carries, whole or read, by slot (fields); with no JSON text
  // made, an entity with any other key takes the JSON text path
  var DEVICE_NAME = 0, ASSET_NAME = 3, CUSTOMER = 6, ATTRIBUTES = 8;
  var DEVICE_KEYS = ["deviceName", "deviceType", "deviceLabel"], ASSET_KEYS = ["assetName", "assetType", "assetLabel"];
  var untexted = false;  // normalising the result itself with no JSON text made of it

  function covered(src) {  // a {ts, values} item: in untexted mode, no other key
    if (untexted && Object.keys(src).length !== 2) throw NOT_PLAIN;
  }

  function directly(out, texted) {  // the normalised line made from the result itself, or undefined
    direct = true;
    untexted = !texted;
    sourced = false;
    try {
      var line = normalise(read(out));
      return line.length < MAX_DIRECT ? line : undefined;
    } catch (e) {  // stopped, an error to report from the JSON text, or not JSON at all (a cycle)
      return undefined;
    } finally {
      direct = untexted = false;
    }
  }

  function decodeOne(fn, payload, metadata, raws) {
    var result = T.invoke(fn, [payload, metadata]);
    forIn = ownKeysOnly();
    if (result.ok && !raws && protoClean()) {  // no raw output wanted: no JSON text needed either
      var line = directly(result.out, false);
      if (line !== undefined) return line;
    }
    var logs = result.logs.length ? JSON.stringify(result.logs) : "[]";
    var json = result.ok ? T.stringify(result) : null;
    if (json !== null && typeof json !== "string") result = json;  // not JSON: a script error
    if (!result.ok || typeof json !== "string") {
      if (raws) raws.push("[null," + logs + "]");
      return "[2," + JSON.stringify(result.error) + "," + logs + "]";
    }
    if (raws) raws.push("[" + json + "," + logs + "]");
    if (protoClean()) {
      var made = directly(result.out, true);
      if (made !== undefined) return made;
    }
    try {
      sourced = NEEDS_SOURCE.test(json);
      return normalise(sourced ? JSON.parse(json, reviver) : JSON.parse(json));
    } catch (e) {
      if (e instanceof OutputError) return "[1," + JSON.stringify(e.message) + "," + e.status + "," + logs + "]";
      if (e instanceof Fallback) return "[3," + json + "]";
      throw e;
    }
  }

  // bytes: every body's bytes (a Uint8Array); lengths: each body's length;
  // metas: distinct metadata objects; which: the metadata index of each item (null: all use 0);
  // token: names this batch's progress, which collect(token) returns if a limit stops the batch.
  var running = {};
  T.inbox = {};
  // The same, with the data in __tbkit.inbox[token]: '[metas, count, withWhich]' JSON, "\n", then in
  // base64 (decoded by a builtin: far faster than reading a string's char codes) each body's length
  // as a 4-byte little-endian integer, as many for `which` when withWhich, then the bodies' bytes.
  T.decodeQueued = function (fn, token, utf8, withRaw) {
    var data = T.inbox[token], at = data.indexOf("\n"), head = JSON.parse(data.slice(0, at));
    delete T.inbox[token];
    var bytes = Uint8Array.fromBase64(data.slice(at + 1)), count = head[1];
    var lengths = uint32s(bytes, 0, count), which = head[2] ? uint32s(bytes, 4 * count, count) : null;
    var bodies = bytes.subarray((head[2] ? 8 : 4) * count);
    return T.decodeBatch(fn, bodies, lengths, head[0], which, utf8, withRaw, token);
  };
  function uint32s(bytes, from, count) {
    var out = new Array(count);
    for (var k = 0, i = from; k < count; k++, i += 4) {
      out[k] = (bytes[i] | bytes[i + 1] << 8 | bytes[i + 2] << 16 | bytes[i + 3] << 24) >>> 0;
    }
    return out;
  }
  T.decodeBatch = function (fn, bytes, lengths, metas, which, utf8, withRaw, token) {
    var lines = new Array(lengths.length), raws = withRaw ? [] : null, first = -1, at = 0;
    var state = running[token] = { lines: lines, raws: raws, done: 0, first: -1 };
    for (var k = 0; k < lengths.length; k++) {
      var end = at + lengths[k];
      var payload = utf8 ? utf8Codes(bytes, at, end) : rawCodes(bytes, at, end);
      var meta = metas[which === null ? 0 : which[k]], copy = {};
      for (var name in meta) copy[name] = meta[name];
      lines[k] = decodeOne(fn, payload, copy, raws);
      if (first < 0 && lines[k].charCodeAt(1) !== 48) state.first = first = k;
      state.done = k + 1;
      at = end;
    }
    return T.collect(token);
  };

  // What batch `token` finished (all of it, or what it had when a limit stopped it); "" if unknown.
  T.collect = function (token) {
    var state = running[token];
    if (state === undefined) return "";
    delete running[token];
    var lines = state.lines.slice(0, state.done);
    var text = state.first + "\n" + lines.join("\n");
    return state.raws ? text + "\x1d" + state.raws.slice(0, state.done).join("\n") : text;
  };
})(globalThis);
