// The local engine's world, part 2: dates as Nashorn reads and prints them. Nashorn formats
// dates itself (Java's US English names and its short time-zone names: "GMT+0000 (UTC)"), and
// parses strings with its own rules: ISO 8601 with at most three fraction digits (".12" is 12 ms),
// else a lenient "legacy" reading of numbers, month names, am/pm and zone names.

var DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
var dateProto = V.Date.prototype;
var getTime = Function.prototype.call.bind(dateProto.getTime);

function pad(n, width) {  // Java's zeroPad: zeros while n is below each power of ten (so "000-1")
  var out = "";
  for (var l = 1, d = 10; l < width; l++, d *= 10) if (n < d) out += "0";
  return out + n;
}

function valid(date) {
  if (V.toStr(date) !== "[object Date]") throw new TypeError(String(date) + " is not a Date");
  var t = getTime(date);
  return t === t;
}

// The zone's short name as Java prints it for en-US ("UTC", "CET", "PST"...).
function zoneName(date) {
  var offset = -date.getTimezoneOffset();
  var zone = new V.Intl.DateTimeFormat("en-US").resolvedOptions().timeZone;
  if (zone === "UTC" || zone === "Etc/UTC" || zone === "Etc/Universal" || zone === "Universal") return "UTC";
  if (zone === "GMT" || zone === "Etc/GMT" || zone === "Etc/Greenwich") return "GMT";
  var parts = new V.Intl.DateTimeFormat("en-US", { timeZoneName: "short" }).formatToParts(date);
  for (var i = 0; i < parts.length; i++) if (parts[i].type === "timeZoneName") return parts[i].value;
  return "GMT" + (offset < 0 ? "-" : "+") + pad(Math.abs(offset), 4);
}

function datePart(d) {
  return DAYS[d.getDay()] + " " + MONTHS[d.getMonth()] + " " + pad(d.getDate(), 2) + " " + pad(d.getFullYear(), 4);
}

function clock(d) {
  return pad(d.getHours(), 2) + ":" + pad(d.getMinutes(), 2) + ":" + pad(d.getSeconds(), 2);
}

function timePart(d) {
  var offset = -d.getTimezoneOffset();
  var hhmm = ((offset / 60) | 0) * 100 + (offset % 60);
  return clock(d) + " GMT" + (hhmm < 0 ? "-" : "+") + pad(Math.abs(hhmm), 4) + " (" + zoneName(d) + ")";
}

function utcPart(d) {
  return DAYS[d.getUTCDay()] + ", " + pad(d.getUTCDate(), 2) + " " + MONTHS[d.getUTCMonth()] + " " +
    pad(d.getUTCFullYear(), 4) + " " + pad(d.getUTCHours(), 2) + ":" + pad(d.getUTCMinutes(), 2) + ":" +
    pad(d.getUTCSeconds(), 2) + " GMT";
}

function isoString(d) {
  return pad(d.getUTCFullYear(), 4) + "-" + pad(d.getUTCMonth() + 1, 2) + "-" + pad(d.getUTCDate(), 2) + "T" +
    pad(d.getUTCHours(), 2) + ":" + pad(d.getUTCMinutes(), 2) + ":" + pad(d.getUTCSeconds(), 2) + "." +
    pad(d.getUTCMilliseconds(), 3) + "Z";
}

function formatter(format, invalid) {
  return function () {
    if (!valid(this)) {
      if (invalid) throw new RangeError("Invalid Date");
      return "Invalid Date";
    }
    return format(this);
  };
}

var DATE_FORMATS = {
  toString: formatter(function (d) { return datePart(d) + " " + timePart(d); }),
  toLocaleString: formatter(function (d) { return datePart(d) + " " + timePart(d); }),
  toDateString: formatter(datePart),
  toTimeString: formatter(timePart),
  toLocaleDateString: formatter(function (d) {
    return pad(d.getFullYear(), 4) + "-" + pad(d.getMonth() + 1, 2) + "-" + pad(d.getDate(), 2);
  }),
  toLocaleTimeString: formatter(clock),
  toUTCString: formatter(utcPart, true),
  toGMTString: formatter(utcPart, true),
  toISOString: formatter(isoString, true),
};

