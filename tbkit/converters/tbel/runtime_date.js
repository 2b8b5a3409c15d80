// tbkit TBEL runtime, part 5: TbDate (ThingsBoard's `Date` in TBEL), zones and Java-style parsing.
//
// A TDate is an instant: epoch milliseconds `ms` plus `ns`, the nanoseconds below the millisecond
// (Java's Instant keeps nanos; addNanos and ISO strings with 6 or 9 fraction digits need them).
// "Local" means the default zone, T.zone (ThingsBoard: the JVM default zone; tbkit: 'UTC', the zone
// of ThingsBoard's Docker images, unless changed with T.setDefaultZone). Month numbers are 1..12 and
// days of the week 1 (Monday) .. 7, as in java.time. Locale-dependent text comes from V8's Intl
// (ICU), adjusted where Java's CLDR output differs (see runtime_datefmt.js).

T.zone = 'UTC';
T.locale = 'en';
var MS_DAY = 86400000;

function dateErr(msg) { return JErr('java.time.DateTimeException: ' + msg); }
function parseErr(s) { return JErr('org.mvel2.ConversionException: Cannot parse value [' + s + '] as instant'); }

// ---- zones: {id, fixed: offset seconds | undefined, iana: name | undefined} ----
var OFFSET_RE = /^([+-])(\d{1,2})(?::?(\d{2})(?::?(\d{2}))?)?$/;
function offsetSeconds(text) {
  var m = OFFSET_RE.exec(text);
  if (!m || (m[2].length === 1 && m[3] !== undefined)) return null;
  var h = +m[2], mi = m[3] === undefined ? 0 : +m[3], s = m[4] === undefined ? 0 : +m[4];
  if (h > 18 || mi > 59 || s > 59) return null;
  var tot = h * 3600 + mi * 60 + s;
  if (tot > 18 * 3600) return null;
  return (m[1] === '-' ? -1 : 1) * tot;
}
var ianaOk = {};
function ianaValid(name) {
  if (!(name in ianaOk)) {
    try { new Intl.DateTimeFormat('en', { timeZone: name }); ianaOk[name] = /^[A-Za-z]/.test(name); } catch (e) { ianaOk[name] = false; }
  }
  return ianaOk[name];
}
// java.time.ZoneId.of
function zoneOf(id) {
  id = str(id);
  if (id === 'Z') return { id: 'Z', fixed: 0 };
  var off = offsetSeconds(id);
  if (off !== null) return { id: id, fixed: off };
  var pm = /^(UTC|GMT|UT)([+-].*)?$/.exec(id);
  if (pm) {
    if (!pm[2]) return { id: id, fixed: 0, iana: 'UTC' };
    var o2 = offsetSeconds(pm[2]);
    if (o2 !== null) return { id: id, fixed: o2 };
  }
  if (/^[A-Za-z][A-Za-z0-9~\/._+-]+$/.test(id) && ianaValid(id)) return { id: id, iana: id };
  if (/^[A-Za-z][A-Za-z0-9~\/._+-]+$/.test(id)) throw JErr('java.time.zone.ZoneRulesException: Unknown time-zone ID: ' + id);
  throw dateErr('Invalid ID for region-based ZoneId, invalid format: ' + id);
}
T.zoneOf = zoneOf;
// java.util.TimeZone.getTimeZone: unknown ids silently become GMT
function tzOf(id) {
  if (id === null || id === undefined || str(id) === '') return zoneOf(T.zone);
  id = str(id);
  var g = /^GMT([+-]\d{1,2}(:?\d{2})?)$/.exec(id);
  if (g) return { id: id, fixed: offsetSeconds(g[1]) };
  if (id !== 'Z' && offsetSeconds(id) === null && /^[A-Za-z]/.test(id) && ianaValid(id)) return { id: id, iana: id };
  return { id: 'GMT', fixed: 0, iana: 'GMT' };
}
T.setDefaultZone = function (id) { zoneOf(id); T.zone = str(id); ianaOk = {}; };

