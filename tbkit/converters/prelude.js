// tbkit's JS prelude: evaluated once in every converter's V8 context, before the user's script, in the
// runtime's own scope (see runtime.py; it calls only the built-ins primordials.js captured).
// It provides what ThingsBoard's JS executors provide (atob, btoa), the decodeToString /
// decodeToJson helpers of ThingsBoard's default decoder template (a script's own definitions
// win, because the script's function body shadows these globals), a console whose output is
// captured per call, and calls one by one (T.call: encoders; decoders go through the batch path,
// batch_*.js). Logs travel as JSON text (a list of strings), never as an array a script could reach.

var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
var B64_INDEX = new Uint8ArrayCtor(128).fill(255);  // char code -> 6-bit value, 255 for any other char
for (var i = 0; i < B64.length; i++) B64_INDEX[StringPrototypeCharCodeAt(B64, i)] = i;
var MAX_LOG_LINES = 1000;
var MAX_LOG_CHARS = 100000;
var MAX_OUTPUT_CHARS = 16 * 1024 * 1024;
var logText = "", logCount = 0, logChars = 0;  // the current call's log lines, as JSON text
var userFunction = null;  // the script's function (T.adopt), called by every entry point

function show(value) {
  if (typeof value === "string") return value;
  if (value === undefined) return "undefined";
  try {
    if (typeof value === "function") return StringCtor(value);
    var text = JSONStringify(value);
    return text === undefined ? StringCtor(value) : text;
  } catch (e) {
    try {
      return StringCtor(value);
    } catch (again) {
      return "[a value that cannot be shown]";
    }
  }
}

function record(level) {
  return function () {
    if (logCount >= MAX_LOG_LINES || logChars >= MAX_LOG_CHARS) return;
    var line = "";
    for (var k = 0; k < arguments.length; k++) line += (k ? " " : "") + show(arguments[k]);
    line = StringPrototypeSlice(line, 0, MAX_LOG_CHARS - logChars);
    logChars += line.length;
    if (level !== "log") line = (level === "warn" ? "WARN: " : "ERROR: ") + line;
    logText += (logCount++ ? "," : "") + JSONStringify(line);
  };
}

g.console = {
  log: record("log"), info: record("log"), debug: record("log"),
  warn: record("warn"), error: record("error"), trace: record("log"),
};

g.btoa = function (input) {
  var s = StringCtor(input), out = "";
  for (var k = 0; k < s.length; k += 3) {
    var a = StringPrototypeCharCodeAt(s, k), b = StringPrototypeCharCodeAt(s, k + 1);
    var c = StringPrototypeCharCodeAt(s, k + 2);
    if (a > 255 || b > 255 || c > 255) {
      throw new ErrorCtor("btoa: the string contains characters outside of the Latin1 range");
    }
    var n = (a << 16) | ((b || 0) << 8) | (c || 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] +
      (k + 1 < s.length ? B64[(n >> 6) & 63] : "=") + (k + 2 < s.length ? B64[n & 63] : "=");
  }
  return out;
};

g.atob = function (input) {
  var s = StringCtor(input), digits = "", end = s.length, out = "";
  while (end > 0 && StringPrototypeCharCodeAt(s, end - 1) === 61) end--;  // trailing "=" padding
  for (var k = 0; k < s.length; k++) {  // whitespace (\t \n \f \r and space) is skipped
    var c = StringPrototypeCharCodeAt(s, k);
    if (c === 9 || c === 10 || c === 12 || c === 13 || c === 32) continue;
    if (k >= end && c === 61) continue;
    if (c >= 128 || B64_INDEX[c] === 255) {
      throw new ErrorCtor("atob: the string to be decoded is not correctly encoded");
    }
    digits += s[k];
  }
  if (digits.length % 4 === 1) throw new ErrorCtor("atob: the string to be decoded is not correctly encoded");
  var bits = 0, count = 0;
  for (var j = 0; j < digits.length; j++) {
    bits = (bits << 6) | B64_INDEX[StringPrototypeCharCodeAt(digits, j)];
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += StringFromCharCode((bits >> count) & 255);
    }
  }
  return out;
};

var DECODE_CHUNK = 8192;  // char codes per String.fromCharCode call (the argument count stays small)

