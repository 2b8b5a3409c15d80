// tbkit TBEL runtime, part 2: collections, member access and Java method dispatch.

function Entry(k, v) { this.key = k; this.value = v; }
Entry.prototype.toJavaString = function () { return str(this.key) + '=' + str(this.value); };
function JSet(items) { this.m = new Map(); if (items) for (var i = 0; i < items.length; i++) this.m.set(mkey(items[i]), items[i]); }
JSet.prototype.list = function () { return Array.from(this.m.values()); };
JSet.prototype.toJavaString = function () { return str(this.list()); };
T.Entry = Entry; T.JSet = JSet;

// map keys: numbers are stored by value so that 1, 1L and the byte 1 find the same entry
function mkey(k) { return k instanceof N ? k.v : (k === undefined ? null : k); }
T.mkey = mkey;
function jarr(t, a) { Object.defineProperty(a, '$t', { value: t, enumerable: false }); return a; }
T.jarr = jarr;
function isJArr(a) { return Array.isArray(a) && a.$t !== undefined; }
T.isJArr = isJArr;

var DEFAULTS = { int: 0, long: null, double: null, float: null, byte: null, short: null, boolean: false, char: '\u0000' };
function zero(t) {
  switch (t) {
    case 'int': return 0; case 'long': return new N('L', 0); case 'double': return new N('D', 0);
    case 'float': return new N('F', 0); case 'byte': return new N('B', 0); case 'short': return new N('S', 0);
    case 'boolean': return false; case 'char': return '\u0000';
  }
  return null;
}
T.newArr = function (t, n) {
  var len = nv(n), a = new Array(len);
  for (var i = 0; i < len; i++) a[i] = zero(t);
  return jarr(t, a);
};
T.arrOf = function (t, items) {
  var a = items.map(function (x) { return t in DEFAULTS || t === 'String' ? T.cv(t, x) : x; });
  return jarr(t, a);
};
T.map = function () {
  var m = new Map();
  for (var i = 0; i < arguments.length; i += 2) {
    var v = arguments[i + 1];
    if (v === null || v === undefined) m.delete(mkey(arguments[i])); else m.set(mkey(arguments[i]), v);
  }
  return m;
};
T.list = function (items) { return items; };

function npe(what) { return JErr('java.lang.NullPointerException: cannot access ' + what + ' of null'); }
function idx(i) { var n = nv(i); if (typeof n !== 'number') throw JErr('invalid index ' + str(i)); return n; }
function bounds(a, i) {
  if (i < 0 || i >= a.length) throw JErr('java.lang.IndexOutOfBoundsException: Index ' + i + ' out of bounds for length ' + a.length);
}
function storeElem(a, v) { return a.$t && a.$t !== 'Object' ? T.cv(a.$t, v) : v; }

// obj[key]
T.ix = function (o, k) {
  if (o === null || o === undefined) throw npe('[' + str(k) + ']');
  if (o instanceof Map) { var v = o.get(mkey(k)); return v === undefined ? null : v; }
  if (Array.isArray(o)) { var i = idx(k); bounds(o, i); var r = o[i]; return r === undefined ? null : r; }
  if (typeof o === 'string') { var j = idx(k); bounds(o, j); return o.charAt(j); }
  return T.g(o, str(k));
};
T.six = function (o, k, v) {
  if (o === null || o === undefined) throw npe('[' + str(k) + ']');
  if (o instanceof Map) { if (v === null || v === undefined) o.delete(mkey(k)); else o.set(mkey(k), v); return v; }
  if (Array.isArray(o)) { var i = idx(k); bounds(o, i); o[i] = storeElem(o, v); return v; }
  throw JErr('cannot index-assign into ' + str(o));
};

function getterName(name) { return 'get' + name.charAt(0).toUpperCase() + name.slice(1); }
// obj.name (property read)
T.g = function (o, name) {
  if (o === null || o === undefined) throw npe("property '" + name + "'");
  if (o instanceof Map) { var v = o.get(name); return v === undefined ? null : v; }
  if (Array.isArray(o)) {
    if (name === 'length' || name === 'size') return o.length;
    if (name === 'empty') return o.length === 0;
    if (name === 'class') return o.$t ? o.$t + '[]' : 'java.util.ArrayList';
    throw JErr("could not access property '" + name + "' of a list");
  }
  if (typeof o === 'string') {
    if (name === 'length') return o.length;
    if (name === 'empty') return o.length === 0;
    if (name === 'bytes') return T.m(o, 'getBytes', []);
  }
  if (o instanceof Entry) { if (name === 'key') return o.key; if (name === 'value') return o.value; }
  if (o instanceof JSet && (name === 'size' || name === 'length')) return o.m.size;
  var gm = getterName(name);
  if (methodExists(o, gm)) return T.m(o, gm, []);
  if (methodExists(o, name)) return T.m(o, name, []);
  throw JErr("unable to resolve property '" + name + "' of " + str(o));
};
T.gn = function (o, name) { return (o === null || o === undefined) ? null : T.g(o, name); };
T.s = function (o, name, v) {
  if (o === null || o === undefined) throw npe("property '" + name + "'");
  if (o instanceof Map) { if (v === null || v === undefined) o.delete(name); else o.set(name, v); return v; }
  if (o instanceof Entry && name === 'value') { o.value = v; return v; }
  var sm = 'set' + name.charAt(0).toUpperCase() + name.slice(1);
  if (methodExists(o, sm)) { T.m(o, sm, [v]); return v; }
  throw JErr("unable to set property '" + name + "' of " + str(o));
};

