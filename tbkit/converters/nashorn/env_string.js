// The local engine's world, part 4: what Nashorn adds to and changes in strings and objects.
// A string primitive in Nashorn is a java.lang.String: a name String.prototype lacks is looked up
// among Java's String methods ("abc".startsWith, .repeat, .contains, .replaceAll with a Java
// regular expression...). A String object (new String(...)) has no Java methods.

// The Java signatures of the methods that have one (Nashorn refuses another number of arguments).
var SIGNATURES = {
  endsWith: "boolean java.lang.String.endsWith(String)",
  repeat: "String java.lang.String.repeat(int)",
  codePointAt: "int java.lang.String.codePointAt(int)",
  contains: "boolean java.lang.String.contains(CharSequence)",
  isEmpty: "boolean java.lang.String.isEmpty()",
  isBlank: "boolean java.lang.String.isBlank()",
  equals: "boolean java.lang.String.equals(Object)",
  equalsIgnoreCase: "boolean java.lang.String.equalsIgnoreCase(String)",
  matches: "boolean java.lang.String.matches(String)",
  replaceAll: "String java.lang.String.replaceAll(String,String)",
  replaceFirst: "String java.lang.String.replaceFirst(String,String)",
  strip: "String java.lang.String.strip()",
  stripLeading: "String java.lang.String.stripLeading()",
  stripTrailing: "String java.lang.String.stripTrailing()",
  compareToIgnoreCase: "int java.lang.String.compareToIgnoreCase(String)",
  hashCode: "int java.lang.String.hashCode()",
  intern: "String java.lang.String.intern()",
};

function javaMethod(name, fn) {
  var signature = SIGNATURES[name], arity = signature ? signature.split(",").length - (/\(\)$/.test(signature) ? 1 : 0) : -1;
  return function () {
    if (typeof this !== "string") throw new TypeError(V.toStr(this) + "." + name + " is not a function");
    if (arity >= 0 && arguments.length !== arity) {
      throw new TypeError("Can not invoke method [jdk.dynalink.beans.SimpleDynamicMethod " + signature +
        "] with the passed arguments; they do not match any of its method signatures.");
    }
    return fn.apply(this, arguments);
  };
}

function javaInt(value) {
  var n = toInteger(value);
  return n < -2147483648 ? -2147483648 : n > 2147483647 ? 2147483647 : n;
}

// A Java exception thrown through the script: not an Error, no `name`, Java's toString(), and no
// line in Nashorn's report (env_main.js, failure()).
function JavaException() {}
defineProperty(JavaException.prototype, "toString", data(function () { return this.javaException; }));

function javaError(kind, message) {
  var error = new JavaException();
  defineProperty(error, "message", data(message));
  defineProperty(error, "javaException", { value: message === null ? kind : kind + ": " + message });
  defineProperty(error, "stack", { value: String(new V.Error().stack) });
  return error;
}

// A Java regular expression as a JavaScript one (\Q...\E quoting; the rest is common ground).
function javaRegex(pattern, flags) {
  var source = V.stringReplace(String(pattern), /\\Q([\s\S]*?)(?:\\E|$)/g, function (m, quoted) {
    return V.stringReplace(quoted, /[\\^$.*+?()[\]{}|/]/g, "\\$&");
  });
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw javaError("java.util.regex.PatternSyntaxException", e.message);
  }
}

// A Java replacement string ($1, ${name}, \x) as a function of a JavaScript match.
function javaReplacement(replacement) {
  var text = String(replacement);
  return function () {
    var groups = arguments, out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      if (c === "\\") {
        i++;
        if (i >= text.length) throw javaError("java.lang.IllegalArgumentException", "character to be escaped is missing");
        out += text.charAt(i);
      } else if (c === "$") {
        var m = /^\d+/.exec(text.slice(i + 1));
        if (!m) throw javaError("java.lang.IllegalArgumentException", "Illegal group reference");
        var index = Number(m[0].charAt(0));
        out += groups[index] === undefined ? "" : groups[index];
        i += 1;
      } else {
        out += c;
      }
    }
    return out;
  };
}

