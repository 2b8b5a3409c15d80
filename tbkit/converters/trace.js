// tbkit's read tracer (the byte inspector): evaluated only in a converter's inspection context,
// after the prelude, the batch code and the TBEL runtime, before the user's script. The normal
// decode contexts never load it.
//
// The decoder gets its payload wrapped in a Proxy that records every element read: the index,
// the user's line (the innermost stack frame in tbkit-user.js, whose line numbers are the
// script's, JS or TBEL) and, when the read happens inside a helper that was handed the payload
// (decodeToString, a TbUtils function, a method of the payload, new String(payload)), that call
// as text: parseBytesToInt(payload, 2, 2, false). Reads made by a builtin the script called
// (payload.slice, JSON.stringify) name the builtin.
//
// User code runs in this context: it may reassign Array.prototype.push, Proxy, Error, JSON,
// Error.prepareStackTrace or Error.stackTraceLimit. Everything the tracer uses is captured here,
// before that code runs ("primordials"), its containers have no prototype, and its output is
// built by string concatenation of numbers and JSON-quoted strings, so no reassignment changes
// what the trace records.
//
// Protocol (tbkit/converters/inspector.py): the file is evaluated as the body of a function of (g, KEY),
// KEY a random string of the inspector's. It defines the global __tbkit_trace (frozen, non-writable,
// non-configurable): once the script is loaded the runtime adopts __tbkit_trace.wrap(__tbkit_user), the
// user function wrapped (once); __tbkit_trace.take(KEY) returns the last call's trace as JSON text ("null"
// when none ran). A script can see the global but neither change it nor take a trace (it lacks KEY).
(function (g, KEY) {
  "use strict";
  var uncurry = Function.prototype.bind.bind(Function.prototype.call);
  var ReflectApply = Reflect.apply;
  var ReflectGet = Reflect.get;
  var ReflectDefineProperty = Reflect.defineProperty;
  var ReflectDeleteProperty = Reflect.deleteProperty;
  var ReflectGetOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;
  var ReflectGetPrototypeOf = Reflect.getPrototypeOf;
  var ObjectCreate = Object.create;
  var ObjectFreeze = Object.freeze;
  var ObjectKeys = Object.keys;
  var ObjectHasOwn = Object.hasOwn;
  var ArrayIsArray = Array.isArray;
  var ProxyCtor = Proxy;
  var ErrorCtor = Error;
  var captureStackTrace = Error.captureStackTrace;
  var JSONStringify = JSON.stringify;
  var StringSlice = uncurry(String.prototype.slice);
  var USER_FILE = "tbkit-user.js";
  var MAX_FRAMES = 200;
  var MAX_ARG_CHARS = 24;

  // -- stack frames ---------------------------------------------------------------------------
  function keepSites(error, sites) {
    return sites;
  }
  // The call sites of the running code, whatever the script did to Error's stack settings.
  // Error.prepareStackTrace becomes an accessor (the script still sets and reads its own value)
  // whose getter gives our formatter while we capture; if the script redefines it, or makes
  // stackTraceLimit unwritable, the slow path saves, replaces and restores both properties.
  var capturing = false;
  var userPrepare = ErrorCtor.prepareStackTrace;
  var accessor = ObjectCreate(null);
  accessor.get = function () { return capturing ? keepSites : userPrepare; };
  accessor.set = function (value) { userPrepare = value; };
  accessor.configurable = true;
  accessor.enumerable = false;
  ReflectDefineProperty(ErrorCtor, "prepareStackTrace", accessor);

  function rawSites() {
    var sites = fastSites();
    return ArrayIsArray(sites) ? sites : slowSites();
  }

  function fastSites() {
    var limit, holder = ObjectCreate(null);
    try {
      limit = ErrorCtor.stackTraceLimit;
      ErrorCtor.stackTraceLimit = MAX_FRAMES;
    } catch (e) {
      return null;
    }
    capturing = true;
    try {
      captureStackTrace(holder, fastSites);
      return holder.stack;
    } catch (e) {
      return null;
    } finally {
      capturing = false;
      try {
        ErrorCtor.stackTraceLimit = limit;
      } catch (e) {
        // unwritable now: it was writable a moment ago, so nothing else changed it
      }
    }
  }

  function slowSites() {
    var prepare = descriptorOf("prepareStackTrace");
    var limit = descriptorOf("stackTraceLimit");
    var own = dataDescriptor(keepSites), deep = dataDescriptor(MAX_FRAMES);
    if (!ReflectDefineProperty(ErrorCtor, "prepareStackTrace", own)) return null;
    if (!ReflectDefineProperty(ErrorCtor, "stackTraceLimit", deep)) {
      restore("prepareStackTrace", prepare);
      return null;
    }
    var holder = ObjectCreate(null), sites = null;
    try {
      captureStackTrace(holder, slowSites);
      sites = holder.stack;
    } finally {
      restore("prepareStackTrace", prepare);
      restore("stackTraceLimit", limit);
    }
    return ArrayIsArray(sites) ? sites : null;
  }

  // Property descriptors with no prototype: defineProperty reads get/set/value... through a descriptor's
  // prototype, where a script may have put them (Object.prototype.get = ...).
  var DESCRIPTOR_FIELDS = ["value", "writable", "get", "set", "enumerable", "configurable"];
  function descriptorOf(name) {
    var found = ReflectGetOwnPropertyDescriptor(ErrorCtor, name);
    if (found === undefined) return undefined;
    var copy = ObjectCreate(null);
    for (var k = 0; k < DESCRIPTOR_FIELDS.length; k++) {
      var field = DESCRIPTOR_FIELDS[k];
      if (ObjectHasOwn(found, field)) copy[field] = found[field];
    }
    return copy;
  }
  function dataDescriptor(value) {
    var d = ObjectCreate(null);
    d.value = value;
    d.writable = true;
    d.configurable = true;
    d.enumerable = false;
    return d;
  }

  function restore(name, descriptor) {
    if (descriptor === undefined) ReflectDeleteProperty(ErrorCtor, name);
    else ReflectDefineProperty(ErrorCtor, name, descriptor);
  }

  var callSite = (function () {  // CallSite's methods, captured from a frame of our own
    var sites = rawSites();
    var proto = sites !== null && sites.length ? ReflectGetPrototypeOf(sites[0]) : null;
    if (proto === null) return null;
    return {
      file: uncurry(proto.getScriptNameOrSourceURL),
      line: uncurry(proto.getLineNumber),
      name: uncurry(proto.getFunctionName),
    };
  })();

  // Where the running code is: {line, depth, via}. line: the innermost frame of the user's
  // script (0 when none); depth: how many of the user's frames are on the stack; via: the name
  // of the builtin the innermost user frame called ("" when it called none).
  function here() {
    var sites = callSite === null ? null : rawSites();
    var place = { line: 0, depth: 0, via: "" };
    if (sites === null) return place;
    var below = null;
    for (var k = 0; k < sites.length; k++) {
      var site = sites[k];
      if (callSite.file(site) === USER_FILE) {
        if (place.depth === 0) {
          place.line = callSite.line(site) || 0;
          if (below !== null && callSite.line(below) === null) {  // a builtin: no script, no line
            place.via = callSite.name(below) || "";
          }
        }
        place.depth++;
      } else if (place.depth === 0) {
        below = site;
      }
    }
    return place;
  }

  // -- the trace of one call --------------------------------------------------------------------
  var state = null;  // while a traced call runs and until take(): see arm()

  function arm(raw) {
    state = {
      raw: raw, target: null, proxy: null, length: 0, active: true, muted: 0,
      keys: ObjectCreate(null), rows: ObjectCreate(null), count: 0,
      first: ObjectCreate(null), seq: 0,
      labels: ObjectCreate(null), names: ObjectCreate(null), nlabels: 0,
      calls: ObjectCreate(null), depth: 0,  // the stack of labelled calls running
    };
  }

  function labelId(text) {
    var id = state.labels[text];
    if (id === undefined) {
      id = state.labels[text] = state.nlabels;
      state.names[state.nlabels++] = text;
    }
    return id;
  }

  // One read of element `index` (any integer; outside 0..length-1 it is a read past the end).
  function note(index) {
    if (!state.active || state.muted) return;
    var call = state.depth ? state.calls[state.depth - 1] : null;
    if (call !== null && !call.callback) {
      if (call.ranged || call.seen[index] !== undefined) return;  // a helper reads an element once
      call.seen[index] = true;
      record(index, call.line, call.label);
      return;
    }
    var place = here(), label = -1;
    if (call !== null && place.depth === call.userDepth) {
      if (call.seen[index] !== undefined) return;
      call.seen[index] = true;
      label = call.label;
    } else if (place.via !== "") {
      label = labelId(place.via);
    }
    record(index, place.line, label);
  }

  function record(index, line, label) {
    var key = index + ":" + line + ":" + label;
    var row = state.keys[key];
    if (row === undefined) {
      row = state.keys[key] = state.count;
      state.rows[state.count++] = { index: index, line: line, label: label, n: 0 };
    }
    state.rows[row].n++;
    if (state.first[index] === undefined) state.first[index] = state.seq++;
  }

  function indexOf(key) {  // an integer property key as a number, else undefined
    if (typeof key !== "string") return undefined;
    var n = +key;
    return n === n && n % 1 === 0 && "" + n === key ? n : undefined;
  }

  var handler = ObjectCreate(null);
  handler.get = function (target, key, receiver) {
    if (state !== null && target === state.target) {
      var index = indexOf(key);
      try {
        if (index !== undefined) note(index);
      } catch (e) {
        // a trace that cannot be recorded must not change what the script does
      }
    }
    return ReflectGet(target, key, receiver);
  };

  function track(target) {
    state.target = target;
    state.length = target.length;
    state.proxy = new ProxyCtor(target, handler);
    return state.proxy;
  }

  // -- labelled calls ----------------------------------------------------------------------------
  function describe(x) {
    if (state !== null && x === state.proxy && x !== null) return "payload";
    switch (typeof x) {
      case "number": return "" + x;
      case "boolean": return x ? "true" : "false";
      case "bigint": return "" + x;
      case "undefined": return "undefined";
      case "string": {
        var text = JSONStringify(x);
        return text.length > MAX_ARG_CHARS ? StringSlice(text, 0, MAX_ARG_CHARS - 2) + "\u2026\"" : text;
      }
      case "function": return "function";
    }
    if (x === null) return "null";
    if (ArrayIsArray(x)) return "[\u2026]";
    if (javaNumber !== null && x instanceof javaNumber) return javaNumberText(x);
    return "{\u2026}";
  }

  function argsText(args, from) {
    var text = "";
    for (var k = from; k < args.length; k++) text += (k > from ? ", " : "") + describe(args[k]);
    return text;
  }

  function holdsPayload(args, from) {
    if (state === null || state.proxy === null || !state.active) return false;
    for (var k = from; k < args.length; k++) if (args[k] === state.proxy) return true;
    return false;
  }

  function callsBack(args, from) {
    for (var k = from; k < args.length; k++) if (typeof args[k] === "function") return true;
    return false;
  }

  // Run fn (this, args) as the labelled call `text`; the outermost labelled call of a user frame
  // keeps its label (decodeToJson calling decodeToString stays decodeToJson). `range` ([from, to)
  // or null): the elements the call reads by definition, recorded at once; then the reads its
  // implementation makes (TbUtils copies the whole list first) are not.
  function labelled(text, callback, fn, self, args, range) {
    var s = state, call;
    try {
      call = enter(text, callback, range);
    } catch (e) {
      return ReflectApply(fn, self, args);  // a trace that cannot be recorded changes nothing
    }
    var at = s.depth;
    s.calls[s.depth++] = call;
    try {
      return ReflectApply(fn, self, args);
    } finally {
      s.depth = at;
    }
  }

  function enter(text, callback, range) {
    var place = here(), outer = state.depth ? state.calls[state.depth - 1] : null;
    if (outer !== null && outer.userDepth === place.depth) return outer;
    var call = {
      label: labelId(text), line: place.line, userDepth: place.depth, callback: callback,
      ranged: range !== null, seen: ObjectCreate(null),
    };
    if (range !== null) for (var k = range[0]; k < range[1]; k++) record(k, call.line, call.label);
    return call;
  }

  // A function that labels its calls that are handed the payload: name(args). `ranged(args)`
  // gives the elements such a call reads by definition (null: what its implementation reads).
  function wrapHelper(name, fn, ranged) {
    return function () {
      if (!holdsPayload(arguments, 0)) return ReflectApply(fn, this, arguments);
      var text, range = null, args = arguments;
      try {
        text = name + "(" + argsText(arguments, 0) + ")";
        if (ranged !== null) {
          range = ranged(arguments);
          args = unwrapped(arguments);
        }
      } catch (e) {
        return ReflectApply(fn, this, arguments);
      }
      return labelled(text, ranged === null && callsBack(arguments, 0), fn, this, args, range);
    };
  }

  // The arguments with the payload's own array in place of its proxy: a helper whose reads are
  // known by definition runs at full speed (TbUtils copies the whole list on every call).
  function unwrapped(args) {
    var list = ObjectCreate(null);
    list.length = args.length;
    for (var k = 0; k < args.length; k++) list[k] = args[k] === state.proxy ? state.target : args[k];
    return list;
  }

  function numberOf(x) {
    if (typeof x === "number") return x;
    if (javaNumber !== null && x instanceof javaNumber) return +("" + x.v);
    if (typeof x === "string") return +x;
    return NaN;
  }

  // TbUtils' parseBytesTo*(data, offset = 0, length = min(size - offset, width), bigEndian):
  // the bytes offset..offset+length-1 (ThingsBoard's TbUtils.parseBytesToInt and its siblings).
  var MAX_RANGE = 64;
  function bytesAt(width) {
    return function (args) {
      var size = state.length, off = args.length > 1 ? numberOf(args[1]) : 0;
      var len = args.length > 2 ? numberOf(args[2]) : size < off ? size : (size - off < width ? size - off : width);
      if (off !== off || len !== len || len < 0) return [0, 0];
      return [off, off + (len > MAX_RANGE ? MAX_RANGE : len)];
    };
  }
  // TbUtils.parseBinaryArrayToInt(data, offset = 0, length = size): offset..min(offset+length, size)-1
  function binaryRange(args) {
    var size = state.length, off = args.length > 1 ? numberOf(args[1]) : 0;
    var len = args.length > 2 ? numberOf(args[2]) : size;
    if (off !== off || len !== len) return [0, 0];
    return [off, off + len < size ? off + len : size];
  }
  var RegExpTest = uncurry(RegExp.prototype.test);
  function rangeOf(name) {
    if (name === "parseBinaryArrayToInt") return binaryRange;
    if (!RegExpTest(/^parseBytes(?!ToBinaryArray)/, name)) return null;
    return bytesAt(RegExpTest(/Long|Double/, name) ? 8 : 4);
  }

  // -- JS: the prelude's helpers -------------------------------------------------------------------
  var helperNames = ["decodeToString", "decodeToJson"];
  for (var h = 0; h < helperNames.length; h++) {
    if (typeof g[helperNames[h]] === "function") g[helperNames[h]] = wrapHelper(helperNames[h], g[helperNames[h]], null);
  }

  // -- TBEL: the runtime's payload conversion, TbUtils, methods and constructors -----------------
  var R = typeof g.__tbel === "object" && g.__tbel !== null ? g.__tbel : null;
  var javaNumber = R !== null && typeof R.N === "function" ? R.N : null;
  function javaNumberText(x) {
    var v = x.v, k = x.k;
    var text = "" + v;
    return (k === "D" || k === "F") && typeof v === "number" && v % 1 === 0 && v === v ? text + ".0" : text;
  }
  if (R !== null) {
    var inBytes = R.inBytes;
    R.inBytes = function (p) {
      var out = ReflectApply(inBytes, this, arguments);
      if (state !== null && state.active && state.proxy === null && p === state.raw && ArrayIsArray(out)) {
        return track(out);
      }
      return out;
    };
    if (R.fn !== null && typeof R.fn === "object") {
      var fnNames = ObjectKeys(R.fn);
      for (var f = 0; f < fnNames.length; f++) {
        var fname = fnNames[f];
        if (typeof R.fn[fname] === "function") R.fn[fname] = wrapHelper(fname, R.fn[fname], rangeOf(fname));
      }
    }
    var method = R.m;
    R.m = function (o, name, args) {
      if (state === null || state.proxy === null || o !== state.proxy || !state.active) {
        return ReflectApply(method, this, arguments);
      }
      var text, callback;
      try {
        var list = ArrayIsArray(args) ? args : [];
        text = "payload." + name + "(" + argsText(list, 0) + ")";
        callback = callsBack(list, 0);
      } catch (e) {
        return ReflectApply(method, this, arguments);
      }
      return labelled(text, callback, method, this, arguments, null);
    };
    var newObj = R.newObj;
    R.newObj = function (cls, args) {
      var list = ArrayIsArray(args) ? args : null, text;
      if (list === null || !holdsPayload(list, 0)) return ReflectApply(newObj, this, arguments);
      try {
        text = "new " + cls + "(" + argsText(list, 0) + ")";
      } catch (e) {
        return ReflectApply(newObj, this, arguments);
      }
      return labelled(text, false, newObj, this, arguments, null);
    };
    var out = R.out;
    R.out = function () {  // the result's conversion to JSON values: tbkit's work, not the script's
      var s = state;
      if (s !== null) s.muted++;
      try {
        return ReflectApply(out, this, arguments);
      } finally {
        if (s !== null) s.muted--;
      }
    };
  }

  // -- the user function and take() -------------------------------------------------------------
  var wrapped = false;

  function wrap(user) {
    if (wrapped || typeof user !== "function") throw new ErrorCtor("tbkit: the tracer wraps one function, once");
    wrapped = true;
    var tbel = R !== null;
    return function (payload, metadata) {
      arm(payload);
      var s = state;
      try {
        var seen = tbel || !ArrayIsArray(payload) ? payload : track(payload);
        return ReflectApply(user, this, [seen, metadata]);
      } finally {
        s.active = false;
      }
    };
  }

  function take(key) {
    if (key !== KEY) return "null";
    var s = state;
    state = null;
    if (s === null) return "null";
    var rows = "", labels = "", first = "";
    for (var k = 0; k < s.count; k++) {
      var r = s.rows[k];
      rows += (k ? "," : "") + "[" + r.index + "," + r.line + "," + r.label + "," + r.n + "]";
    }
    for (var j = 0; j < s.nlabels; j++) labels += (j ? "," : "") + JSONStringify(s.names[j]);
    var sep = "";
    for (var index in s.first) {
      first += sep + "[" + index + "," + s.first[index] + "]";
      sep = ",";
    }
    return "{\"length\":" + (s.proxy === null ? -1 : s.length) + ",\"reads\":[" + rows + "],\"labels\":[" + labels +
      "],\"first\":[" + first + "]}";
  }

  var api = ObjectCreate(null);
  api.wrap = wrap;
  api.take = take;
  ObjectFreeze(api);
  var fixed = ObjectCreate(null);
  fixed.value = api;
  fixed.writable = fixed.enumerable = fixed.configurable = false;
  ReflectDefineProperty(g, "__tbkit_trace", fixed);
})