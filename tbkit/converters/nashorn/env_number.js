// The local engine's world, part 3: numbers and JSON as Nashorn writes and reads them.

var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
var numberValue = Function.prototype.call.bind(Number.prototype.valueOf);

function toInteger(value) {
  var n = Number(value);
  return n !== n ? 0 : n === 0 || !isFinite(n) ? n : (n < 0 ? -1 : 1) * Math.floor(Math.abs(n));
}

// Nashorn's radix conversion: integers that fit 32 bits as Java prints them, other numbers digit
// by digit in double arithmetic (more fraction digits than V8's shortest form).
function radixString(x, radix) {
  if (x === (x | 0) && !(x === 0 && 1 / x < 0)) return V.numberToString.call(x, radix);
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (x !== x) return "NaN";
  if (x === 0) return "0";
  var negative = x < 0, n = negative ? -x : x, whole = Math.floor(n), part = n - whole, digits = "";
  do {
    var remainder = whole % radix;
    digits = DIGITS.charAt(remainder) + digits;
    whole = (whole - remainder) / radix;
  } while (whole >= 1);
  var out = (negative ? "-" : "") + digits;
  if (part > 0) {
    out += ".";
    var count = 1;
    do {
      part *= radix;
      var d = Math.floor(part);
      out += DIGITS.charAt(d);
      part -= d;
      count++;
    } while (part > 0 && count < 1100);
  }
  return out;
}

function numberToString(radix) {
  var x = numberValue(this);
  if (radix !== undefined) {
    var r = toInteger(radix);
    if (r !== 10) {
      if (r < 2 || r > 36) throw new RangeError("radix argument must be in [2, 36]");
      return radixString(x, r);
    }
  }
  return V.numberToString.call(x);
}

function zeros(count) {
  for (var out = ""; out.length < count; ) out += "0";
  return out;
}

// Java's "%.{digits}e": the shortest decimal digits of the number, rounded half up.
function javaExponential(x, digits) {
  if (x === 0) return (1 / x < 0 ? "-" : "") + "0" + (digits ? "." + zeros(digits) : "") + "e+00";
  var shortest = V.numberToExponential.call(Math.abs(x)), e = shortest.indexOf("e");
  var mantissa = shortest.slice(0, e).replace(".", ""), exponent = Number(shortest.slice(e + 1));
  var want = digits + 1;
  if (mantissa.length > want) {
    var kept = mantissa.slice(0, want).split("").map(Number);
    if (mantissa.charCodeAt(want) >= 53) {
      for (var i = kept.length - 1; i >= 0; i--) {
        if (kept[i] < 9) { kept[i]++; break; }
        kept[i] = 0;
        if (i === 0) { kept.unshift(1); kept.pop(); exponent++; }
      }
    }
    mantissa = kept.join("");
  }
  while (mantissa.length < want) mantissa += "0";
  var abs = Math.abs(exponent);
  return (x < 0 ? "-" : "") + mantissa.charAt(0) + (digits ? "." + mantissa.slice(1) : "") + "e" +
    (exponent < 0 ? "-" : "+") + (abs < 10 ? "0" : "") + abs;
}

function fixExponent(text, trimZeros) {
  var index = text.indexOf("e");
  if (index < 1) return text;
  var padding = text.charAt(index + 2) === "0" ? 3 : 2, end = index;
  if (trimZeros) {
    var c = text.charAt(end - 1);
    while (end > 1 && (c === "0" || c === ".")) c = text.charAt(--end - 1);
  }
  if (end < index || padding === 3) return text.slice(0, end) + text.slice(index, index + 2) + text.slice(index + padding);
  return text;
}

