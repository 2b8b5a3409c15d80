// tbkit's JS prelude: evaluated once in every converter's V8 context, before the user's script.
// It provides what ThingsBoard's JS executors provide (atob, btoa), the decodeToString /
// decodeToJson helpers of ThingsBoard's default decoder template (a script's own definitions
// win, because the script's function body shadows these globals), a console whose output is
// captured per call, and the entry point of calls one by one: __tbkit.call (encoders; decoders go
// through the batch path, batch_*.js).
(function (g) {
  "use strict";
  var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  var B64_INDEX = {};
  for (var i = 0; i < B64.length; i++) B64_INDEX[B64.charAt(i)] = i;
  var logs = [];
  var MAX_LOG_LINES = 1000;
  var MAX_LOG_CHARS = 100000;
  var logChars = 0;
  var MAX_OUTPUT_CHARS = 16 * 1024 * 1024;

  function show(value) {
    if (typeof value === "string") return value;
    if (value === undefined) return "undefined";
    if (typeof value === "function") return String(value);
    try {
      var text = JSON.stringify(value);
      return text === undefined ? String(value) : text;
    } catch (e) {
      return String(value);
    }
  }

  function record(level) {
    return function () {
      if (logs.length >= MAX_LOG_LINES || logChars >= MAX_LOG_CHARS) return;
      var parts = [];
      for (var k = 0; k < arguments.length; k++) parts.push(show(arguments[k]));
      var line = parts.join(" ").slice(0, MAX_LOG_CHARS - logChars);
      logChars += line.length;
      logs.push(level === "log" ? line : level.toUpperCase() + ": " + line);
    };
  }

  g.console = {
    log: record("log"), info: record("log"), debug: record("log"),
    warn: record("warn"), error: record("error"), trace: record("log"),
  };

  g.btoa = function (input) {
    var s = String(input), out = "";
    for (var k = 0; k < s.length; k += 3) {
      var a = s.charCodeAt(k), b = s.charCodeAt(k + 1), c = s.charCodeAt(k + 2);
      if (a > 255 || b > 255 || c > 255) {
        throw new Error("btoa: the string contains characters outside of the Latin1 range");
      }
      var n = (a << 16) | ((b || 0) << 8) | (c || 0);
      out += B64.charAt((n >> 18) & 63) + B64.charAt((n >> 12) & 63) +
        (k + 1 < s.length ? B64.charAt((n >> 6) & 63) : "=") +
        (k + 2 < s.length ? B64.charAt(n & 63) : "=");
    }
    return out;
  };

  g.atob = function (input) {
    var s = String(input).replace(/[\t\n\f\r ]+/g, "").replace(/=+$/, ""), out = "";
    if (s.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(s)) {
      throw new Error("atob: the string to be decoded is not correctly encoded");
    }
    var bits = 0, count = 0;
    for (var k = 0; k < s.length; k++) {
      bits = (bits << 6) | B64_INDEX[s.charAt(k)];
      count += 6;
      if (count >= 8) {
        count -= 8;
        out += String.fromCharCode((bits >> count) & 255);
      }
    }
    return out;
  };

  g.decodeToString = function (payload) {
    var out = "";
    for (var k = 0; k < payload.length; k += 8192) {
      out += String.fromCharCode.apply(String, payload.slice(k, k + 8192));
    }
    return out;
  };

  g.decodeToJson = function (payload) {
    return JSON.parse(g.decodeToString(payload));
  };

  function describe(error) {
    if (error instanceof Error || (error && typeof error === "object" && "stack" in error)) {
      return { name: String(error.name), message: String(error.message), stack: String(error.stack || "") };
    }
    return { name: null, message: show(error), stack: "" };
  }

  function invoke(fn, args) {
    logs = [];
    logChars = 0;
    try {
      var out = fn.apply(null, args);
      return { ok: true, out: out === undefined ? null : out, logs: logs };
    } catch (e) {
      return { ok: false, error: describe(e), logs: logs };
    }
  }

  function failure(message, result) {
    return { ok: false, error: { name: null, message: message, stack: "" }, logs: result.logs };
  }

  // The JSON text of a successful call's result, or a failed result when it has none.
  function outputText(result) {
    var text;
    try {
      text = JSON.stringify(result.out);
    } catch (e) {
      return failure("the result cannot be converted to JSON: " + e.name + ": " + e.message, result);
    }
    if (text === undefined) text = "null";
    if (text.length > MAX_OUTPUT_CHARS) {
      return failure("the result is " + text.length + " characters of JSON, over tbkit's limit of " +
        MAX_OUTPUT_CHARS + " (ThingsBoard's own limit is 300,000)", result);
    }
    return text;
  }

  function serialise(result) {
    if (!result.ok) return JSON.stringify(result);
    var text = outputText(result);
    if (typeof text !== "string") return JSON.stringify(text);
    return '{"ok":true,"out":' + text + ',"logs":' + JSON.stringify(result.logs) + "}";
  }

  g.__tbkit = {
    invoke: invoke,
    stringify: outputText,
    // One call per item, the item its arguments (an encoder's [msg, metadata, msgType, integrationMetadata]).
    call: function (fn, items) {
      var results = new Array(items.length);
      for (var k = 0; k < items.length; k++) results[k] = serialise(invoke(fn, items[k]));
      return "[" + results.join(",") + "]";
    },
  };
})(globalThis);