// Java's Character.isWhitespace: Unicode spaces but the no-break ones, and \t \n \v \f \r, 0x1c-0x1f.
function javaSpace(c) {
  var code = c.charCodeAt(0);
  return (code >= 9 && code <= 13) || (code >= 0x1c && code <= 0x20) ||
    /[\u1680\u2000-\u2006\u2008-\u200A\u2028\u2029\u205F\u3000]/.test(c);
}

function strip(s, front, back) {
  var a = 0, b = s.length;
  while (front && a < b && javaSpace(s.charAt(a))) a++;
  while (back && b > a && javaSpace(s.charAt(b - 1))) b--;
  return s.slice(a, b);
}

function compare(a, b) {
  for (var i = 0; i < Math.min(a.length, b.length); i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) return a.charCodeAt(i) - b.charCodeAt(i);
  }
  return a.length - b.length;
}

var JAVA_STRING = {
  startsWith: function (prefix, offset) {
    var p = String(prefix), at = offset === undefined ? 0 : javaInt(offset);
    return at >= 0 && at <= this.length - p.length && this.slice(at, at + p.length) === p;
  },
  endsWith: function (suffix) {
    var s = String(suffix);
    return s.length <= this.length && this.slice(this.length - s.length) === s;
  },
  repeat: function (count) {
    var n = javaInt(count);
    if (n < 0) throw javaError("java.lang.IllegalArgumentException", "count is negative: " + n);
    for (var out = ""; n > 0; n--) out += this;
    return out;
  },
  codePointAt: function (index) {
    var i = javaInt(index);
    if (i < 0 || i >= this.length) {
      throw javaError("java.lang.StringIndexOutOfBoundsException", "index " + i + ", length " + this.length);
    }
    var hi = this.charCodeAt(i), lo = this.charCodeAt(i + 1);
    return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff ? (hi - 0xd800) * 0x400 + lo - 0xdc00 + 0x10000 : hi;
  },
  contains: function (s) {
    if (typeof s === "number") {  // a number is no CharSequence
      throw javaError("java.lang.invoke.WrongMethodTypeException", "cannot convert MethodHandle(Object,CharSequence)boolean" +
        " to (Object," + (s === (s | 0) ? "int" : "double") + ")Object");
    }
    return this.indexOf(String(s)) >= 0;
  },
  isEmpty: function () { return this.length === 0; },
  isBlank: function () { return strip(this, true, true).length === 0; },
  equals: function (other) { return typeof other === "string" && other === String(this); },
  equalsIgnoreCase: function (other) {
    return typeof other === "string" && other.length === this.length && other.toUpperCase() === this.toUpperCase();
  },
  matches: function (regex) { return javaRegex("^(?:" + String(regex) + ")$", "").test(this); },
  replaceAll: function (regex, replacement) {
    return V.stringReplace(String(this), javaRegex(regex, "g"), javaReplacement(replacement));
  },
  replaceFirst: function (regex, replacement) {
    return V.stringReplace(String(this), javaRegex(regex, ""), javaReplacement(replacement));
  },
  strip: function () { return strip(this, true, true); },
  stripLeading: function () { return strip(this, true, false); },
  stripTrailing: function () { return strip(this, false, true); },
  compareTo: function (other) { return compare(String(this), String(other)); },
  compareToIgnoreCase: function (other) {
    return compare(String(this).toUpperCase().toLowerCase(), String(other).toUpperCase().toLowerCase());
  },
  hashCode: function () {
    var h = 0;
    for (var i = 0; i < this.length; i++) h = (V.imul(31, h) + this.charCodeAt(i)) | 0;
    return h;
  },
  intern: function () { return String(this); },
};