// -- Nashorn's date parser ------------------------------------------------------------------------
var YEAR = 0, MONTH = 1, DAY = 2, HOUR = 3, MINUTE = 4, SECOND = 5, MS = 6, ZONE = 7;
var NAMES = {};
[["monday", "day", 0], ["tuesday", "day", 0], ["wednesday", "day", 0], ["thursday", "day", 0],
  ["friday", "day", 0], ["saturday", "day", 0], ["sunday", "day", 0], ["january", "month", 1],
  ["february", "month", 2], ["march", "month", 3], ["april", "month", 4], ["may", "month", 5], ["june", "month", 6],
  ["july", "month", 7], ["august", "month", 8], ["september", "month", 9], ["october", "month", 10],
  ["november", "month", 11], ["december", "month", 12], ["am", "ampm", 0], ["pm", "ampm", 12], ["z", "zone", 0],
  ["gmt", "zone", 0], ["ut", "zone", 0], ["utc", "zone", 0], ["est", "zone", -300], ["edt", "zone", -240],
  ["cst", "zone", -360], ["cdt", "zone", -300], ["mst", "zone", -420], ["mdt", "zone", -360], ["pst", "zone", -480],
  ["pdt", "zone", -420], ["t", "tsep", 0]].forEach(function (n) {
  NAMES[n[0].slice(0, 3)] = { name: n[0], key: n[0].slice(0, 3), type: n[1], value: n[2] };
});

function isAsciiDigit(c) { return c >= "0" && c <= "9"; }
function isAsciiLetter(c) { return (c >= "A" && c <= "Z") || (c >= "a" && c <= "z"); }
var PUNCTUATION = "!\"#%&'*,./:;?@\\ ";  // ASCII space and "other punctuation": separators

// One reading of a date string; the ISO pass and then the lenient pass share its state, as
// Nashorn's do (the lenient pass picks up where the ISO pass stopped).
function DateReader(text) {
  this.s = text; this.pos = 0; this.fields = [null, null, null, null, null, null, null, null];
  this.token = null; this.length = 0; this.num = 0; this.name = null;
  this.field = YEAR; this.yearSign = 0; this.namedMonth = false;
}

DateReader.prototype.peek = function () { return this.pos < this.s.length ? this.s.charAt(this.pos) : null; };

DateReader.prototype.readNumber = function (max) {
  var start = this.pos, n = 0, end = Math.min(this.s.length, this.pos + max);
  while (this.pos < end && isAsciiDigit(this.s.charAt(this.pos))) n = n * 10 + (this.s.charCodeAt(this.pos++) - 48);
  this.length = this.pos - start;
  return n;
};

DateReader.prototype.next = function () {
  if (this.pos >= this.s.length) { this.length = 0; return "end"; }
  var c = this.s.charAt(this.pos);
  if (c.charCodeAt(0) >= 0x80) { this.length = 1; this.pos++; return "unknown"; }
  if (isAsciiDigit(c)) { this.num = this.readNumber(6); return "number"; }
  if (PUNCTUATION.indexOf(c) >= 0) { this.length = 1; this.pos++; return "separator"; }
  if (isAsciiLetter(c)) { this.name = this.readName(); return "name"; }
  this.length = 1; this.pos++;
  if (c === "(") return "paren";
  if (c === "-" || c === "+") { this.num = c === "-" ? -1 : 1; return "sign"; }
  return "unknown";
};

DateReader.prototype.readName = function () {
  var start = this.pos, limit = Math.min(this.pos + 3, this.s.length);
  while (this.pos < limit && isAsciiLetter(this.s.charAt(this.pos))) this.pos++;
  var entry = NAMES[this.s.slice(start, this.pos).toLowerCase()];
  while (this.pos < this.s.length && isAsciiLetter(this.s.charAt(this.pos))) this.pos++;
  this.length = this.pos - start;
  var word = this.s.slice(start, this.pos).toLowerCase();
  return entry && word.length <= entry.name.length && entry.name.slice(0, word.length) === word ? entry : null;
};

DateReader.prototype.skip = function (c) {
  if (this.peek() === c) { this.token = null; this.pos++; return true; }
  return false;
};

DateReader.prototype.skipBeforeDigit = function (c) {
  if (this.pos < this.s.length - 1 && this.s.charAt(this.pos) === c && /\d/.test(this.s.charAt(this.pos + 1))) {
    this.token = null; this.pos++;
    return true;
  }
  return false;
};