function decodeToString(payload) {
  var length = payload.length;
  if (length <= DECODE_CHUNK) return ReflectApply(StringFromCharCode, StringCtor, payload);
  var plain = ArrayPrototype.length === 0 && ownKeysOnly(), out = "";  // (see batch_payload.js)
  for (var k = 0; k < length; k += DECODE_CHUNK) {
    var end = k + DECODE_CHUNK < length ? k + DECODE_CHUNK : length, j;
    if (plain) {
      var chunk = new ArrayCtor(end - k);
      for (j = k; j < end; j++) chunk[j - k] = payload[j];
      out += ReflectApply(StringFromCharCode, StringCtor, chunk);
    } else {
      for (j = k; j < end; j++) out += StringFromCharCode(payload[j]);
    }
  }
  return out;
}

g.decodeToString = decodeToString;
g.decodeToJson = function (payload) {
  return JSONParse(decodeToString(payload));
};

// {name, message, stack} of what a script threw, as JSON text
function errorText(error) {
  var name = null, message, stack = "";
  try {
    if (error instanceof ErrorCtor || (error !== null && typeof error === "object" && "stack" in error)) {
      name = StringCtor(error.name);
      message = StringCtor(error.message);
      stack = StringCtor(error.stack || "");
    } else {
      message = show(error);
    }
  } catch (e) {
    name = null;
    message = "a thrown value that cannot be read";
    stack = "";
  }
  return '{"name":' + JSONStringify(name) + ',"message":' + JSONStringify(message) + ',"stack":' +
    JSONStringify(stack) + "}";
}

// One call of the script: {ok, out, logs} or {ok, error, logs}; error and logs are JSON text.
function invoke(args) {
  logText = "";
  logCount = logChars = 0;
  try {
    var out = ReflectApply(userFunction, undefined, args);
    return { ok: true, out: out === undefined ? null : out, error: null, logs: logCount ? "[" + logText + "]" : "[]" };
  } catch (e) {
    return { ok: false, out: null, error: errorText(e), logs: "[" + logText + "]" };
  }
}

function failure(message, result) {
  var error = '{"name":null,"message":' + JSONStringify(message) + ',"stack":""}';
  return { ok: false, out: null, error: error, logs: result.logs };
}

// The JSON text of a successful call's result, or a failed result when it has none. The result is
// serialised with the JSON.stringify that existed before the script ran, as ThingsBoard's wrapper does
// (JSON.stringify(Decoder(...)) in a context of the call's own): a script's JSON.stringify = ... changes
// what its own code makes, not its output.
function outputText(result) {
  var text;
  try {
    text = JSONStringify(result.out);
  } catch (e) {
    var why;
    try {
      why = StringCtor(e.name) + ": " + StringCtor(e.message);
    } catch (again) {
      why = "an error that cannot be read";
    }
    return failure("the result cannot be converted to JSON: " + why, result);
  }
  if (text === undefined) text = "null";
  if (text.length > MAX_OUTPUT_CHARS) {
    return failure("the result is " + text.length + " characters of JSON, over tbkit's limit of " +
      MAX_OUTPUT_CHARS + " (ThingsBoard's own limit is 300,000)", result);
  }
  return text;
}

function serialise(result) {
  if (!result.ok) return '{"ok":false,"error":' + result.error + ',"logs":' + result.logs + "}";
  var text = outputText(result);
  if (typeof text !== "string") return serialise(text);
  return '{"ok":true,"out":' + text + ',"logs":' + result.logs + "}";
}

var T = bare();  // __tbkit: frozen, and a global a script cannot replace (see the end of batch_protocol.js)
var inbox = bare();  // data Python hands over as string values (see T.takeInbox)

// The script's function, once it is loaded: entry points call it, not a global a script could reassign.
T.adopt = function (fn) {
  if (userFunction !== null) throw new ErrorCtor("tbkit: the script's function is adopted already");
  userFunction = fn;
};

// The inbox object, once (before the user's script is loaded): Python keeps the handle; no script sees it.
var inboxTaken = false;
T.takeInbox = function () {
  if (inboxTaken) return undefined;
  inboxTaken = true;
  return inbox;
};

// The data Python put in the inbox under ``token`` (taken out: each is read once).
function takeData(token) {
  var data = own(inbox, token);
  if (typeof data !== "string") throw new ErrorCtor("tbkit: no data for call " + token);
  delete inbox[token];
  return data;
}

// The same for runtime code loaded beside tbkit's (``runtime_js``, e.g. the JS parser): the string
// Python put under ``token``, taken out.
T.take = takeData;

// Calls one by one: the inbox holds the JSON text of [args, ...], one call per item, the item its
// arguments (an encoder's [msg, metadata, msgType, integrationMetadata]).
T.call = function (token) {
  var list = JSONParse(takeData(token)), text = "";
  for (var k = 0; k < list.length; k++) text += (k ? "," : "") + serialise(invoke(list[k]));
  return "[" + text + "]";
};
