// tbkit TBEL runtime, part 6: TbDate text. Java's localized styles (FormatStyle FULL/LONG/MEDIUM/SHORT),
// java.time patterns ("EEEE M/d/yyyy") for formatting and parsing.
//
// Released ThingsBoard runs on Java 17 (CLDR 39). Its localized patterns, month/weekday/AM-PM/era names and
// zone names come from date_facts.json (dumped from Java 17 by tools/tbel_oracle/DateFacts.java); the compiler
// passes this runtime the locales a script names (T.dateFacts). For other locales the text is built on V8's
// Intl (a newer CLDR: close, not always equal), with Java's root-locale patterns for a language Java has no
// data for ("UTC", unknown tags). Digits are always Latin (Java's default).
var STYLES = { FULL: 'full', LONG: 'long', MEDIUM: 'medium', SHORT: 'short' };
var ROOT_DATE = { FULL: 'y MMM d, EEE', LONG: 'y MMMM d', MEDIUM: 'y MMM d', SHORT: 'y-MM-dd' };
var ROOT_TIME = { FULL: 'HH:mm:ss zzzz', LONG: 'HH:mm:ss z', MEDIUM: 'HH:mm:ss', SHORT: 'HH:mm' };
var CONNECTOR = { en: ', ', uk: ', ', ru: ', ', de: ', ', ko: ' ', ja: ' ', zh: ' ', fr: ' ', ar: '\u060C ', root: ' ' };

// ---- Java 17's data for the locales a script names ----
var DF = { zones: {}, langs: {}, locs: {} }, dfCache = {};
T.dateFacts = function (f) {
  DF.zones = f.zones;
  f.languages.forEach(function (l) { DF.langs[l] = true; });
  Object.keys(f.locales).forEach(function (k) { DF.locs[k] = f.locales[k]; });
  dfCache = {};
};
// Locale.forLanguageTag reduced to language and region ('und' when there is no valid language)
function javaTag(tag) {
  var parts = str(tag).split('-'), lang = parts[0].toLowerCase(), region = '';
  if (!/^[a-z]{2,8}$/.test(lang)) return 'und';
  for (var i = 1; i < parts.length; i++) {
    if (i === 1 && /^[A-Za-z]{4}$/.test(parts[i])) continue;
    if (/^([A-Za-z]{2}|\d{3})$/.test(parts[i])) region = parts[i].toUpperCase();
    break;
  }
  return region ? lang + '-' + region : lang;
}
function mergeData(chain) {
  var out = { zn: {} };
  chain.forEach(function (c) {
    Object.keys(c).forEach(function (k) { if (k === 'zn') Object.assign(out.zn, c.zn); else out[k] = c[k]; });
  });
  return out;
}
// the Java 17 text of a locale, or null when the script did not name it (then V8's Intl is used)
function javaData(tag) {
  var key = javaTag(tag);
  if (Object.prototype.hasOwnProperty.call(dfCache, key)) return dfCache[key];
  var lang = key.split('-')[0], und = DF.locs.und, out = null;
  if (und && DF.locs[key]) out = mergeData([und, DF.locs[lang] || {}, DF.locs[key]]);
  else if (und && (key === 'und' || !DF.langs[lang])) out = mergeData([und]);
  dfCache[key] = out;
  return out;
}
function styleKey(dateStyle, timeStyle) { return (dateStyle ? dateStyle[0] : '-') + (timeStyle ? timeStyle[0] : '-'); }