var partsFmt = {};
function offsetAt(zone, ms) {
  if (zone.fixed !== undefined) return zone.fixed * 1000;
  var f = partsFmt[zone.iana];
  if (!f) {
    f = partsFmt[zone.iana] = new Intl.DateTimeFormat('en-US', { timeZone: zone.iana, hourCycle: 'h23', era: 'short',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  }
  var p = {}, whole = Math.floor(ms / 1000) * 1000;
  f.formatToParts(new Date(whole)).forEach(function (x) { p[x.type] = x.value; });
  var y = +p.year; if (p.era === 'B' || p.era === 'BC') y = 1 - y;
  var d = new Date(Date.UTC(2000, 0, 1, +p.hour % 24, +p.minute, +p.second));
  d.setUTCFullYear(y, +p.month - 1, +p.day);
  return d.getTime() - whole;
}
T.offsetAt = offsetAt;

// local fields of an instant in a zone
function fieldsAt(t, zone) {
  var d = new Date(t.ms + offsetAt(zone, t.ms));
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(), ms: d.getUTCMilliseconds(), ns: t.ns, dow: d.getUTCDay() || 7 };
}
function utcMs(f) {
  var d = new Date(Date.UTC(2000, f.mo - 1, f.d, f.h, f.mi, f.s, f.ms));
  d.setUTCFullYear(f.y, f.mo - 1, f.d);
  return d.getTime();
}
// ZonedDateTime.of(local, zone).toInstant(): gaps move forward, overlaps take the earlier offset
function localToMs(local, zone) {
  if (zone.fixed !== undefined) return local - zone.fixed * 1000;
  var before = offsetAt(zone, local - MS_DAY), after = offsetAt(zone, local + MS_DAY);
  var best = null;
  [before, after].forEach(function (o) { if (offsetAt(zone, local - o) === o && (best === null || local - o < best)) best = local - o; });
  return best === null ? local - before : best;
}

var MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'];
function leap(y) { return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0; }
function monthLen(y, m) { return m === 2 ? (leap(y) ? 29 : 28) : [4, 6, 9, 11].indexOf(m) >= 0 ? 30 : 31; }
function range(name, v, lo, hi, text) {
  if (v < lo || v > hi) throw dateErr('Invalid value for ' + name + ' (valid values ' + (text || lo + ' - ' + hi) + '): ' + v);
}
// LocalDateTime.of validation, with java.time's messages
function checkFields(f) {
  range('Year', f.y, -999999999, 999999999);
  range('MonthOfYear', f.mo, 1, 12);
  range('DayOfMonth', f.d, 1, 31, '1 - 28/31');
  if (f.d > monthLen(f.y, f.mo)) {
    if (f.d === 29) throw dateErr("Invalid date 'February 29' as '" + f.y + "' is not a leap year");
    throw dateErr("Invalid date '" + MONTHS[f.mo - 1] + ' ' + f.d + "'");
  }
  range('HourOfDay', f.h, 0, 23);
  range('MinuteOfHour', f.mi, 0, 59);
  range('SecondOfMinute', f.s, 0, 59);
  range('NanoOfSecond', f.ms * 1000000 + (f.ns || 0), 0, 999999999);
}
function fromFields(f, zone) {
  checkFields(f);
  return new TDate(localToMs(utcMs(f), zone), f.ns || 0);
}
function twoDigitYear(y) { return y < 70 ? 2000 + y : y <= 99 ? 1900 + y : y; }

// ---- the TDate value ----
function TDate(ms, ns) { this.ms = ms; this.ns = ns || 0; }
T.TDate = TDate;
function fraction(t) {
  var n = (((t.ms % 1000) + 1000) % 1000) * 1000000 + t.ns;
  if (n === 0) return '';
  var s = String(n).padStart(9, '0');
  return '.' + (n % 1000000 === 0 ? s.slice(0, 3) : n % 1000 === 0 ? s.slice(0, 6) : s);
}
// java.time.Instant.toString
TDate.prototype.iso = function () {
  var f = fieldsAt(this, { fixed: 0 }), y = f.y;
  var ys = y > 9999 ? '+' + y : y < 0 ? '-' + String(-y).padStart(4, '0') : String(y).padStart(4, '0');
  var p2 = function (v) { return String(v).padStart(2, '0'); };
  return ys + '-' + p2(f.mo) + '-' + p2(f.d) + 'T' + p2(f.h) + ':' + p2(f.mi) + ':' + p2(f.s) + fraction(this) + 'Z';
};
TDate.prototype.toJavaString = function () { return T.fmtDate(this, T.locale, null, 'FULL', 'FULL'); };
TDate.prototype.local = function () { return fieldsAt(this, zoneOf(T.zone)); };
TDate.prototype.utc = function () { return fieldsAt(this, { fixed: 0 }); };

// ---- parsing date strings ----
function offsetMs(sign, h, mi, s) { return (sign === '-' ? -1 : 1) * ((+h) * 3600 + (+(mi || 0)) * 60 + (+(s || 0))) * 1000; }
function fracNs(fr) { return fr ? +(fr + '000000000').slice(0, 9) : 0; }
function isoFields(m) {
  var ns = fracNs(m[7]);
  return { y: +m[1], mo: +m[2], d: +m[3], h: +m[4], mi: +m[5], s: m[6] === undefined ? 0 : +m[6], ms: Math.floor(ns / 1000000), ns: ns % 1000000 };
}
// DateTimeFormatter.ISO_OFFSET_DATE_TIME (offset colons required, seconds of the offset optional)
var ISO_OFFSET = /^([+-]?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{0,9}))?)?(?:(Z)|([+-])(\d{2})(?::(\d{2})(?::(\d{2}))?)?)$/;
function parseIsoOffset(s) {
  var m = ISO_OFFSET.exec(s);
  if (!m) return null;
  var f = isoFields(m);
  try { checkFields(f); } catch (e) { return null; }
  var off = m[8] ? 0 : offsetMs(m[9], m[10], m[11], m[12]);
  return new TDate(utcMs(f) - off, f.ns);
}
// TbDate.parse(String): "yyyy-MM-dd[[ ]['T']HH:mm[:ss[.SSS]][ ][XXX][Z][z][VV][O]]", zone = default; -1 if unparsable
var ISO_LOOSE = /^(\d{4})-(\d{2})-(\d{2})(?: ?T?(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{3}))?)? ?(Z|[+-]\d{2}:\d{2})?([+-]\d{4})?([A-Za-z][A-Za-z0-9_\/+-]*)?)?$/;
function parseLoose(s) {
  var m = ISO_LOOSE.exec(s);
  if (!m || m[4] === undefined) return null;
  var f = isoFields(m);
  try { checkFields(f); } catch (e) { return null; }
  var local = utcMs(f);
  if (m[8]) return new TDate(local - (m[8] === 'Z' ? 0 : offsetMs(m[8][0], m[8].slice(1, 3), m[8].slice(4, 6))), f.ns);
  if (m[9]) return new TDate(local - offsetMs(m[9][0], m[9].slice(1, 3), m[9].slice(3, 5)), f.ns);
  var zone = zoneOf(T.zone);
  if (m[10]) { try { zone = zoneOf(/^GMT[+-]/.test(m[10]) ? m[10].replace(/^GMT/, '') : m[10]); } catch (e) { return null; } }
  return new TDate(localToMs(local, zone), f.ns);
}
var MON3 = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
var DOW3 = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
// DateTimeFormatter.RFC_1123_DATE_TIME; no zone -> the default zone
var RFC = /^(?:([A-Z][a-z]{2}), )?(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))?(?: (?:(GMT)|([+-])(\d{2})(\d{2})?(\d{2})?))?$/;
function parseRfc(s) {
  var m = RFC.exec(s.trim()), mo = m ? MON3.indexOf(m[3]) + 1 : 0;
  if (!m || mo === 0 || (m[1] && DOW3.indexOf(m[1]) < 0)) return null;
  var f = { y: +m[4], mo: mo, d: +m[2], h: +m[5], mi: +m[6], s: m[7] === undefined ? 0 : +m[7], ms: 0, ns: 0 };
  try { checkFields(f); } catch (e) { return null; }
  var local = utcMs(f);
  if (m[1] && DOW3[(new Date(local).getUTCDay() + 6) % 7] !== m[1]) return null;
  if (m[8]) return new TDate(local);
  if (m[9]) return new TDate(local - offsetMs(m[9], m[10], m[11], m[12]));
  return new TDate(localToMs(local, zoneOf(T.zone)));
}
// new Date(String)
function parseDateString(s) {
  s = str(s);
  var t = /^\d/.test(s) ? (parseIsoOffset(s) || parseLoose(s)) : parseRfc(s);
  if (!t) throw parseErr(s);
  return t;
}
T.parseDateString = parseDateString;
function parseDate(s) { return parseDateString(s).ms; }
T.parseDate = parseDate;