DateReader.prototype.endOfTime = function () {
  var c = this.peek();
  return c === null || c === "Z" || c === "-" || c === "+" || c === " ";
};

DateReader.prototype.isoFieldOk = function () {
  var n = this.num, len = this.length;
  switch (this.field) {
    case YEAR: return len === 4;
    case MONTH: return len === 2 && n >= 1 && n <= 12;
    case DAY: return len === 2 && n >= 1 && n <= 31;
    case HOUR: return len === 2 && n <= 24;
    case MINUTE: case SECOND: return len === 2 && n < 60;
    case MS: return len < 4;
    default: return true;
  }
};

DateReader.prototype.isoDelimiter = function () {
  switch (this.field) {
    case YEAR: case MONTH: return this.skipBeforeDigit("-") || this.peek() === "T" || this.peek() === null;
    case DAY: return this.peek() === "T" || this.peek() === null;
    case HOUR: case MINUTE: return this.skipBeforeDigit(":") || this.endOfTime();
    case SECOND: return this.skipBeforeDigit(".") || this.endOfTime();
    default: return true;
  }
};

DateReader.prototype.zone = function (offset, numeric) {
  if (this.fields[ZONE] === null || (numeric && this.fields[ZONE] === 0)) { this.fields[ZONE] = offset; return true; }
  return false;
};

DateReader.prototype.offset = function () {
  var sign = this.s.charAt(this.pos - 1) === "+" ? 1 : -1, hours = this.readNumber(2);
  this.skip(":");
  return sign * (hours * 60 + this.readNumber(2));
};

DateReader.prototype.iso = function () {
  if (this.token === null) this.token = this.next();
  while (this.token !== "end") {
    if (this.token === "number") {
      if (this.field === YEAR && this.yearSign !== 0) {
        if (this.length !== 6) return false;
        this.num *= this.yearSign;
      } else if (!this.isoFieldOk()) {
        return false;
      }
      if (!this.isoDelimiter()) return false;
      if (this.field < ZONE) this.fields[this.field++] = this.num;
    } else if (this.token === "name") {
      if (this.name === null) return false;
      if (this.name.type === "tsep") {
        if (this.field === YEAR || this.field > HOUR) return false;
        this.field = HOUR;
      } else if (this.name.type !== "zone" || this.name.key !== "z" || !this.zone(this.name.value, false)) {
        return false;
      }
    } else if (this.token === "sign") {
      if (this.peek() === null) return false;
      if (this.field === YEAR) this.yearSign = this.num;
      else if (this.field < SECOND || !this.zone(this.offset(), true)) return false;
    } else {
      return false;
    }
    this.token = this.next();
  }
  return this.finish(true);
};

DateReader.prototype.setDate = function (n) {
  for (var f = YEAR; f !== HOUR; f++) if (this.fields[f] === null) { this.fields[f] = n; return true; }
  return false;
};

DateReader.prototype.setTime = function (n) {
  for (var f = HOUR; f !== ZONE; f++) {
    if (this.fields[f] === null) {
      var ok = f === HOUR ? n <= 24 : f === MS ? n < 1000 : n < 60;
      if (ok) this.fields[f] = n;
      return ok;
    }
  }
  return false;
};

DateReader.prototype.lenientName = function () {
  var name = this.name;
  if (name === null) return false;
  if (name.type === "ampm") {
    if (this.fields[HOUR] === null) return false;
    if (this.fields[HOUR] <= 12) this.fields[HOUR] += name.value;
  } else if (name.type === "month") {
    if (this.fields[MONTH] !== null) return false;
    this.namedMonth = true;
    this.fields[MONTH] = name.value;
  } else if (name.type === "zone") {
    if (!this.zone(name.value, false)) return false;
  } else if (name.type === "tsep") {
    return false;
  }
  if (name.type !== "zone") this.skip("-");
  return true;
};