function isIgnorable(c) {
  var code = c.charCodeAt(0);
  return code <= 0x20 || code === 0x7f || /[\s\u200b-\u200f]/.test(c);
}

function withoutIgnorable(s) {
  var out = "";
  for (var i = 0; i < s.length; i++) if (!isIgnorable(s.charAt(i))) out += s.charAt(i);
  return out;
}

function ignorable(s) {
  var out = "";
  for (var i = 0; i < s.length; i++) if (isIgnorable(s.charAt(i))) out += s.charAt(i);
  return out;
}

// localeCompare with Java's collator (en-US): whitespace and control characters weigh nothing
// before case and accents are looked at; the answer is -1, 0 or 1.
function localeCompare(other) {
  var a = String(this), b = String(other);
  var collator = new V.Intl.Collator("en-US");
  var r = collator.compare(withoutIgnorable(a), withoutIgnorable(b));
  if (r === 0) r = compare(ignorable(a), ignorable(b));  // then the spaces: more of them sorts later
  return r < 0 ? -1 : r > 0 ? 1 : 0;
}

// -- Object: ES5 refuses primitives where ES2015 boxes them --------------------------------------
var OBJECT_ONLY = ["keys", "getOwnPropertyNames", "getPrototypeOf", "getOwnPropertyDescriptor", "freeze", "isFrozen",
  "seal", "isSealed", "preventExtensions", "isExtensible"];

function objectOnly(fn) {
  return function (target) {
    if (target === null || (typeof target !== "object" && typeof target !== "function")) {
      throw new TypeError(String(target) + " is not an Object");
    }
    return fn.apply(Object, arguments);
  };
}

// The sandbox's Object.assign (Nashorn has none): own enumerable keys of each source, in order.
function assign(target, firstSource) {
  if (target === null || target === undefined) throw new TypeError("Cannot convert undefined or null to object");
  var to = Object(target);
  for (var i = 1; i < arguments.length; i++) {
    var source = arguments[i];
    if (source === null || source === undefined) continue;
    for (var key in source) if (hasOwn(source, key)) to[key] = source[key];
  }
  return to;
}

function installStringsAndObjects() {
  Object.keys(JAVA_STRING).forEach(function (name) {
    replace(String.prototype, name, javaMethod(name, JAVA_STRING[name]));
  });
  OBJECT_ONLY.forEach(function (name) { replace(Object, name, objectOnly(Object[name])); });
  replace(Object, "assign", assign);
  replace(String.prototype, "localeCompare", localeCompare);
}

// -- URIs: the same decoding, Nashorn's words for what it refuses ------------------------------
var URI_FUNCTIONS = ["decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent"];

function hexByte(a, b) {
  var s = a + b;
  return /^[0-9A-Fa-f]{2}$/.test(s) ? parseInt(s, 16) : -1;
}