function methodExists(o, name) {
  if (o instanceof TDate) return typeof TDATE[name] === 'function';
  if (o instanceof N || typeof o === 'number') return typeof NUM_M[name] === 'function';
  if (o instanceof Entry) return name === 'getKey' || name === 'getValue';
  return false;
}

var NUM_M = {
  intValue: function (x) { return T.cv('int', x); }, longValue: function (x) { return T.cv('long', x); },
  doubleValue: function (x) { return T.cv('double', x); }, floatValue: function (x) { return T.cv('float', x); },
  byteValue: function (x) { return T.cv('byte', x); }, shortValue: function (x) { return T.cv('short', x); },
  toString: function (x) { return str(x); }, equals: function (x, y) { return kind(x) === kind(y) && nv(x) === nv(y); },
  compareTo: function (x, y) { return cmp(x, y); }, hashCode: function (x) { return nv(x) | 0; },
  isNaN: function (x) { return nv(x) !== nv(x); }, isInfinite: function (x) { var v = nv(x); return v === Infinity || v === -Infinity; },
  toFixed: function (x, p) { return T.fn.toFixed(x, p); }
};

function listM(a, name, args) {
  var n = args.length, x = args[0];
  switch (name) {
    case 'size': case 'length': return a.length;
    case 'isEmpty': return a.length === 0;
    case 'get': { var i = idx(x); bounds(a, i); return a[i] === undefined ? null : a[i]; }
    case 'set': case 'with': { var j = idx(x); bounds(a, j); var old = a[j]; a[j] = storeElem(a, args[1]); return name === 'set' ? old : a; }
    case 'add': case 'push':
      if (n === 2) { var p = idx(x); if (p < 0 || p > a.length) bounds(a, p); a.splice(p, 0, args[1]); return null; }
      a.push(x); return true;
    case 'addAll':
      if (n === 2) { a.splice.apply(a, [idx(x), 0].concat(iterList(args[1]))); return true; }
      Array.prototype.push.apply(a, iterList(x)); return true;
    case 'remove':
      if (typeof x === 'number') { bounds(a, x); return a.splice(x, 1)[0]; }
      for (var k = 0; k < a.length; k++) if (jeq(a[k], x)) { a.splice(k, 1); return true; }
      return false;
    case 'contains': return a.some(function (e) { return jeq(e, x); });
    case 'indexOf': for (var q = n > 1 ? idx(args[1]) : 0; q < a.length; q++) if (jeq(a[q], x)) return q; return -1;
    case 'lastIndexOf': for (var r = a.length - 1; r >= 0; r--) if (jeq(a[r], x)) return r; return -1;
    case 'clear': a.length = 0; return null;
    case 'pop': return a.length ? a.pop() : null;
    case 'shift': return a.length ? a.shift() : null;
    case 'unshift': a.unshift(x); return null;
    case 'subList': return a.slice(idx(x), idx(args[1]));
    case 'slice': return a.slice(n > 0 ? idx(x) : 0, n > 1 ? idx(args[1]) : a.length);
    case 'join': return a.map(str).join(n > 0 ? str(x) : ',');
    case 'concat': return a.concat(iterList(x));
    case 'reverse': a.reverse(); return null;
    case 'toReversed': return a.slice().reverse();
    case 'sort': case 'toSorted': {
      var t = name === 'sort' ? a : a.slice(), asc = n === 0 || x === null || x === true;
      var allStr = t.every(function (e) { return typeof e === 'string'; });
      t.sort(function (u, v) { var c = allStr ? cmp(u, v) : javaParseDouble(str(u)) - javaParseDouble(str(v)); return asc ? c : -c; });
      return name === 'sort' ? null : t;
    }
    case 'splice': {
      var st = idx(x), dc = n > 1 ? idx(args[1]) : a.length - st;
      return Array.prototype.splice.apply(a, [st, dc].concat(args.slice(2)));
    }
    case 'fill': { var fs = n > 1 ? idx(args[1]) : 0, fe = n > 2 ? idx(args[2]) : a.length; for (var f = fs; f < fe; f++) a[f] = x; return a; }
    case 'toArray': return jarr('Object', a.slice());
    case 'toString': return str(a);
    case 'equals': return jeq(a, x);
    case 'hashCode': return a.length;
    case 'clone': return a.$t ? jarr(a.$t, a.slice()) : a.slice();
    case 'stream': return a.slice();
  }
  throw JErr("unable to resolve method '" + name + "' on a list");
}

