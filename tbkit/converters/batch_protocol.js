// tbkit's batch path, part 3: one V8 call decodes a chunk of uplinks (the wire format is
// batch_wire.js): the data is read from __tbkit.inbox, each payload is built (batch_payload.js), the
// decoder called, its result normalised (batch_normalise.js) and one line written per item.
// Provides __tbkit.decodeQueued and __tbkit.collect.

var MAX_DIRECT = 4 * 1024 * 1024;  // longer lines take the JSON text path, which applies the size limit

function directly(out, texted, forIn) {  // the OK line made from the result itself, or undefined
  var m = new Mode(true, !texted, false, forIn);
  try {
    var line = normalise(read(out, m), m);
    return line.length < MAX_DIRECT ? line : undefined;
  } catch (e) {  // stopped, an error to report from the JSON text, or not JSON at all (a cycle)
    return undefined;
  }
}

function decodeOne(fn, payload, metadata, raws) {
  var result = T.invoke(fn, [payload, metadata]);
  var forIn = ownKeysOnly();
  if (result.ok && !raws && protoClean()) {  // no raw output wanted: no JSON text needed either
    var line = directly(result.out, false, forIn);
    if (line !== undefined) return line;
  }
  var logs = result.logs.length ? JSON.stringify(result.logs) : "[]";
  var json = result.ok ? T.stringify(result) : null;
  if (json !== null && typeof json !== "string") result = json;  // not JSON: a script error
  if (!result.ok || typeof json !== "string") {
    if (raws) raws.push("[null," + logs + "]");
    return "[" + WIRE.SCRIPT_ERROR + "," + JSON.stringify(result.error) + "," + logs + "]";
  }
  if (raws) raws.push("[" + json + "," + logs + "]");
  if (protoClean()) {
    var made = directly(result.out, true, forIn);
    if (made !== undefined) return made;
  }
  try {
    var sourced = NEEDS_SOURCE.test(json);
    return normalise(sourced ? JSON.parse(json, reviver) : JSON.parse(json), new Mode(false, false, sourced, forIn));
  } catch (e) {
    if (e instanceof OutputError) {
      return "[" + WIRE.OUTPUT_ERROR + "," + JSON.stringify(e.message) + "," + e.status + "," + logs + "]";
    }
    if (e instanceof Fallback) return "[" + WIRE.PYTHON + "," + json + "]";
    throw e;
  }
}

// A batch's progress by token: what collect(token) returns if a limit stops the batch.
var running = {};
var OK_KIND = 48 + WIRE.OK;  // the char code of an OK line's kind (its second character)
T.inbox = {};

// Decode the chunk whose data is in __tbkit.inbox[token] (see batch_wire.js) with fn.
T.decodeQueued = function (fn, token, utf8, withRaw) {
  var data = T.inbox[token], end = data.indexOf(WIRE.HEAD_END), head = JSON.parse(data.slice(0, end));
  delete T.inbox[token];
  var bytes = Uint8Array.fromBase64(data.slice(end + 1)), count = head[1], withWhich = head[2];
  var lengths = uint32s(bytes, 0, count);
  var which = withWhich ? uint32s(bytes, WIRE.NUMBER_BYTES * count, count) : null;
  var bodies = bytes.subarray((withWhich ? 2 : 1) * WIRE.NUMBER_BYTES * count);
  return decodeBatch(fn, bodies, lengths, head[0], which, utf8, withRaw, token);
};

// bytes: every body's bytes; lengths: each body's length; metas: distinct metadata objects;
// which: the metadata index of each item (null: all use 0)
function decodeBatch(fn, bytes, lengths, metas, which, utf8, withRaw, token) {
  var lines = new Array(lengths.length), raws = withRaw ? [] : null, first = -1, at = 0;
  var state = running[token] = { lines: lines, raws: raws, done: 0, first: -1 };
  for (var k = 0; k < lengths.length; k++) {
    var end = at + lengths[k];
    var payload = utf8 ? utf8Codes(bytes, at, end) : rawCodes(bytes, at, end);
    var meta = metas[which === null ? 0 : which[k]], copy = {};
    for (var name in meta) copy[name] = meta[name];
    lines[k] = decodeOne(fn, payload, copy, raws);
    if (first < 0 && lines[k].charCodeAt(1) !== OK_KIND) state.first = first = k;
    state.done = k + 1;
    at = end;
  }
  return T.collect(token);
}

// What batch `token` finished (all of it, or what it had when a limit stopped it); "" if unknown.
T.collect = function (token) {
  var state = running[token];
  if (state === undefined) return "";
  delete running[token];
  var text = state.first + WIRE.HEAD_END + state.lines.slice(0, state.done).join(WIRE.LINE_END);
  return state.raws ? text + WIRE.RAW_SEPARATOR + state.raws.slice(0, state.done).join(WIRE.LINE_END) : text;
};
