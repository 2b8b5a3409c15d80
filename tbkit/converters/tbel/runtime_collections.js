// tbkit TBEL runtime, part 3: the methods of ThingsBoard's TBEL collections (thingsboard/tbel's
// ExecutionArrayList, ExecutionHashMap, ExecutionLinkedHashSet, ExecutionEntry, ExecutionCollections).
//
// Lists are JS arrays, maps JS Maps, sets JSet. toUnmodifiable() gives a read-only Proxy flagged `$ro`
// (a view, as in ThingsBoard: later changes to the original show through it).
// memorySize() follows ExecutionContext.getValueSize: per element the key (list index: an int, 4)
// plus the value (String: UTF-8 bytes, int 4, long 8, double 8, boolean 1, nested collections their own size).

// A read-only view (ExecutionCollections.unmodifiable*): reads go to the original, mutators throw.
function readOnly(x, title) {
  return new Proxy(x, {
    get: function (target, prop) {
      if (prop === '$ro') return title;
      var v = Reflect.get(target, prop, target);
      return typeof v === 'function' && !Array.isArray(target) ? v.bind(target) : v;
    },
    set: function () { throw JErr(title + ' is unmodifiable'); }
  });
}
function checkRw(x) { if (x.$ro) throw JErr(x.$ro + ' is unmodifiable'); }
T.checkRw = checkRw;
var WIDTH = { byte: 1, char: 1, short: 2, int: 4, long: 8, float: 4, double: 8, boolean: 1 };
function valueSize(v) {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'string') return utf8(v).length;
  if (typeof v === 'number') return 4;
  if (typeof v === 'boolean') return 1;
  if (v instanceof N) return { B: 1, S: 2, L: 8, F: 4, D: 8 }[v.k];
  if (v instanceof TDate) return 8;
  if (isJArr(v) && WIDTH[v.$t]) return v.length * WIDTH[v.$t];
  return memorySize(v);
}
function memorySize(x) {
  var total = 0;
  if (Array.isArray(x)) x.forEach(function (v) { total += 4 + valueSize(v); });
  else if (x instanceof Map) x.forEach(function (v, k) { total += valueSize(k) + valueSize(v); });
  else if (x instanceof JSet) x.m.forEach(function (v) { total += valueSize(v); });
  else if (x instanceof Entry) total = valueSize(x.key) + valueSize(x.value);
  return total;
}
T.memorySize = memorySize;

// ArrayTools.initStartIndex / initEndIndex: negative indexes count from the end
function startIdx(i, n) { return i < -n ? 0 : i < 0 ? i + n : i; }
function endIdx(i, n) { return i < -n ? 0 : i < 0 ? i + n : Math.min(i, n); }
// Double.parseDouble(String.valueOf(e)) succeeds for every element: sort as numbers, else as strings
function allNumeric(a) {
  return a.every(function (e) { try { javaParseDouble(str(e)); return true; } catch (x) { return false; } });
}
function sortList(a, asc) {
  var numeric = allNumeric(a);
  a.sort(function (u, v) {
    var c = numeric ? cmpD(javaParseDouble(str(u)), javaParseDouble(str(v))) : cmpS(str(u), str(v));
    return asc ? c : -c;
  });
  return a;
}
function cmpD(x, y) { return x < y ? -1 : x > y ? 1 : 0; }
function cmpS(x, y) { return x < y ? -1 : x > y ? 1 : 0; }
function ascArg(args) { return args.length === 0 || T.truth(args[0]); }
function spliceList(a, start, count, items) {
  var n = a.length, st = startIdx(start, n);
  var dc = count < 0 ? 0 : Math.min(count, n - st);
  return Array.prototype.splice.apply(a, [st, Math.max(dc, 0)].concat(items));
}
function listIndexArg(x) { return typeof x === 'number' || (x instanceof N && (x.k === 'B' || x.k === 'S')); }
var LIST_MUTATORS = { add: 1, push: 1, addAll: 1, remove: 1, set: 1, clear: 1, pop: 1, shift: 1, unshift: 1, sort: 1, reverse: 1,
  splice: 1, fill: 1, removeAll: 1, retainAll: 1 };