// ---- formatting options: a JSON string {timeZone, dateStyle, timeStyle, pattern}, or a zone id ----
var OPTION_KEYS = ['timeZone', 'dateStyle', 'timeStyle', 'pattern'];
function fmtOptions(o) {
  var r = {};
  // a map reaches TbDate as its Java text ("{timeZone=UTC}"), which is read as a zone id
  if (o !== null && o !== undefined && str(o) !== '') {
    var parsed = null;
    try { parsed = JSON.parse(str(o)); } catch (e) { parsed = null; }
    // Jackson reads only these four fields; any other key (timeZoneName...) or a structured value fails, and
    // TbDate then takes the whole text as a zone id (an unknown one: GMT)
    var ok = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) &&
      Object.keys(parsed).every(function (k) {
        return OPTION_KEYS.indexOf(k) >= 0 && (parsed[k] === null || typeof parsed[k] !== 'object');
      });
    if (ok) {
      Object.keys(parsed).forEach(function (k) { r[k] = parsed[k] === null ? null : String(parsed[k]); });
    } else r.timeZone = str(o);
  }
  return r;
}
function styleOf(s, dflt) { var u = s ? String(s).toUpperCase() : ''; return STYLES[u] ? u : dflt; }
// TbDate.toLocaleString(locale, options, formatterBuilder)
function fmtWith(t, tag, opts, dateStyle, timeStyle) {
  var o = fmtOptions(opts), zone = tzOf(o.timeZone);
  var loc = tag === null || tag === undefined || str(tag) === '' ? 'en-US' : str(tag);
  if (o.pattern) return fmtPattern(t, o.pattern, loc, zone);
  var ds = typeof dateStyle === 'function' ? dateStyle(o) : dateStyle, ts = typeof timeStyle === 'function' ? timeStyle(o) : timeStyle;
  return fmtDate(t, loc, zone, ds, ts);
}
var ROOT_TAG = 'utc', DEFAULT_LANG = function () { return T.locale; };
function optDate(o) { return styleOf(o.dateStyle, 'SHORT'); }
function optTime(o) { return styleOf(o.timeStyle, 'MEDIUM'); }
// formatter(name, date style, time style, locale when called without arguments)
function textMethod(ds, ts, noArgLocale, oneArgOpts) {
  return function (tag, opts) {
    if (arguments.length === 0) tag = typeof noArgLocale === 'function' ? noArgLocale() : noArgLocale;
    if (arguments.length < 2) opts = oneArgOpts === undefined ? T.zone : oneArgOpts;
    return fmtWith(this, tag, opts, ds, ts);
  };
}
function num(x) { if (x === null || x === undefined) throw npe('argument'); return typeof x === 'string' ? javaParseInt(x, 10) : Math.trunc(Number(nv(x))); }

