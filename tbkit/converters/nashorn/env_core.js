// The local engine's world, part 1: what Nashorn 15.4 (ECMAScript 5.1) and the sandbox give a
// converter, switched on around each call. tbkit's own runtime (prelude.js, batch.js) shares the
// context and needs V8's built-ins: `enter()` hides what Nashorn lacks and installs Nashorn's
// versions of what behaves differently, `leave()` puts V8's back and keeps what the script itself
// defined in between (a polyfill it added stays, as it would in ThingsBoard's shared global).
// The env_*.js parts run concatenated in one function (see nashorn/engine.py); they share `N`.
"use strict";

var N = {};
var ABSENT = {};
var defineProperty = Object.defineProperty;
var getDescriptor = Object.getOwnPropertyDescriptor;
var ownNames = Object.getOwnPropertyNames;
var hasOwn = Function.prototype.call.bind(Object.prototype.hasOwnProperty);
var V = {
  JSONstringify: JSON.stringify,
  JSONparse: JSON.parse,
  fromCharCode: String.fromCharCode,
  btoa: g.btoa,
  Date: Date,
  Number: Number,
  Array: Array,
  dateParse: Date.parse,
  toStr: Function.prototype.call.bind(Object.prototype.toString),
  numberToString: Number.prototype.toString,
  stringReplace: Function.prototype.call.bind(String.prototype.replace),
  stringSlice: Function.prototype.call.bind(String.prototype.slice),
  WeakMap: WeakMap,
  Intl: Intl,
  Error: Error,
  imul: Math.imul,
  atan2: Math.atan2,
  construct: Reflect.construct,
  numberToExponential: Number.prototype.toExponential,
  numberToFixed: Number.prototype.toFixed,
  numberToPrecision: Number.prototype.toPrecision,
};