function listM(a, name, args) {
  var n = args.length, x = args[0];
  if (LIST_MUTATORS[name]) checkRw(a);
  switch (name) {
    case 'size': case 'length': return a.length;
    case 'isEmpty': return a.length === 0;
    case 'get': { var i = idx(x); bounds(a, i); return a[i] === undefined ? null : a[i]; }
    case 'set': { var j = idx(x); bounds(a, j); var old = a[j]; a[j] = a.$t ? storeElem(a, args[1]) : checkValue(args[1]); return old === undefined ? null : old; }
    case 'add': case 'push':
      if (n === 2 && name === 'add') { var p = idx(x); if (p < 0 || p > a.length) bounds(a, p); a.splice(p, 0, checkValue(args[1])); return null; }
      a.push(checkValue(x)); return true;
    case 'addAll':
      if (n === 2) { var at = idx(x); if (at < 0 || at > a.length) bounds(a, at); a.splice.apply(a, [at, 0].concat(iterList(args[1]))); return true; }
      Array.prototype.push.apply(a, iterList(x)); return iterList(x).length > 0;
    case 'remove':
      if (listIndexArg(x)) { var ri = nv(x); bounds(a, ri); return a.splice(ri, 1)[0]; }
      for (var k = 0; k < a.length; k++) if (jeq(a[k], x)) { a.splice(k, 1); return true; }
      return false;
    case 'removeAll': case 'retainAll': {
      var other = iterList(x), keep = name === 'retainAll', before = a.length;
      var kept = a.filter(function (e) { return other.some(function (o) { return jeq(o, e); }) === keep; });
      a.length = 0; Array.prototype.push.apply(a, kept); return a.length !== before;
    }
    case 'contains': return a.some(function (e) { return jeq(e, x); });
    case 'containsAll': return iterList(x).every(function (o) { return a.some(function (e) { return jeq(e, o); }); });
    case 'indexOf': for (var q = n > 1 ? Math.max(idx(args[1]), 0) : 0; q < a.length; q++) if (jeq(a[q], x)) return q; return -1;
    case 'lastIndexOf': for (var r = a.length - 1; r >= 0; r--) if (jeq(a[r], x)) return r; return -1;
    case 'clear': a.length = 0; return null;
    case 'pop': return a.length ? a.pop() : null;
    case 'shift': bounds(a, 0); return a.shift();
    case 'unshift': a.splice.apply(a, [0, 0].concat(args)); return null;
    case 'subList': {
      var f = idx(x), t = idx(args[1]);
      if (f < 0) throw JErr('java.lang.IndexOutOfBoundsException: fromIndex = ' + f);
      if (t > a.length) throw JErr('java.lang.IndexOutOfBoundsException: toIndex = ' + t);
      if (f > t) throw JErr('java.lang.IllegalArgumentException: fromIndex(' + f + ') > toIndex(' + t + ')');
      return a.slice(f, t);
    }
    case 'slice': {
      var s0 = n > 0 ? startIdx(idx(x), a.length) : 0, e0 = n > 1 ? endIdx(idx(args[1]), a.length) : a.length;
      return s0 > e0 ? listM(a, 'subList', [s0, e0]) : a.slice(s0, e0);
    }
    case 'join': return a.map(function (e) { if (e === null) throw npe('element'); return str(e); }).join(n > 0 ? str(x) : ',')
      .replace(/, /g, ',').replace(/\[/g, '').replace(/]/g, '');
    case 'concat': return a.concat(iterList(x));
    case 'reverse': a.reverse(); return null;
    case 'toReversed': return a.slice().reverse();
    case 'sort': sortList(a, ascArg(args)); return null;
    case 'toSorted': return sortList(a.slice(), ascArg(args));
    case 'splice': return spliceList(a, idx(x), n > 1 ? idx(args[1]) : a.length - idx(x), args.slice(2));
    case 'toSpliced': { var c = a.slice(); spliceList(c, idx(x), n > 1 ? idx(args[1]) : c.length - idx(x), args.slice(2)); return c; }
    case 'with': {
      var wi = idx(x), pi = wi < 0 ? wi + a.length : wi;
      if (pi >= a.length || pi < 0) throw JErr('java.lang.IllegalArgumentException: Index: ' + wi + ', Size: ' + a.length);
      var w = a.slice(); w.splice(pi, 0, args[1]); return w;
    }
    case 'fill': {
      var fs = n > 1 ? startIdx(idx(args[1]), a.length) : 0, fe = n > 2 ? endIdx(idx(args[2]), a.length) : a.length;
      for (var fi = fs; fi < fe; fi++) a[fi] = storeElem(a, x);
      return a;
    }
    case 'toUnmodifiable': return a.$ro ? a : readOnly(a, 'List');
    case 'memorySize': return T.L(memorySize(a));
    case 'validateClazzInArrayIsOnlyNumber': return n ? allNumeric([x]) : allNumeric(a);
    case 'validateClazzInArrayIsOnlyString': return a.every(function (e) { return typeof e === 'string'; });
    case 'toArray': return jarr('Object', a.slice());
    case 'toString': return str(a);
    case 'equals': return jeq(a, x);
    case 'hashCode': return javaHash(a);
    case 'clone': return a.$t ? jarr(a.$t, a.slice()) : a.slice();
    case 'stream': return a.slice();
  }
  throw JErr("unable to resolve method '" + name + "' on a list");
}
function javaHash(x) {
  if (x === null || x === undefined) return 0;
  if (typeof x === 'string') return T.strM(x, 'hashCode', []);
  if (typeof x === 'boolean') return x ? 1231 : 1237;
  if (typeof x === 'number') return x;
  if (Array.isArray(x)) { var h = 1; x.forEach(function (e) { h = (Math.imul(31, h) + javaHash(e)) | 0; }); return h; }
  if (x instanceof N) return nv(x) | 0;
  return 0;
}