function mapM(m, name, args) {
  var x = args[0], k = mkey(x);
  switch (name) {
    case 'get': { var v = m.get(k); return v === undefined ? null : v; }
    case 'getOrDefault': { var w = m.get(k); return w === undefined ? args[1] : w; }
    case 'put': { var o = m.get(k); if (args[1] === null || args[1] === undefined) m.delete(k); else m.set(k, args[1]); return o === undefined ? null : o; }
    case 'putIfAbsent': { var pv = m.get(k); if (pv === undefined && args[1] !== null) m.set(k, args[1]); return pv === undefined ? null : pv; }
    case 'containsKey': return m.has(k);
    case 'containsValue': return Array.from(m.values()).some(function (e) { return jeq(e, x); });
    case 'remove': { var r = m.get(k); m.delete(k); return r === undefined ? null : r; }
    case 'size': return m.size;
    case 'isEmpty': return m.size === 0;
    case 'keySet': return new JSet(Array.from(m.keys()));
    case 'keys': return Array.from(m.keys());
    case 'values': return Array.from(m.values());
    case 'entrySet': return new JSet(Array.from(m.entries()).map(function (e) { return new Entry(e[0], e[1]); }));
    case 'putAll': iterEntries(x).forEach(function (e) { m.set(mkey(e[0]), e[1]); }); return null;
    case 'clear': m.clear(); return null;
    case 'replace': if (m.has(k)) { var rv = m.get(k); m.set(k, args[1]); return rv; } return null;
    case 'toString': return str(m);
    case 'equals': return jeq(m, x);
    case 'sortByKey': case 'sortByValue': {
      var ents = Array.from(m.entries()), asc = args.length === 0 || x === true, byKey = name === 'sortByKey';
      ents.sort(function (p, q) { var c = cmp(byKey ? p[0] : p[1], byKey ? q[0] : q[1]); return asc ? c : -c; });
      m.clear(); ents.forEach(function (e) { m.set(e[0], e[1]); }); return null;
    }
  }
  throw JErr("unable to resolve method '" + name + "' on a map");
}

function setM(s, name, args) {
  var x = args[0];
  switch (name) {
    case 'add': if (s.m.has(mkey(x))) return false; s.m.set(mkey(x), x); return true;
    case 'contains': return s.m.has(mkey(x));
    case 'remove': return s.m.delete(mkey(x));
    case 'size': return s.m.size;
    case 'isEmpty': return s.m.size === 0;
    case 'addAll': iterList(x).forEach(function (e) { s.m.set(mkey(e), e); }); return true;
    case 'toArray': case 'toList': return s.list();
    case 'clear': s.m.clear(); return null;
    case 'toString': return str(s);
    case 'stream': return s.list();
  }
  return listM(s.list(), name, args);
}

function iterList(x) {
  if (x === null || x === undefined) throw npe('collection');
  if (Array.isArray(x)) return x;
  if (x instanceof JSet) return x.list();
  if (x instanceof Map) return Array.from(x.values());
  if (typeof x === 'string') return x.split('');
  throw JErr('not iterable: ' + str(x));
}
function iterEntries(x) {
  if (x instanceof Map) return Array.from(x.entries());
  throw JErr('not a map: ' + str(x));
}
// foreach (x : coll)
T.iter = function (x) {
  if (typeof x === 'number' || x instanceof N) { var r = []; for (var i = 1; i <= nv(x); i++) r.push(i); return r; }
  return iterList(x).slice();
};

function entryM(e, name, args) {
  switch (name) {
    case 'getKey': return e.key; case 'getValue': return e.value;
    case 'setValue': { var o = e.value; e.value = args[0]; return o; }
    case 'toString': return str(e);
  }
  throw JErr("unable to resolve method '" + name + "' on a map entry");
}