// LocalDateTime.withX semantics on fields: year/month clip the day, others validate
function withFields(f, year, month, day) {
  var g = Object.assign({}, f);
  if (year !== undefined) { range('Year', year, -999999999, 999999999); g.y = year; }
  if (month !== undefined) { range('MonthOfYear', month, 1, 12); g.mo = month; }
  if (day !== undefined) g.d = day; else g.d = Math.min(g.d, monthLen(g.y, g.mo));
  checkFields(g);
  return g;
}
var UTCZ = { id: 'UTC', fixed: 0 };
// TbDate's setters for year/month/day (the JS-like roll-over for days > 28 included)
function setYMD(t, zone, year, month, day) {
  var f = fieldsAt(t, zone), date = f.d;
  // TbDate converts the new local fields with the offset at the instant the same change gives in UTC
  var off = zone === UTCZ ? 0 : offsetAt(zone, utcMs(withFields(fieldsAt(t, UTCZ), year, month, day)));
  if (day === undefined && date > 28) return utcMs(withFields(f, year, month, 1)) - off + (date - 1) * MS_DAY;
  return utcMs(withFields(f, year, month, day)) - off;
}
function setTimeFields(t, zone, h, mi, s, ms) {
  var f = fieldsAt(t, zone), off = offsetAt(zone, t.ms);
  if (h !== undefined) f.h = h; if (mi !== undefined) f.mi = mi; if (s !== undefined) f.s = s;
  if (ms !== undefined) { range('NanoOfSecond', ms * 1000000, 0, 999999999); f.ms = ms; f.ns = 0; }
  checkFields(f);
  t.ms = utcMs(f) - off; t.ns = f.ns;
  return null;
}
function plus(t, unit, n) {
  if (unit === 'ns') { var tot = BigInt(t.ms) * 1000000n + BigInt(t.ns) + BigInt(n); var q = tot / 1000000n, r = tot % 1000000n; if (r < 0n) { r += 1000000n; q -= 1n; } t.ms = Number(q); t.ns = Number(r); return null; }
  if (unit === 'M' || unit === 'y') {
    var f = fieldsAt(t, UTCZ), months = f.y * 12 + (f.mo - 1) + (unit === 'y' ? n * 12 : n);
    f.y = Math.floor(months / 12); f.mo = months - f.y * 12 + 1; f.d = Math.min(f.d, monthLen(f.y, f.mo));
    t.ms = utcMs(f); return null;
  }
  t.ms += n * { w: 7 * MS_DAY, d: MS_DAY, h: 3600000, m: 60000, s: 1000 }[unit];
  return null;
}