function localeOf(tag) {
  var t = tag === null || tag === undefined || str(tag) === '' ? T.locale : str(tag);
  try { return Intl.DateTimeFormat.supportedLocalesOf([t]).length ? t : 'root'; } catch (e) { return 'root'; }
}
function intlZone(zone) {
  if (zone.iana) return zone.iana;
  var o = Math.round(zone.fixed / 60), a = Math.abs(o);
  return o === 0 ? 'UTC' : (o < 0 ? '-' : '+') + String(Math.floor(a / 60)).padStart(2, '0') + ':' + String(a % 60).padStart(2, '0');
}
var fmtCache = {};
function intl(loc, opts) {
  var key = loc + JSON.stringify(opts);
  if (!fmtCache[key]) {
    var o = Object.assign({ numberingSystem: 'latn' }, opts);
    fmtCache[key] = new Intl.DateTimeFormat(loc === 'root' ? 'en' : loc, o);
  }
  return fmtCache[key];
}
function lang(loc) { return loc.split('-')[0].toLowerCase(); }
function styled(t, loc, zone, style, kind) {
  var o = { timeZone: intlZone(zone) };
  o[kind] = STYLES[style];
  var parts = intl(loc, o).formatToParts(new Date(t.ms)), out = '';
  for (var i = 0; i < parts.length; i++) {
    var v = parts[i].type === 'timeZoneName' ? zoneName(t, loc, zone, style === 'FULL') : parts[i].value;
    out += v;
  }
  return out;
}
// Java DateTimeFormatter.ofLocalized{Date,Time,DateTime}(...).withLocale(loc) applied in `zone`
function fmtDate(t, tag, tz, dateStyle, timeStyle) {
  var zone = tz || zoneOf(T.zone), jd = javaData(tag === null || tag === undefined || str(tag) === '' ? T.locale : tag);
  if (jd) return fmtPattern(t, jd[styleKey(dateStyle, timeStyle)], tag, zone);
  var loc = localeOf(tag);
  if (loc === 'root') {
    var pat = [dateStyle && ROOT_DATE[dateStyle], timeStyle && ROOT_TIME[timeStyle]].filter(Boolean).join(' ');
    return fmtPattern(t, pat, loc, zone);
  }
  var d = dateStyle ? styled(t, loc, zone, dateStyle, 'dateStyle') : null;
  var h = timeStyle ? styled(t, loc, zone, timeStyle, 'timeStyle') : null;
  if (d === null || h === null) return d === null ? h : d;
  var c = CONNECTOR[lang(loc)];
  return d + (c === undefined ? ', ' : c) + h;
}
T.fmtDate = fmtDate;

// ---- localized names ----
var nameCache = {}, NAME_KEYS = ['MMMM', 'MMM', 'MMMMM', 'LLLL', 'LLL', 'EEEE', 'EEE', 'EEEEE', 'cccc', 'ccc', 'QQQ', 'QQQQ',
  'qqq', 'qqqq', 'a', 'G', 'GGGG'];
function namesOf(tag, loc) {
  var jd = javaData(tag === 'root' ? 'und' : tag === null || tag === undefined || str(tag) === '' ? T.locale : tag);
  if (!jd) return names(loc);
  var n = {};
  NAME_KEYS.forEach(function (k) { n[k] = jd[k]; });
  n.jd = jd;
  return n;
}
function names(loc) {
  if (nameCache[loc]) return nameCache[loc];
  var l = loc === 'root' ? 'en' : loc, pick = function (opts, d, type) {
    var p = intl(l, Object.assign({ timeZone: 'UTC' }, opts)).formatToParts(new Date(d));
    for (var i = 0; i < p.length; i++) if (p[i].type === type) return p[i].value;
    return '';
  };
  var n = { MMMM: [], MMM: [], MMMMM: [], EEEE: [], EEE: [], EEEEE: [], a: [] };
  for (var m = 0; m < 12; m++) {
    var dm = Date.UTC(2021, m, 15);
    n.MMMM.push(pick({ month: 'long', day: 'numeric' }, dm, 'month'));
    n.MMM.push(pick({ month: 'short', day: 'numeric' }, dm, 'month'));
    n.MMMMM.push(pick({ month: 'narrow' }, dm, 'month'));
  }
  for (var w = 0; w < 7; w++) {
    var dw = Date.UTC(2021, 0, 4 + w);
    n.EEEE.push(pick({ weekday: 'long', day: 'numeric', month: 'long' }, dw, 'weekday'));
    n.EEE.push(pick({ weekday: 'short', day: 'numeric', month: 'short' }, dw, 'weekday'));
    n.EEEEE.push(pick({ weekday: 'narrow' }, dw, 'weekday'));
  }
  n.a = loc === 'root' ? ['AM', 'PM'] : [Date.UTC(2021, 0, 4, 9), Date.UTC(2021, 0, 4, 15)].map(function (d) {
    return pick({ hour: 'numeric', hourCycle: 'h12' }, d, 'dayPeriod');
  });
  n.LLLL = n.MMMM; n.LLL = n.MMM; n.cccc = n.EEEE; n.ccc = n.EEE;
  n.QQQ = n.qqq = ['Q1', 'Q2', 'Q3', 'Q4']; n.QQQQ = n.qqqq = ['1st quarter', '2nd quarter', '3rd quarter', '4th quarter'];
  n.G = ['BC', 'AD']; n.GGGG = ['Before Christ', 'Anno Domini'];
  nameCache[loc] = n;
  return n;
}