var MAP_MUTATORS = { put: 1, putIfAbsent: 1, remove: 1, putAll: 1, clear: 1, replace: 1, sortByKey: 1, sortByValue: 1, invert: 1, reverse: 1 };
function mapPut(m, k, v) { if (v === null || v === undefined) m.delete(k); else m.set(k, checkValue(v)); }
function refill(m, entries) { m.clear(); entries.forEach(function (e) { m.set(e[0], e[1]); }); return null; }
function sortedEntries(m, byKey, asc) {
  var ents = Array.from(m.entries()), pick = function (e) { return byKey ? e[0] : e[1]; };
  var numeric = allNumeric(ents.map(pick));
  return ents.sort(function (p, q) {
    var c = numeric ? cmpD(javaParseDouble(str(pick(p))), javaParseDouble(str(pick(q)))) : cmpS(str(pick(p)), str(pick(q)));
    return asc ? c : -c;
  });
}
function inverted(m) {
  var count = {}, out = new Map();
  m.forEach(function (v) { var s = str(v); count[s] = (typeof v === 'string' && count[s] ? count[s] : 0) + 1; });
  m.forEach(function (v, k) {
    var key = mkey(v);
    if (count[str(v)] === 1) { out.set(key, k); return; }
    if (!out.has(key) || !Array.isArray(out.get(key))) out.set(key, []);
    out.get(key).push(k);
  });
  return out;
}
function mapSlice(m, args) {
  var keys = Array.from(m.keys()), s = args.length ? startIdx(idx(args[0]), keys.length) : 0;
  var e = args.length > 1 ? endIdx(idx(args[1]), keys.length) : keys.length, out = new Map();
  keys.slice(s, e).forEach(function (k) { out.set(k, m.get(k)); });
  return out;
}

// ExecutionHashMap.keySet() is LinkedHashMap's own key set, not a TBEL collection: a variable or list cannot hold it
function keySetOf(m) {
  var s = new JSet(Array.from(m.keys()));
  Object.defineProperty(s, '$raw', { value: 'java.util.LinkedHashMap$LinkedKeySet', enumerable: false });
  return s;
}
function mapM(m, name, args) {
  var x = args[0], k = mkey(x);
  if (MAP_MUTATORS[name]) checkRw(m);
  switch (name) {
    case 'get': { var v = m.get(k); return v === undefined ? null : v; }
    case 'getOrDefault': { var w = m.get(k); return w === undefined ? args[1] : w; }
    case 'put': { var o = m.get(k); mapPut(m, k, args[1]); return o === undefined ? null : o; }
    case 'putIfAbsent': { var pv = m.get(k); if (pv === undefined) mapPut(m, k, args[1]); return pv === undefined ? null : pv; }
    case 'containsKey': return m.has(k);
    case 'containsValue': return Array.from(m.values()).some(function (e) { return jeq(e, x); });
    case 'remove':
      if (args.length === 2) { if (m.has(k) && jeq(m.get(k), args[1])) { m.delete(k); return true; } return false; }
      { var r = m.get(k); m.delete(k); return r === undefined ? null : r; }
    case 'size': return m.size;
    case 'isEmpty': return m.size === 0;
    case 'keySet': return m.$ro ? readOnly(new JSet(Array.from(m.keys())), 'Set') : keySetOf(m);
    case 'keys': return Array.from(m.keys());
    case 'values': return Array.from(m.values());
    case 'entrySet': {
      var es = new JSet(Array.from(m.entries()).map(function (e) { return new Entry(e[0], e[1]); }));
      return m.$ro ? readOnly(es, 'EntrySet') : es;
    }
    case 'putAll': iterEntries(x).forEach(function (e) { mapPut(m, mkey(e[0]), e[1]); }); return null;
    case 'clear': m.clear(); return null;
    case 'replace':
      if (args.length === 3) { if (m.has(k) && jeq(m.get(k), args[1])) { mapPut(m, k, args[2]); return true; } return false; }
      if (m.has(k)) { var rv = m.get(k); mapPut(m, k, args[1]); return rv; }
      return null;
    case 'toString': return str(m);
    case 'equals': return jeq(m, x);
    case 'hashCode': { var h = 0; m.forEach(function (val, key) { h = (h + (javaHash(key) ^ javaHash(val))) | 0; }); return h; }
    case 'memorySize': return T.L(memorySize(m));
    case 'toUnmodifiable': return m.$ro ? m : readOnly(m, 'Map');
    case 'clone': return new Map(m);
    case 'slice': return mapSlice(m, args);
    case 'sortByKey': case 'sortByValue': return refill(m, sortedEntries(m, name === 'sortByKey', ascArg(args)));
    case 'toSorted': case 'toSortedByKey': case 'toSortedByValue':
      return new Map(sortedEntries(m, name !== 'toSortedByValue', ascArg(args)));
    case 'invert': { var inv = inverted(m); m.clear(); inv.forEach(function (val, key) { m.set(key, val); }); return null; }
    case 'toInverted': return inverted(m);
    case 'reverse': return refill(m, Array.from(m.entries()).reverse());
    case 'toReversed': return new Map(Array.from(m.entries()).reverse());
  }
  throw JErr("unable to resolve method '" + name + "' on a map");
}