// Own property names of each object in Nashorn 15.4 with the sandbox and ThingsBoard's helpers,
// as the engine lists them (Object.getOwnPropertyNames, recorded with the reference runner).
var NASHORN = {
  global:
    "$ARG $ENV $ERR $EXEC $EXIT $OPTIONS $OUT Array ArrayBuffer Boolean DataView Date Error EvalError Float32Array " +
    "Float64Array Function Infinity Int16Array Int32Array Int8Array InvalidCharacterError JSAdapter JSON Java " +
    "JavaImporter Math NaN Number Object Packages RangeError ReferenceError RegExp String SyntaxError TypeError " +
    "URIError Uint16Array Uint32Array Uint8Array Uint8ClampedArray __DIR__ __FILE__ __LINE__ arguments atob btoa " +
    "chars com decodeURI decodeURIComponent echo edu encodeURI encodeURIComponent escape eval exit exports global " +
    "isFinite isNaN java javafx javax load loadWithNewGlobal org parseFloat parseInt print quit readFully readLine " +
    "undefined unescape window",
  Object:
    "assign bindProperties create defineProperties defineProperty freeze getOwnPropertyDescriptor " +
    "getOwnPropertyNames getPrototypeOf isExtensible isFrozen isSealed keys length name preventExtensions " +
    "prototype seal setIndexedPropertiesToExternalArrayData setPrototypeOf",
  "Object.prototype": "__proto__ constructor hasOwnProperty isPrototypeOf propertyIsEnumerable toLocaleString " +
    "toString valueOf",
  Function: "length name prototype",
  "Function.prototype": "apply bind call constructor length name toSource toString",
  Array: "isArray length name prototype",
  "Array.prototype":
    "concat constructor every filter forEach indexOf join lastIndexOf length map pop push reduce reduceRight " +
    "reverse shift slice some sort splice toLocaleString toString unshift",
  String: "fromCharCode length name prototype",
  "String.prototype":
    "charAt charCodeAt concat constructor indexOf lastIndexOf length localeCompare match replace search slice " +
    "split substr substring toLocaleLowerCase toLocaleUpperCase toLowerCase toString toUpperCase trim trimLeft " +
    "trimRight valueOf",
  Number: "MAX_VALUE MIN_VALUE NEGATIVE_INFINITY NaN POSITIVE_INFINITY length name prototype",
  "Number.prototype": "constructor toExponential toFixed toLocaleString toPrecision toString valueOf",
  Boolean: "length name prototype",
  "Boolean.prototype": "constructor toString valueOf",
  Date: "UTC length name now parse prototype",
  "Date.prototype":
    "constructor getDate getDay getFullYear getHours getMilliseconds getMinutes getMonth getSeconds getTime " +
    "getTimezoneOffset getUTCDate getUTCDay getUTCFullYear getUTCHours getUTCMilliseconds getUTCMinutes " +
    "getUTCMonth getUTCSeconds getYear setDate setFullYear setHours setMilliseconds setMinutes setMonth " +
    "setSeconds setTime setUTCDate setUTCFullYear setUTCHours setUTCMilliseconds setUTCMinutes setUTCMonth " +
    "setUTCSeconds setYear toDateString toGMTString toISOString toJSON toLocaleDateString toLocaleString " +
    "toLocaleTimeString toString toTimeString toUTCString valueOf",
  RegExp: "$1 $2 $3 $4 $5 $6 $7 $8 $9 input lastMatch lastParen leftContext length multiline name prototype " +
    "rightContext",
  "RegExp.prototype": "compile constructor exec global ignoreCase lastIndex multiline source test toString",
  Math:
    "E LN10 LN2 LOG10E LOG2E PI SQRT1_2 SQRT2 abs acos asin atan atan2 ceil cos exp floor log max min pow random " +
    "round sin sqrt tan",
  JSON: "parse stringify",
  Error: "captureStackTrace dumpStack length name prototype",
  "Error.prototype": "columnNumber constructor fileName getStackTrace lineNumber message name printStackTrace " +
    "stack toString",
  ArrayBuffer: "isView length name prototype",
  "ArrayBuffer.prototype": "byteLength constructor slice",
  DataView: "length name prototype",
  "DataView.prototype":
    "buffer byteLength byteOffset constructor getFloat32 getFloat64 getInt16 getInt32 getInt8 getUint16 " +
    "getUint32 getUint8 setFloat32 setFloat64 setInt16 setInt32 setInt8 setUint16 setUint32 setUint8",
  TypedArray: "length name prototype",
  "TypedArray.prototype": "buffer byteLength byteOffset constructor length set subarray",
  "Uint8Array.prototype": "constructor",
};

// -- slots: one property that differs between V8 and the model, switched by enter()/leave() ------
var slots = [];

function data(value) {
  return { value: value, writable: true, enumerable: false, configurable: true };
}

function slot(target, key, model) {
  var native = getDescriptor(target, key);
  if (native && !native.configurable) return;
  slots.push({ target: target, key: key, native: native, model: model, user: undefined, applied: undefined });
}

// Hide every own string property of `target` not in `names` (a NASHORN entry), except `keep`.
function hideAllBut(target, names, keep) {
  var allowed = {};
  names.split(" ").forEach(function (name) { allowed[name] = true; });
  ownNames(target).forEach(function (key) {
    if (!allowed[key] && !(keep && keep(key))) slot(target, key, undefined);
  });
}

function replace(target, key, fn) {
  slot(target, key, data(fn));
}

function same(a, b) {
  if (a === undefined || b === undefined) return a === b;
  return a.value === b.value && a.get === b.get && a.set === b.set && a.writable === b.writable &&
    a.enumerable === b.enumerable && a.configurable === b.configurable;
}

function put(target, key, descriptor) {
  if (descriptor === undefined) delete target[key];
  else defineProperty(target, key, descriptor);
}

var depth = 0;
N.enter = function () {
  if (depth++) return;
  for (var i = 0; i < slots.length; i++) {
    var s = slots[i];
    var want = s.user === undefined ? s.model : s.user === ABSENT ? undefined : s.user;
    put(s.target, s.key, want);
    s.applied = want;
  }
};