// ---- java.time patterns ----
function tokens(pattern) {
  var out = [], i = 0, p = str(pattern);
  while (i < p.length) {
    var c = p[i];
    if (c === "'") {
      var j = i + 1, lit = '';
      while (j < p.length) {
        if (p[j] === "'") { if (p[j + 1] === "'") { lit += "'"; j += 2; continue; } break; }
        lit += p[j++];
      }
      if (j >= p.length) throw JErr('java.lang.IllegalArgumentException: Pattern ends with an incomplete string literal: ' + p);
      out.push({ lit: i + 1 === j ? "'" : lit }); i = j + 1;
    } else if (/[A-Za-z]/.test(c)) {
      var k = i; while (k < p.length && p[k] === c) k++;
      if (!/[GuyDMLdQqYwWEecFaBhKkHmsSAnNVvzOXxZ]/.test(c)) throw JErr('java.lang.IllegalArgumentException: Unknown pattern letter: ' + c);
      out.push({ f: c, n: k - i }); i = k;
    } else if (c === '[' || c === ']') { i++; } else { out.push({ lit: c }); i++; }
  }
  return out;
}
function pad(v, n) { var s = String(Math.abs(v)).padStart(n, '0'); return v < 0 ? '-' + s : s; }
function offsetText(secs, style) {
  var a = Math.abs(secs), h = Math.floor(a / 3600), m = Math.floor(a % 3600 / 60), sg = secs < 0 ? '-' : '+';
  if (style === 'O') return secs === 0 ? 'GMT' : 'GMT' + sg + h + (m ? ':' + pad(m, 2) : '');
  if (style === 'OOOO') return secs === 0 ? 'GMT' : 'GMT' + sg + pad(h, 2) + ':' + pad(m, 2);
  var colon = style.length % 2 === 1 && style.length > 1, z = /^X/.test(style) && secs === 0;
  if (z) return 'Z';
  if (style.length === 1 || style === 'x') return sg + pad(h, 2) + (m ? pad(m, 2) : '');
  return sg + pad(h, 2) + (colon ? ':' : '') + pad(m, 2);
}
// Java names a zone by its current rules (standard or daylight), not by the historical metazone
// (daylight: an offset above the lower of the year's January and July offsets; half a year either side can still
// be summer time, as 2022-11-05 and 2023-11-04 are in Los Angeles for 2023-05-06)
function isDst(t, zone) {
  var y = new Date(t.ms).getUTCFullYear();
  return offsetAt(zone, t.ms) > Math.min(offsetAt(zone, Date.UTC(y, 0, 15)), offsetAt(zone, Date.UTC(y, 6, 15)));
}
function zoneName(t, loc, zone, long, jd) {
  var g = jd && zone.iana ? DF.zones[zone.id] : undefined, zn = g === undefined ? undefined : jd.zn[g];
  if (zn) return isDst(t, zone) && zn.length > 2 ? zn[long ? 2 : 3] : zn[long ? 0 : 1];
  if (loc === 'root' && long) return zone.iana ? zone.iana.slice(zone.iana.lastIndexOf('/') + 1).replace(/_/g, ' ') + ' (+0)' : zone.id;
  var at = t.ms;
  if (zone.iana) {
    var jan = Date.UTC(2023, 0, 15), jul = Date.UTC(2023, 6, 15), oj = offsetAt(zone, jan), ou = offsetAt(zone, jul);
    var dst = isDst(t, zone);
    if (oj !== ou) at = (dst === (oj > ou)) ? jan : jul;
  }
  var p = intl(loc, { timeZone: intlZone(zone), timeZoneName: long ? 'long' : 'short' }).formatToParts(new Date(at));
  for (var i = 0; i < p.length; i++) if (p[i].type === 'timeZoneName') return p[i].value;
  return zone.id;
}
function fmtField(tok, f, t, loc, zone, nm) {
  var n = tok.n, off = offsetAt(zone, t.ms) / 1000;
  switch (tok.f) {
    case 'y': case 'u': case 'Y': return n === 2 ? pad(((f.y % 100) + 100) % 100, 2) : pad(f.y, n);
    case 'M': return n >= 3 ? nm[n === 3 ? 'MMM' : n === 4 ? 'MMMM' : 'MMMMM'][f.mo - 1] : pad(f.mo, n);
    case 'L': return n >= 3 ? nm[n === 3 ? 'LLL' : n === 4 ? 'LLLL' : 'MMMMM'][f.mo - 1] : pad(f.mo, n);
    case 'd': return pad(f.d, n);
    case 'Q': case 'q': {
      var q = Math.floor((f.mo - 1) / 3);
      return n < 3 || n === 5 ? pad(q + 1, n === 5 ? 1 : n) : nm[tok.f.repeat(n)][q];
    }
    case 'D': return pad(Math.round((Date.UTC(2000, f.mo - 1, f.d) - Date.UTC(2000, 0, 1)) / MS_DAY) + 1 - (f.mo > 2 && !leap(f.y) ? 1 : 0), n);
    case 'E': case 'e': return (tok.f !== 'E' && n < 3) ? pad(f.dow, n) : nm[n <= 3 ? 'EEE' : n === 4 ? 'EEEE' : 'EEEEE'][f.dow - 1];
    case 'c': return n < 3 ? pad(f.dow, n) : nm[n === 3 ? 'ccc' : n === 4 ? 'cccc' : 'EEEEE'][f.dow - 1];
    case 'a': return nm.a[f.h < 12 ? 0 : 1];
    case 'h': return pad(f.h % 12 === 0 ? 12 : f.h % 12, n);
    case 'K': return pad(f.h % 12, n);
    case 'k': return pad(f.h === 0 ? 24 : f.h, n);
    case 'H': return pad(f.h, n);
    case 'm': return pad(f.mi, n);
    case 's': return pad(f.s, n);
    case 'S': return String(f.ms * 1000000 + f.ns).padStart(9, '0').slice(0, n).padEnd(n, '0');
    case 'n': return String(f.ms * 1000000 + f.ns);
    case 'A': return String(((f.h * 60 + f.mi) * 60 + f.s) * 1000 + f.ms);
    case 'G': return nm[n === 4 ? 'GGGG' : 'G'][f.y > 0 ? 1 : 0];
    case 'V': return zone.id;
    case 'z': case 'v': return zoneName(t, loc, zone, n >= 4, nm.jd);
    case 'O': return offsetText(off, n === 4 ? 'OOOO' : 'O');
    case 'X': case 'x': case 'Z':
      if (tok.f === 'Z') return n === 4 ? offsetText(off, 'OOOO') : n === 5 ? offsetText(off, 'XXX').replace('Z', '+00:00') : offsetText(off, 'xx');
      return offsetText(off, tok.f.repeat(n)).replace(/^Z$/, tok.f === 'x' ? '+00' : 'Z');
  }
  throw JErr('java.lang.IllegalArgumentException: Unsupported pattern letter: ' + tok.f);
}
function fmtPattern(t, pattern, tag, zone) {
  var loc = tag === 'root' ? 'root' : localeOf(tag), f = fieldsAt(t, zone), nm = namesOf(tag, loc);
  return tokens(pattern).map(function (tok) { return tok.lit !== undefined ? tok.lit : fmtField(tok, f, t, loc, zone, nm); }).join('');
}
T.fmtPattern = fmtPattern;