var TDATE = {
  getTime: function () { return T.L(this.ms); }, valueOf: function () { return T.L(this.ms); },
  parseSecond: function () { return T.L(Math.floor(this.ms / 1000)); }, parseSecondMilli: function () { return T.L(this.ms); },
  setTime: function (v) { this.ms = num(v); this.ns = 0; return null; },
  toISOString: function () { return this.iso(); }, toJSON: function () { return this.iso(); },
  toString: textMethod('FULL', 'FULL', DEFAULT_LANG),
  toDateString: textMethod('FULL', null, ROOT_TAG),
  toTimeString: textMethod(null, 'FULL', DEFAULT_LANG),
  toUTCString: function (tag) { return fmtWith(this, arguments.length ? tag : ROOT_TAG, 'UTC', 'FULL', 'MEDIUM'); },
  toLocaleString: function (tag, opts) {
    if (arguments.length === 0) tag = ROOT_TAG;
    return fmtWith(this, tag, arguments.length < 2 ? T.zone : opts, optDate, optTime);
  },
  toLocaleDateString: function (tag, opts) {
    if (arguments.length === 2) return fmtWith(this, tag, opts, optDate, null);
    return fmtWith(this, arguments.length ? tag : ROOT_TAG, T.zone, 'FULL', null);
  },
  toLocaleTimeString: textMethod(null, optTime, DEFAULT_LANG),
  getLocaleZoneOffset: function () { var o = offsetAt(zoneOf(T.zone), this.ms) / 1000; return o === 0 ? 'Z' : offsetText(o, 'XXX'); },
  addYears: function (n) { return plus(this, 'y', num(n)); }, addMonths: function (n) { return plus(this, 'M', num(n)); },
  addWeeks: function (n) { return plus(this, 'w', num(n)); }, addDays: function (n) { return plus(this, 'd', num(n)); },
  addHours: function (n) { return plus(this, 'h', num(n)); }, addMinutes: function (n) { return plus(this, 'm', num(n)); },
  addSeconds: function (n) { return plus(this, 's', num(n)); },
  addNanos: function (n) { return plus(this, 'ns', kind(n) === 'L' ? lv(n) : num(n)); }
};
var GETTERS = { FullYear: 'y', Month: 'mo', Date: 'd', Day: 'dow', Hours: 'h', Minutes: 'mi', Seconds: 's', Milliseconds: 'ms' };
Object.keys(GETTERS).forEach(function (name) {
  TDATE['get' + name] = function () { return this.local()[GETTERS[name]]; };
  TDATE['getUTC' + name] = function () { return this.utc()[GETTERS[name]]; };
});
function setters(prefix, zoneFn) {
  TDATE['set' + prefix + 'FullYear'] = function (y, m, d) {
    this.ms = setYMD(this, zoneFn(), num(y), m === undefined ? undefined : num(m), d === undefined ? undefined : num(d)); return null;
  };
  TDATE['set' + prefix + 'Month'] = function (m, d) { this.ms = setYMD(this, zoneFn(), undefined, num(m), d === undefined ? undefined : num(d)); return null; };
  TDATE['set' + prefix + 'Date'] = function (d) { this.ms = setYMD(this, zoneFn(), undefined, undefined, num(d)); return null; };
  TDATE['set' + prefix + 'Hours'] = function (h, mi, s, ms) { return setTimeFields(this, zoneFn(), num(h), mi === undefined ? undefined : num(mi), s === undefined ? undefined : num(s), ms === undefined ? undefined : num(ms)); };
  TDATE['set' + prefix + 'Minutes'] = function (mi, s, ms) { return setTimeFields(this, zoneFn(), undefined, num(mi), s === undefined ? undefined : num(s), ms === undefined ? undefined : num(ms)); };
  TDATE['set' + prefix + 'Seconds'] = function (s, ms) { return setTimeFields(this, zoneFn(), undefined, undefined, num(s), ms === undefined ? undefined : num(ms)); };
  TDATE['set' + prefix + 'Milliseconds'] = function (ms) { return setTimeFields(this, zoneFn(), undefined, undefined, undefined, num(ms)); };
}
setters('', function () { return zoneOf(T.zone); });
setters('UTC', function () { return UTCZ; });
T.TDATE = TDATE;