// V8 stops a script at its time limit without running `finally` blocks: a call cut short leaves the
// world entered. recover() leaves it before anything else runs (see wrapRuntime()).
N.recover = function () {
  if (depth > 0) {
    depth = 1;
    N.leave();
  }
};

N.leave = function () {
  if (--depth) return;
  for (var i = slots.length - 1; i >= 0; i--) {
    var s = slots[i], now = getDescriptor(s.target, s.key);
    if (!same(now, s.applied)) s.user = now === undefined ? ABSENT : now;  // the script changed it
    put(s.target, s.key, s.native);
  }
};

// -- the sandbox's globals and ThingsBoard's helpers -------------------------------------------------
function noop() {}

function sandboxGlobals() {
  var globals = {
    window: {}, global: {}, exports: {}, print: noop, echo: noop, quit: noop, exit: noop, readFully: noop,
    readLine: noop, loadWithNewGlobal: noop, $ARG: null, $ENV: null, $EXEC: null, $OPTIONS: null, $OUT: null,
    $ERR: null, $EXIT: null, load: load,
    // Java access, which the sandbox's class filter closes: present, useless to a converter
    Java: {}, Packages: {}, java: {}, javax: {}, javafx: {}, com: {}, org: {}, edu: {}, JavaImporter: noop,
    JSAdapter: noop,
  };
  Object.keys(globals).forEach(function (name) { slot(g, name, data(globals[name])); });
  ["engine", "context"].forEach(function (name) { slot(g, name, { value: undefined, configurable: true }); });
}

// load('classpath:js/converter-helpers.js'): the helpers ThingsBoard's wrapper loads (chars, btoa,
// atob, InvalidCharacterError; both codecs read the global `chars` when called).
function load(what) {
  if (String(what) !== "classpath:js/converter-helpers.js") throw new TypeError("Cannot load script from " + what);
  g.chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
  g.InvalidCharacterError = InvalidCharacterError;
  g.btoa = helperBtoa;
  g.atob = helperAtob;
}

function InvalidCharacterError(message) {
  this.message = message;
}
InvalidCharacterError.prototype = new Error();
InvalidCharacterError.prototype.name = "InvalidCharacterError";

function helperBtoa(input) {
  var s = String(input), out = "", table = String(g.chars);
  for (var i = 0; i < s.length; i += 3) {
    var a = s.charCodeAt(i), b = i + 1 < s.length ? s.charCodeAt(i + 1) : 0, c = i + 2 < s.length ? s.charCodeAt(i + 2) : 0;
    if (a > 0xff || b > 0xff || c > 0xff) {
      throw new InvalidCharacterError(
        "'btoa' failed: The string to be encoded contains characters outside of the Latin1 range.");
    }
    var w = (a << 16) | (b << 8) | c;
    out += table.charAt((w >> 18) & 63) + table.charAt((w >> 12) & 63) +
      (i + 1 < s.length ? table.charAt((w >> 6) & 63) : "=") + (i + 2 < s.length ? table.charAt(w & 63) : "=");
  }
  return out;
}

// Lenient, as ThingsBoard's: trailing "=" dropped, a length of 4n+1 refused, characters outside
// `chars` skipped, an inner "=" taken as 64.
function helperAtob(input) {
  var s = String(input).replace(/[=]+$/, ""), table = String(g.chars);
  if (s.length % 4 === 1) {
    throw new InvalidCharacterError("'atob' failed: The string to be decoded is not correctly encoded.");
  }
  var out = "", acc = 0, seen = 0;
  for (var i = 0; i < s.length; i++) {
    var v = table.indexOf(s.charAt(i));
    if (v === -1) continue;
    acc = seen % 4 ? acc * 64 + v : v;
    if (seen++ % 4) out += V.fromCharCode(255 & (acc >> ((-2 * seen) & 6)));
  }
  return out;
}