var SET_MUTATORS = { add: 1, remove: 1, addAll: 1, removeAll: 1, retainAll: 1, clear: 1, sort: 1 };
function setM(s, name, args) {
  var x = args[0];
  if (SET_MUTATORS[name]) checkRw(s);
  switch (name) {
    case 'add': if (s.m.has(mkey(x))) return false; s.m.set(mkey(x), x); return true;
    case 'contains': return s.m.has(mkey(x));
    case 'containsAll': return iterList(x).every(function (e) { return s.m.has(mkey(e)); });
    case 'remove': return s.m.delete(mkey(x));
    case 'size': return s.m.size;
    case 'isEmpty': return s.m.size === 0;
    case 'addAll': { var before = s.m.size; iterList(x).forEach(function (e) { if (!s.m.has(mkey(e))) s.m.set(mkey(e), e); }); return s.m.size !== before; }
    case 'removeAll': case 'retainAll': {
      var other = new JSet(iterList(x)), n0 = s.m.size, keep = name === 'retainAll';
      Array.from(s.m.keys()).forEach(function (key) { if (other.m.has(key) !== keep) s.m.delete(key); });
      return s.m.size !== n0;
    }
    case 'toArray': return jarr('Object', s.list());
    case 'toList': return s.list();
    case 'clear': s.m.clear(); return null;
    case 'sort': { var l = sortList(s.list(), ascArg(args)); s.m.clear(); l.forEach(function (e) { s.m.set(mkey(e), e); }); return null; }
    case 'toSorted': return new JSet(sortList(s.list(), ascArg(args)));
    case 'toUnmodifiable': return s.$ro ? s : readOnly(s, 'Set');
    case 'memorySize': return T.L(memorySize(s));
    case 'clone': return new JSet(s.list());
    case 'toString': return str(s);
    case 'equals': return jeq(s, x);
    case 'hashCode': { var h = 0; s.m.forEach(function (e) { h = (h + javaHash(e)) | 0; }); return h; }
    case 'stream': return s.list();
  }
  throw JErr("unable to resolve method '" + name + "' on a set");
}

function iterList(x) {
  if (x === null || x === undefined) throw npe('collection');
  if (Array.isArray(x)) return x;
  if (x instanceof JSet) return x.list();
  if (x instanceof Map) return Array.from(x.values());
  if (typeof x === 'string') return x.split('').map(T.C);
  throw JErr('not iterable: ' + str(x));
}
function iterEntries(x) {
  if (x instanceof Map) return Array.from(x.entries());
  throw JErr('not a map: ' + str(x));
}
// foreach (x : coll): a map iterates over its entries (ExecutionHashMap is Iterable<Entry>)
T.iter = function (x) {
  if (typeof x === 'number' || x instanceof N) { var r = []; for (var i = 1; i <= nv(x); i++) r.push(i); return r; }
  if (x instanceof Map) return Array.from(x.entries()).map(function (e) { return new Entry(e[0], e[1]); });
  return iterList(x).slice();
};

function entryM(e, name, args) {
  switch (name) {
    case 'getKey': return e.key; case 'getValue': return e.value;
    case 'setValue': { var o = e.value; e.value = args[0]; return o; }
    case 'toString': return str(e);
    case 'equals': return jeq(e, args[0]);
    case 'hashCode': return javaHash(e.key) ^ javaHash(e.value);
    case 'memorySize': return T.L(memorySize(e));
  }
  throw JErr("unable to resolve method '" + name + "' on a map entry");
}