// obj.name(args)
T.m = function (o, name, args) {
  if (o === null || o === undefined) throw npe("method '" + name + "()'");
  if (typeof o === 'string') return T.strM(o, name, args);
  if (Array.isArray(o)) return listM(o, name, args);
  if (o instanceof Map) return mapM(o, name, args);
  if (o instanceof JSet) return setM(o, name, args);
  if (o instanceof Entry) return entryM(o, name, args);
  if (o instanceof TDate) { var f = TDATE[name]; if (f) return f.apply(o, args); }
  if (typeof o === 'number' || o instanceof N) { var g = NUM_M[name]; if (g) return g.apply(null, [o].concat(args)); }
  if (typeof o === 'boolean') { if (name === 'toString') return str(o); if (name === 'equals') return o === args[0]; if (name === 'booleanValue') return o; }
  throw JErr("unable to resolve method '" + name + "' on " + str(o));
};
T.mn = function (o, name, args) { return (o === null || o === undefined) ? null : T.m(o, name, args); };

// instanceof
T.iof = function (x, t) {
  if (x === null || x === undefined) return false;
  switch (t) {
    case 'String': case 'CharSequence': return typeof x === 'string';
    case 'Integer': case 'int': return typeof x === 'number';
    case 'Long': case 'long': return kind(x) === 'L';
    case 'Double': case 'double': return kind(x) === 'D';
    case 'Float': case 'float': return kind(x) === 'F';
    case 'Byte': case 'byte': return kind(x) === 'B';
    case 'Short': case 'short': return kind(x) === 'S';
    case 'Number': return isNum(x);
    case 'Boolean': case 'boolean': return typeof x === 'boolean';
    case 'Map': case 'HashMap': case 'LinkedHashMap': return x instanceof Map;
    case 'List': case 'ArrayList': case 'Collection': return Array.isArray(x) && !x.$t;
    case 'Set': return x instanceof JSet;
    case 'Object': return true;
    case 'Date': return x instanceof TDate;
  }
  if (/\[\]$/.test(t)) return isJArr(x);
  return false;
};

// Result conversion: Java values -> plain JSON-able JS values.
T.out = function (x) {
  if (x === null || x === undefined) return null;
  if (typeof x !== 'object') return (typeof x === 'number' && !isFinite(x)) ? null : x;
  if (x instanceof N) return T.outNum(x);
  if (Array.isArray(x)) return x.map(T.out);
  if (x instanceof JSet) return x.list().map(T.out);
  if (x instanceof Map) {
    var o = {};
    x.forEach(function (val, key) { if (val !== null && val !== undefined) o[str(key)] = T.out(val); });
    return o;
  }
  if (x instanceof Entry) { var e = {}; e[str(x.key)] = T.out(x.value); return e; }
  if (x instanceof TDate) return x.iso();
  return str(x);
};

// Input conversion: plain JSON values -> Java values (JSON objects become Maps, decimals become doubles).
T.fromJs = function (x) {
  if (x === null || x === undefined) return null;
  if (typeof x === 'number') {
    if (Number.isInteger(x) && !Object.is(x, -0)) return (x >= -2147483648 && x <= 2147483647) ? x : new N('L', x);
    return new N('D', x);
  }
  if (typeof x !== 'object' || x instanceof N) return x;
  if (Array.isArray(x)) return x.map(T.fromJs);
  var m = new Map();
  Object.keys(x).forEach(function (k) { var v = T.fromJs(x[k]); if (v !== null) m.set(k, v); });
  return m;
};
// decoder payload: unsigned bytes -> Java byte[] (signed)
T.inBytes = function (p) {
  if (!Array.isArray(p)) return p;
  return jarr('byte', p.map(function (b) { return T.B(nv(b)); }));
};

// ---- helpers used by generated code ----
T.tmp = null;
T.undef = function (name) { throw JErr('unresolvable property or identifier: ' + name); };
T.cf = function (name, args) {
  var f = Object.prototype.hasOwnProperty.call(T.fn, name) ? T.fn[name] : null;
  if (!f) throw JErr('unable to resolve method: ' + name + '()');
  return f.apply(null, args);
};
T.swk = function (x) { return x instanceof N ? x.v : x; };
T.ixn = function (o, k) { return (o === null || o === undefined) ? null : T.ix(o, k); };
// compound assignment to a member or element: obj.key op= v
T.cs = function (o, k, isIdx, op, v) {
  var cur = isIdx ? T.ix(o, k) : T.g(o, k), r = T[op](cur, v);
  if (isIdx) T.six(o, k, r); else T.s(o, k, r);
  return r;
};
// ++/-- on a member or element
T.upd = function (o, k, isIdx, op, prefix) {
  var cur = isIdx ? T.ix(o, k) : T.g(o, k), r = T[op](cur, 1);
  if (isIdx) T.six(o, k, r); else T.s(o, k, r);
  return prefix ? r : cur;
};
