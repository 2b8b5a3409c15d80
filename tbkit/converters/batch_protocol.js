// tbkit's batch path, part 4: one V8 call decodes a chunk of uplinks (the wire format is
// batch_wire.js): the data is read from the inbox, each payload is built (batch_payload.js), the
// decoder called, its result normalised (batch_normalise.js) and one line written per item.
// Provides __tbkit.decodeQueued and __tbkit.collect, and defines the __tbkit global.

var MAX_DIRECT = 4 * 1024 * 1024;  // longer lines take the JSON text path, which applies the size limit

function directly(out, texted, forIn) {  // the OK line made from the result itself, or undefined
  var m = new Mode(true, !texted, false, forIn, true);
  try {
    var line = normalise(read(out, m), m);
    return line.length < MAX_DIRECT ? line : undefined;
  } catch (e) {  // stopped, an error to report from the JSON text, or not JSON at all (a cycle)
    return undefined;
  }
}

function scriptError(result) {
  return "[" + WIRE.SCRIPT_ERROR + "," + result.error + "," + result.logs + "]";
}

// One item's line (and its raw line, when raws is an object, into raws.text).
function decodeOne(payload, metadata, raws) {
  var result = invoke([payload, metadata]);
  var forIn = ownKeysOnly(), clean = protoClean();
  if (result.ok && raws === null && clean) {  // no raw output wanted: no JSON text needed either
    var line = directly(result.out, false, forIn);
    if (line !== undefined) return line;
  }
  var json = result.ok ? outputText(result) : null;
  if (json !== null && typeof json !== "string") result = json;  // not JSON: a script error
  if (!result.ok) {
    if (raws !== null) raws.line = "[null," + result.logs + "]";
    return scriptError(result);
  }
  if (raws !== null) raws.line = "[" + json + "," + result.logs + "]";
  if (clean) {
    var made = directly(result.out, true, forIn);
    if (made !== undefined) return made;
  }
  try {
    var sourced = matches(NEEDS_SOURCE, json);
    var parsed = sourced ? JSONParse(json, reviver) : JSONParse(json);
    return normalise(parsed, new Mode(false, false, sourced, forIn, clean));
  } catch (e) {
    if (e instanceof OutputError) {
      return "[" + WIRE.OUTPUT_ERROR + "," + JSONStringify(e.message) + "," + e.status + "," + result.logs + "]";
    }
    if (e instanceof Fallback) return "[" + WIRE.PYTHON + "," + json + "]";
    throw e;
  }
}

// A batch's progress by token: what collect(token) returns if a limit (or a failure) stops the batch.
var running = bare();

// A fresh copy of a metadata object for each call: made by a literal of its keys (compiled once per set
// of keys), so a setter or a frozen property a script put on Object.prototype cannot touch it.
var copiers = bare(), copierCount = 0;

function copierFor(meta) {
  var keys = ObjectKeys(meta), signature = "", body = "";
  for (var i = 0; i < keys.length; i++) {
    var key = JSONStringify(keys[i]);
    signature += key + ",";
    body += (i ? "," : "") + (keys[i] === "__proto__" ? "[" + key + "]" : key) + ":m[" + key + "]";
  }
  var copier = own(copiers, signature);
  if (copier === undefined) {
    copier = new FunctionCtor("m", '"use strict"; return {' + body + "};");
    if (copierCount++ < 256) copiers[signature] = copier;
  }
  return copier;
}

// Decode the chunk whose data is in the inbox under token (see batch_wire.js): its head, then the
// numbers and the bodies' bytes.
T.decodeQueued = function (token, utf8, withRaw) {
  var data = takeData(token), end = StringPrototypeIndexOf(data, WIRE.HEAD_END);
  var head = JSONParse(StringPrototypeSlice(data, 0, end)), metas = head[0], count = head[1], withWhich = head[2];
  var bytes = Uint8ArrayFromBase64(StringPrototypeSlice(data, end + 1));
  var copy = bare();  // the copier of each distinct metadata, by its index
  for (var i = 0; i < metas.length; i++) copy[i] = copierFor(metas[i]);
  var state = running[token] = { text: "", raw: withRaw ? "" : null, done: 0, first: -1 };
  var raws = withRaw ? { line: "" } : null, at = (withWhich ? 2 : 1) * WIRE.NUMBER_BYTES * count;
  for (var k = 0; k < count; k++) {
    var length = readNumber(bytes, WIRE.NUMBER_BYTES * k);
    var which = withWhich ? readNumber(bytes, WIRE.NUMBER_BYTES * (count + k)) : 0;
    var plain = ArrayPrototype.length === 0 && ownKeysOnly();  // see batch_payload.js
    var payload = payloadCodes(bytes, at, at + length, utf8, plain);
    var line = decodeOne(payload, copy[which](metas[which]), raws);
    state.text += (k ? WIRE.LINE_END : "") + line;
    if (raws !== null) state.raw += (k ? WIRE.LINE_END : "") + raws.line;
    if (state.first < 0 && StringPrototypeCharCodeAt(line, 1) !== 48 + WIRE.OK) state.first = k;
    state.done = k + 1;
    at += length;
  }
  return T.collect(token);
};

// What batch `token` finished (all of it, or what it had when a limit stopped it); "" if unknown.
T.collect = function (token) {
  var state = own(running, token);
  if (state === undefined) return "";
  delete running[token];
  var text = state.first + WIRE.HEAD_END + state.text;
  return state.raw === null ? text : text + WIRE.RAW_SEPARATOR + state.raw;
};

// __tbkit: the entry points Python calls, frozen, on a global a script can neither replace nor delete.
ObjectFreeze(T);
ObjectDefineProperty(g, "__tbkit", { value: T, writable: false, enumerable: false, configurable: false });