// Where Nashorn's decoder stops on `s` (V8 refused it too).
function badDecodeAt(s) {
  for (var k = 0; k < s.length; k++) {
    if (s.charAt(k) !== "%") continue;
    if (k + 2 >= s.length) return k;
    var b = hexByte(s.charAt(k + 1), s.charAt(k + 2));
    if (b < 0) return k + 1;
    k += 2;
    if ((b & 0x80) === 0) continue;
    if ((b & 0xc0) === 0x80) return k;
    var n = (b & 0x20) === 0 ? 2 : (b & 0x10) === 0 ? 3 : (b & 0x08) === 0 ? 4 : (b & 0x04) === 0 ? 5 : (b & 0x02) === 0 ? 6 : 0;
    if (n === 0) return k;
    var v = b & (0xff >> (n + 1)), min = [0, 0, 0x80, 0x800, 0x10000, 0x200000, 0x4000000][n];
    if (k + 3 * (n - 1) >= s.length) return k;
    for (var j = 1; j < n; j++) {
      k++;
      if (s.charAt(k) !== "%") return k;
      b = hexByte(s.charAt(k + 1), s.charAt(k + 2));
      if (b < 0 || (b & 0xc0) !== 0x80) return k + 1;
      v = (v << 6) | (b & 0x3f);
      k += 2;
    }
    if (v < min || (v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff) return k;
  }
  return 0;
}

function badEncodeAt(s) {
  for (var k = 0; k < s.length; k++) {
    var c = s.charCodeAt(k);
    if (c >= 0xdc00 && c <= 0xdfff) return k;
    if (c >= 0xd800 && c <= 0xdbff) {
      k++;
      if (k === s.length) return k;
      var d = s.charCodeAt(k);
      if (d < 0xdc00 || d > 0xdfff) return k;
    }
  }
  return 0;
}

function uriFunction(name) {
  var native = g[name];
  return function (value) {
    var s = String(value);
    try {
      return native(s);
    } catch (e) {
      if (!(e instanceof URIError)) throw e;
      var at = name.slice(0, 6) === "decode" ? badDecodeAt(s) : badEncodeAt(s);
      throw new URIError('Bad URI "' + s + '" near offset ' + at);
    }
  };
}

// -- Array: Nashorn names the length it refuses -------------------------------------------------
function NashornArray(length) {
  if (arguments.length === 1 && typeof length === "number" && length !== length >>> 0) {
    throw new RangeError("inappropriate array length: " + V.numberToString.call(length));
  }
  return V.construct(V.Array, arguments, V.Array);
}
NashornArray.prototype = V.Array.prototype;
NashornArray.isArray = V.Array.isArray;

// -- DataView: a java.nio.ByteBuffer read at the buffer's own index ------------------------------
// Nashorn's view is the buffer's ByteBuffer with its position at byteOffset and its limit at
// byteLength when one is given, else at the buffer's end; get/set index from the buffer's start
// (the offset is not added) and, past the limit, throw java.lang.IndexOutOfBoundsException.
var V8DataView = DataView;
var VIEW_METHODS = {};
ownNames(DataView.prototype).forEach(function (key) {
  if (/^[gs]et[A-Z]/.test(key)) VIEW_METHODS[key] = DataView.prototype[key];
});

function viewError() {
  return new RangeError("Wrong offset or length in DataView constructor");
}

function NashornDataView(buffer, byteOffset, byteLength) {
  if (!(buffer instanceof ArrayBuffer)) return V.construct(V8DataView, arguments, V8DataView);
  var size = buffer.byteLength, offset = arguments.length > 1 ? byteOffset | 0 : 0, limit = size;
  if (offset < 0 || offset > size) throw viewError();
  if (arguments.length > 2) {
    limit = byteLength | 0;
    if (limit < 0 || limit > size) throw viewError();
  }
  var view = new V8DataView(buffer, 0, limit);
  defineProperty(view, "buffer", { value: buffer });
  defineProperty(view, "byteOffset", { value: offset });
  defineProperty(view, "byteLength", { value: arguments.length > 2 ? limit : size - offset });
  return view;
}
NashornDataView.prototype = DataView.prototype;

function viewMethod(method) {
  return function (index) {
    var args = V.Array.prototype.slice.call(arguments);
    args[0] = index | 0;
    try {
      return method.apply(this, args);
    } catch (e) {
      if (e instanceof RangeError) throw javaError("java.lang.IndexOutOfBoundsException", null);
      throw e;
    }
  };
}

function installUrisAndArrays() {
  replace(g, "DataView", NashornDataView);
  replace(DataView.prototype, "constructor", NashornDataView);
  Object.keys(VIEW_METHODS).forEach(function (key) { replace(DataView.prototype, key, viewMethod(VIEW_METHODS[key])); });
  URI_FUNCTIONS.forEach(function (name) { replace(g, name, uriFunction(name)); });
  replace(g, "Array", NashornArray);
  replace(Array.prototype, "constructor", NashornArray);
}