DateReader.prototype.lenient = function () {
  if (this.yearSign !== 0 || this.field > DAY) return false;
  if (this.token === null) this.token = this.next();
  while (this.token !== "end") {
    if (this.token === "number") {
      if (this.skip(":")) {
        if (!this.setTime(this.num)) return false;
        do {
          this.token = this.next();
          if (this.token !== "number" || !this.setTime(this.num)) return false;
        } while (this.skip(this.fields[SECOND] !== null ? "." : ":"));
      } else {
        if (!this.setDate(this.num)) return false;
        this.skip("-");
      }
    } else if (this.token === "name") {
      if (!this.lenientName()) return false;
    } else if (this.token === "sign") {
      if (this.peek() === null || !this.zone(this.offset(), true)) return false;
    } else if (this.token === "paren") {
      for (var depth = 1; this.pos < this.s.length && depth !== 0; ) {
        var c = this.s.charAt(this.pos++);
        depth += c === "(" ? 1 : c === ")" ? -1 : 0;
      }
    } else if (this.token !== "separator") {
      return false;
    }
    this.token = this.next();
  }
  return this.finish(false);
};

DateReader.prototype.finish = function (strict) {
  var f = this.fields;
  if (f[YEAR] === null && f[HOUR] === null) return false;
  if (f[HOUR] !== null && f[MINUTE] === null) return false;
  for (var i = YEAR; i <= ZONE; i++) {
    if (f[i] === null && !(i === ZONE && !strict)) f[i] = i === MONTH || i === DAY ? 1 : 0;
  }
  if (!strict) {
    if (f[YEAR] >= 1 && f[YEAR] <= 31) {  // it looks like a day: d-m-y with a named month, else m-d-y
      var d = f[YEAR];
      f[YEAR] = f[DAY];
      if (this.namedMonth) f[DAY] = d;
      else { f[DAY] = f[MONTH]; f[MONTH] = d; }
    }
    if (!(f[MONTH] >= 1 && f[MONTH] <= 12) || !(f[DAY] >= 1 && f[DAY] <= 31)) return false;
    if (f[YEAR] >= 0 && f[YEAR] < 100) f[YEAR] += f[YEAR] >= 50 ? 1900 : 2000;
  } else if (f[HOUR] === 24 && (f[MINUTE] !== 0 || f[SECOND] !== 0 || f[MS] !== 0)) {
    return false;
  }
  f[MONTH] -= 1;
  return true;
};

// Date.parse as Nashorn does it: the time value, or NaN.
function parseDate(text) {
  var reader = new DateReader(String(text));
  if (!(reader.iso() || reader.lenient())) return NaN;
  var f = reader.fields, d;
  if (f[ZONE] !== null) {
    d = new V.Date(0);
    d.setUTCFullYear(f[YEAR], f[MONTH], f[DAY]);
    d.setUTCHours(f[HOUR], f[MINUTE], f[SECOND], f[MS]);
    d = getTime(d) - f[ZONE] * 60000;
  } else {
    d = new V.Date(2000, 0, 1);
    d.setFullYear(f[YEAR], f[MONTH], f[DAY]);
    d.setHours(f[HOUR], f[MINUTE], f[SECOND], f[MS]);
    d = getTime(d);
  }
  return Math.abs(d) <= 8.64e15 ? d : NaN;
}

// ES5's ToPrimitive without a hint: a Date tries toString first, other objects valueOf first.
function primitive(value) {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return value;
  var order = V.toStr(value) === "[object Date]" ? ["toString", "valueOf"] : ["valueOf", "toString"];
  for (var i = 0; i < 2; i++) {
    var method = value[order[i]];
    if (typeof method === "function") {
      var out = method.call(value);
      if (out === null || (typeof out !== "object" && typeof out !== "function")) return out;
    }
  }
  throw new TypeError("Cannot get default value of object");
}

function NashornDate(year, month) {
  if (!new.target) return DATE_FORMATS.toString.call(new V.Date());
  if (arguments.length === 1) {
    var value = primitive(year);
    return new V.Date(typeof value === "string" ? parseDate(value) : value);
  }
  return V.construct(V.Date, arguments, V.Date);
}
NashornDate.prototype = dateProto;
NashornDate.UTC = V.Date.UTC;
NashornDate.now = V.Date.now;
NashornDate.parse = function parse(text) { return parseDate(String(text)); };

function installDates() {
  Object.keys(DATE_FORMATS).forEach(function (name) { replace(dateProto, name, DATE_FORMATS[name]); });
  replace(dateProto, "constructor", NashornDate);
  replace(g, "Date", NashornDate);
}