function toExponential(fractionDigits) {
  var x = numberValue(this), trim = fractionDigits === undefined, f = trim ? 16 : toInteger(fractionDigits);
  if (x !== x) return "NaN";
  if (!isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (!trim && (f < 0 || f > 20)) throw new RangeError("fractionDigits argument to toExponential must be in [0, 20]");
  return fixExponent(javaExponential(x, f), trim);
}

function toFixed(fractionDigits) {
  var f = toInteger(fractionDigits), x = numberValue(this);
  if (f < 0 || f > 20) throw new RangeError("fractionDigits argument to toFixed must be in [0, 20]");
  if (x !== x) return "NaN";
  if (Math.abs(x) >= 1e21) return V.numberToString.call(x);
  return V.numberToFixed.call(x, f);
}

function toPrecision(precision) {
  var x = numberValue(this);
  if (precision === undefined) return V.numberToString.call(x);
  var p = toInteger(precision);
  if (x !== x) return "NaN";
  if (!isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (p < 1 || p > 21) throw new RangeError("precision argument toPrecision() must be in [1, 21]");
  if (x === 0 && p <= 1) return "0";
  return V.numberToPrecision.call(x, p);
}

function toLocaleString() {
  return V.numberToString.call(numberValue(this));
}

// -- JSON -------------------------------------------------------------------------------------------
// Nashorn writes a lone surrogate as it is; V8 escapes it (\udXXX).
function stringify(value, replacer, space) {
  var text = V.JSONstringify(value, replacer, space);
  if (typeof text !== "string" || text.indexOf("\\ud") < 0) return text;
  return V.stringReplace(text, /(\\*)\\u(d[89a-f][0-9a-f]{2})/g, function (match, slashes, hex) {
    return slashes.length % 2 === 0 ? slashes + V.fromCharCode(parseInt(hex, 16)) : match;
  });
}

// JSON.parse: V8's result, or Nashorn's message for where and why the text is not JSON.
function parseJson(text, reviver) {
  var source = String(text);
  try {
    return V.JSONparse(source, reviver);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    throw new SyntaxError("Invalid JSON: " + jsonProblem(source));
  }
}

function jsonError(source, pos, message) {
  var start = pos, end = pos;
  for (var i = pos - 1; i > 0; i--) {
    var c = source.charAt(i);
    if (c === "\n" || c === "\r") { start = i + 1; break; }
    if (i === 1) start = 0;
  }
  if (pos <= 1) start = 0;
  for (end = pos; end < source.length && source.charAt(end) !== "\n" && source.charAt(end) !== "\r"; end++);
  var line = 1;
  for (var j = 0; j < pos; j++) if (source.charAt(j) === "\n") line++;
  var column = pos - start, text = source.slice(start, end), caret = "";
  for (var k = 0; k < column; k++) caret += k < text.length && text.charAt(k) === "\t" ? "\t" : " ";
  return { message: "<json>:" + line + ":" + column + " " + message + "\n" + text + "\n" + caret + "^" };
}

// Where Nashorn's JSON parser stops on `source` (which V8 refused too), and what it says.
function jsonProblem(source) {
  var pos = 0, n = source.length;
  function Stop(at, message) { this.at = at; this.message = message; }
  function expected(at, what, found) { return new Stop(at, "Expected " + what + " but found " + found); }
  function shown(at) { return at >= n ? "eof" : source.charAt(at); }
  function space() { while (pos < n && " \t\r\n".indexOf(source.charAt(pos)) >= 0) pos++; }
  function digit(at) { var c = source.charAt(at); return at < n && c >= "0" && c <= "9"; }
  function digits() { while (digit(pos)) pos++; }
  function number() {
    var start = pos;
    if (source.charAt(pos) === "-") pos++;
    if (!digit(pos)) throw new Stop(start, "Invalid JSON number format");
    if (source.charAt(pos++) !== "0") digits();
    if (source.charAt(pos) === "." && pos < n) {
      pos++;
      if (!digit(pos++)) throw new Stop(pos - 1, "Invalid JSON number format");
      digits();
    }
    var c = source.charAt(pos);
    if (pos < n && (c === "e" || c === "E")) {
      pos++;
      c = source.charAt(pos);
      if (pos < n && (c === "-" || c === "+")) pos++;
      if (!digit(pos++)) throw new Stop(pos - 1, "Invalid JSON number format");
      digits();
    }
  }
  function string() {
    pos++;
    while (pos < n) {
      var c = source.charCodeAt(pos++);
      if (c <= 0x1f) throw new Stop(pos, "Invalid JSON: String contains control character");
      if (c === 92) {
        var e = source.charAt(pos++);
        if (e === "u") {
          for (var k = 0; k < 4; k++) {
            if (!/[0-9A-Fa-f]/.test(source.charAt(pos++))) throw new Stop(pos - 1, "Invalid hex digit");
          }
        } else if (e === "" || "\"\\/bfnrt".indexOf(e) < 0) {
          throw new Stop(pos - 1, "Invalid escape character");
        }
      } else if (c === 34) {
        return;
      }
    }
    throw new Stop(pos, "Missing close quote");
  }
  function keyword(word) {
    if (source.slice(pos, pos + word.length) !== word) throw expected(pos, "json literal", "ident");
    pos += word.length;
  }
  function list(close, item) {
    var state = 0;  // 0: empty, 1: after an element, 2: after a comma
    pos++;
    while (pos < n) {
      space();
      var c = source.charAt(pos);
      if (c === ",") {
        if (state !== 1) throw new Stop(pos, "Trailing comma is not allowed in JSON");
        state = 2;
        pos++;
      } else if (c === close) {
        if (state === 2) throw new Stop(pos, "Trailing comma is not allowed in JSON");
        pos++;
        return;
      } else {
        item(state);
        state = 1;
      }
    }
    throw expected(pos, ", or " + close, "eof");
  }
  function member(state) {
    if (source.charAt(pos) !== '"' || pos >= n) throw expected(pos, ", or }", shown(pos));
    if (state === 1) throw expected(pos - 1, ", or }", shown(pos));
    string();
    space();
    var at = pos++;
    if (source.charAt(at) !== ":" || at >= n) throw expected(pos - 1, ":", shown(at));
    literal();
  }
  function element(state) {
    if (state === 1) throw expected(pos, ", or ]", shown(pos));
    literal();
  }
  function literal() {
    space();
    if (pos >= n) throw expected(pos, "json literal", "eof");
    var c = source.charAt(pos);
    if (c === "{") list("}", member);
    else if (c === "[") list("]", element);
    else if (c === '"') string();
    else if (c === "f") keyword("false");
    else if (c === "t") keyword("true");
    else if (c === "n") keyword("null");
    else if ((c >= "0" && c <= "9") || c === "-") number();
    else if (c === ".") throw new Stop(pos, "Invalid JSON number format");
    else throw expected(pos, "json literal", c);
  }
  try {
    literal();
    space();
    if (pos < n) throw expected(pos, "eof", shown(pos));
    return "<json>:1:0 JSON text accepted by Nashorn but not by V8";
  } catch (stop) {
    if (!(stop instanceof Stop)) throw stop;
    return jsonError(source, stop.at, stop.message).message;
  }
}

// -- Number: ES5 reads no "0b"/"0o" strings, and has none of ES2015's statics ---------------------
function nashornNumber(value) {
  if (typeof value === "string") {
    var n = +value;
    return n === n && /^[\s\uFEFF\xA0]*0[bBoO]/.test(value) ? NaN : n;
  }
  return +value;
}

function NashornNumber(value) {
  var n = arguments.length ? nashornNumber(value) : 0;
  return new.target ? V.construct(V.Number, [n], V.Number) : n;
}
NashornNumber.prototype = V.Number.prototype;
["MAX_VALUE", "MIN_VALUE", "NaN", "NEGATIVE_INFINITY", "POSITIVE_INFINITY"].forEach(function (name) {
  defineProperty(NashornNumber, name, { value: V.Number[name] });
});

// Math.round as Nashorn computes it: floor(x + 0.5) with x's sign (0.49999999999999994 rounds to 1).
function round(value) {
  var d = nashornNumber(value);
  if (!(Math.abs(d) < 4503599627370496)) return d;
  var r = Math.floor(d + 0.5);
  return d < 0 || (d === 0 && 1 / d < 0) ? -Math.abs(r) : Math.abs(r);
}

// Math.atan2 as Java's fdlibm computes it: for |y/x| over 2^60 with x < 0 it reaches pi/2 by way
// of pi - (pi/2 - pi_lo/2), one unit in the last place from V8's pi/2.
var PI = 3.141592653589793, PI_O_2 = 1.5707963267948966, PI_LO = 1.2246467991473532e-16;  // fdlibm's pi, pi/2, pi_lo
var bits = new DataView(new ArrayBuffer(8));

function exponent(d) {
  bits.setFloat64(0, d);
  return (bits.getUint32(0) >>> 20) & 0x7ff;
}

function atan2(yValue, xValue) {
  var y = nashornNumber(yValue), x = nashornNumber(xValue);
  if (x < 0 && isFinite(x) && isFinite(y) && y !== 0 && exponent(y) - exponent(x) > 60) {
    var z = PI_O_2 + 0.5 * PI_LO;
    return y > 0 ? PI - (z - PI_LO) : z - PI_LO - PI;
  }
  return V.atan2(y, x);
}

function installNumbers() {
  replace(Math, "round", round);
  replace(Math, "atan2", atan2);
  replace(g, "Number", NashornNumber);
  replace(Number.prototype, "constructor", NashornNumber);
  replace(g, "isNaN", function isNaN(value) { var n = nashornNumber(value); return n !== n; });
  replace(g, "isFinite", function isFinite(value) { var n = nashornNumber(value); return n === n && n !== Infinity && n !== -Infinity; });
  replace(Number.prototype, "toString", numberToString);
  replace(Number.prototype, "toLocaleString", toLocaleString);
  replace(Number.prototype, "toExponential", toExponential);
  replace(Number.prototype, "toFixed", toFixed);
  replace(Number.prototype, "toPrecision", toPrecision);
  replace(JSON, "stringify", stringify);
  replace(JSON, "parse", parseJson);
}