function fieldsFromArgs(a) {
  return { y: twoDigitYear(a[0]), mo: a[1], d: a[2], h: a[3] || 0, mi: a[4] || 0, s: a[5] || 0, ms: a[6] || 0, ns: 0 };
}
var TDATE_STATIC = {
  now: function () { return T.L(Date.now()); },
  parse: function (s, format) {
    if (s === null || s === undefined) return T.L(-1);
    if (format !== undefined) {
      try { var p = parsePattern(str(s), str(format), T.locale); return T.L(p.off !== undefined ? p.local - p.off : localToMs(p.local, zoneOf(T.zone))); } catch (e) { return T.L(-1); }
    }
    var t = parseLoose(str(s));
    return T.L(t ? t.ms : -1);
  },
  UTC: function () {
    var a = Array.prototype.map.call(arguments, num);
    if (a.length === 0) throw JErr('unable to resolve method: Date.UTC()');
    var f = fieldsFromArgs([a[0] === 0 ? 1899 : a[0], a.length < 2 || a[1] === 0 ? 12 : a[1], a.length < 3 || a[2] === 0 ? 31 : a[2]].concat(a.slice(3)));
    return T.L(fromFields(f, UTCZ).ms);
  }
};
T.TDATE_STATIC = TDATE_STATIC;

// TbDate(s, pattern[, locale]): the parsed offset when the pattern has one, else the default zone;
// TbDate(s, pattern, locale, zoneId): LocalDateTime.parse at zoneId, any parsed offset ignored
function fromPattern(s, pattern, tag, zoneId) {
  var p = parsePattern(s, pattern, tag);
  if (p.off !== undefined && zoneId === undefined) return new TDate(p.local - p.off, p.ns);
  var zone = zoneId === undefined ? zoneOf(T.zone) : zoneOf(zoneId);
  return new TDate(localToMs(p.local, zone), p.ns);
}
// new Date(...): every TbDate constructor; MVEL reports a failing constructor as "could not create constructor"
function newDate(args) {
  try { return construct(args); } catch (e) {
    if (e.name !== 'TbelError') throw e;
    var m = String(e.message).replace(/ \[Line: \d+, Column: \d+\]$/, '');
    throw JErr('could not create constructor: ' + m);
  }
}
function construct(args) {
  var n = args.length, a0 = args[0];
  if (n === 0) return new TDate(Date.now());
  if (typeof a0 === 'string') {
    if (n === 1) return parseDateString(a0);
    return fromPattern(a0, str(args[1]), n > 2 ? str(args[2]) : T.locale, n > 3 ? str(args[3]) : undefined);
  }
  if (n === 1) { if (!isNum(a0)) throw JErr('could not create constructor: Date(' + str(a0) + ')'); return new TDate(num(a0)); }
  if (n < 3) throw JErr('could not create constructor: Date with ' + n + ' arguments');
  var last = args[n - 1], hasTz = n === 4 || n === 8 || (n > 3 && (typeof last === 'string' || last === null));
  var nums = (hasTz ? args.slice(0, n - 1) : args).map(num);
  var tz = hasTz ? (last === null ? '' : str(last)) : '';
  return fromFields(fieldsFromArgs(nums), tz !== '' ? zoneOf(tz) : zoneOf(T.zone));
}
T.newDate = newDate;