// ---- parsing with a pattern: returns {local: ms, offset: ms|undefined, ns} or throws ----
function esc(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }
function alt(list) { return '(' + list.slice().sort(function (a, b) { return b.length - a.length; }).map(esc).join('|') + ')'; }
function parsePattern(s, pattern, tag) {
  var loc = localeOf(tag), nm = namesOf(tag, loc), re = '', keys = [];
  tokens(pattern).forEach(function (tok) {
    if (tok.lit !== undefined) { re += esc(tok.lit); return; }
    var c = tok.f, n = tok.n, g;
    if (c === 'M' || c === 'L') g = n >= 3 ? alt(nm[n === 3 ? 'MMM' : n === 4 ? 'MMMM' : 'MMMMM']) : n === 1 ? '(\\d{1,2})' : '(\\d{2})';
    else if (c === 'E') g = alt(nm[n <= 3 ? 'EEE' : n === 4 ? 'EEEE' : 'EEEEE']);
    else if (c === 'a') g = alt(nm.a);
    else if (c === 'y' || c === 'u') g = n === 2 ? '(\\d{2})' : n === 1 ? '([+-]?\\d{1,10})' : '([+-]?\\d{' + n + ',10})';
    else if ('dhHKkms'.indexOf(c) >= 0) g = n === 1 ? '(\\d{1,2})' : '(\\d{' + n + '})';
    else if (c === 'S') g = '(\\d{' + n + '})';
    else if (c === 'X' || c === 'x' || c === 'Z') g = '(Z|[+-]\\d{2}(?::?\\d{2}(?::?\\d{2})?)?)';
    else if (c === 'V' || c === 'z') g = '([A-Za-z][A-Za-z0-9_\\/+-]*)';
    else throw JErr('java.lang.IllegalArgumentException: Unsupported pattern letter for parsing: ' + c);
    re += g; keys.push(tok);
  });
  var m = new RegExp('^' + re + '$').exec(str(s));
  if (!m) throw parseErr(s);
  var v = { y: null, mo: null, d: null, h: null, h12: null, pm: null, mi: 0, s: 0, ns: 0, dow: null, off: undefined, zone: null };
  keys.forEach(function (tok, i) {
    var x = m[i + 1], c = tok.f;
    if (c === 'y' || c === 'u') v.y = tok.n === 2 ? 2000 + +x : +x;
    else if (c === 'M' || c === 'L') v.mo = tok.n >= 3 ? nm[tok.n === 3 ? 'MMM' : tok.n === 4 ? 'MMMM' : 'MMMMM'].indexOf(x) + 1 : +x;
    else if (c === 'd') v.d = +x;
    else if (c === 'E') v.dow = nm[tok.n <= 3 ? 'EEE' : tok.n === 4 ? 'EEEE' : 'EEEEE'].indexOf(x) + 1;
    else if (c === 'a') v.pm = nm.a.indexOf(x) === 1;
    else if (c === 'H' || c === 'k') v.h = +x % 24;
    else if (c === 'h' || c === 'K') v.h12 = +x % 12;
    else if (c === 'm') v.mi = +x;
    else if (c === 's') v.s = +x;
    else if (c === 'S') v.ns = fracNs(x);
    else if (c === 'V' || c === 'z') v.zone = x;
    else v.off = x === 'Z' ? 0 : offsetMs(x[0], x.slice(1, 3), x.replace(/:/g, '').slice(3, 5), x.replace(/:/g, '').slice(5, 7));
  });
  if (v.h === null && v.h12 !== null && v.pm !== null) v.h = v.h12 + (v.pm ? 12 : 0);
  if (v.y === null || v.mo === null || v.d === null || v.h === null) throw parseErr(s);
  var f = { y: v.y, mo: v.mo, d: v.d, h: v.h, mi: v.mi, s: v.s, ms: Math.floor(v.ns / 1000000), ns: v.ns % 1000000 };
  try { checkFields(f); } catch (e) { throw parseErr(s); }
  if (v.dow !== null && fieldsAt(new TDate(utcMs(f)), { fixed: 0 }).dow !== v.dow) throw parseErr(s);
  return { local: utcMs(f), off: v.off, zone: v.zone, ns: f.ns };
}
T.parsePattern = parsePattern;
