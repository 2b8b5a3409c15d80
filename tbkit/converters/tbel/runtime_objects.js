// tbkit TBEL runtime, part 2: collections, member access and Java method dispatch.

function Entry(k, v) { this.key = k; this.value = v; }
Entry.prototype.toJavaString = function () { return str(this.key) + '=' + str(this.value); };
function JSet(items) { this.m = new Map(); if (items) for (var i = 0; i < items.length; i++) this.m.set(mkey(items[i]), items[i]); }
JSet.prototype.list = function () { return Array.from(this.m.values()); };
JSet.prototype.toJavaString = function () { return str(this.list()); };
T.Entry = Entry; T.JSet = JSet;

// map keys: numbers are stored by value so that 1, 1L and the byte 1 find the same entry
// a map key: numbers by value; a Double/Float key, or a long beyond 2^53, by its Java text, which is how it prints
// ("9.999999997E9")
function mkey(k) {
  if (k instanceof N) return k.k === 'D' || k.k === 'F' || (k.k === 'L' && !Number.isSafeInteger(k.v)) ? str(k) : k.v;
  return k === undefined ? null : k;
}
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
    case 'boolean': return false; case 'char': return T.C(0);
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
// ExecutionContext.getValueSize: the classes a TBEL variable or collection may hold
var PRIM_ARRAYS = { byte: 1, int: 1, long: 1, short: 1, float: 1, double: 1, char: 1, boolean: 1 };
function unsupported(cls) { return JErr('Unsupported value type: class ' + cls); }
function checkValue(x) {
  if (x === null || x === undefined) return x;
  var t = typeof x;
  if (t === 'number' || t === 'string' || t === 'boolean') return x;
  if (x.$raw) throw unsupported(x.$raw);
  if (x instanceof N || x instanceof Map || x instanceof JSet || x instanceof TDate || x instanceof Entry) return x;
  if (Array.isArray(x)) {
    if (!x.$t || PRIM_ARRAYS[x.$t]) return x;
    throw unsupported(javaClass(x));
  }
  if (x === T.EMPTY) throw unsupported('org.mvel2.compiler.BlankLiteral');
  if (typeof x === 'function') throw unsupported('org.mvel2.ast.PrototypalFunctionInstance');
  throw unsupported(x instanceof MethodStub ? 'org.mvel2.util.MethodStub' : javaClass(x));
}
T.ck = checkValue;
// a value stored in a variable (ExecutionContext.checkAssign*Variable): an array of objects becomes a list
T.v = function (x) {
  if (Array.isArray(x) && x.$t && !PRIM_ARRAYS[x.$t] && !x.$raw) return x.slice();
  return checkValue(x);
};
T.map = function () {
  var m = new Map();
  for (var i = 0; i < arguments.length; i += 2) {
    var v = arguments[i + 1];
    if (v === null || v === undefined) m.delete(mkey(arguments[i])); else m.set(mkey(arguments[i]), checkValue(v));
  }
  return m;
};
T.list = function (items) { return items; };

function npe(what) { return JErr('java.lang.NullPointerException: cannot access ' + what + ' of null'); }
// an int argument: MVEL converts a String argument with Integer.parseInt
function idx(i) {
  if (typeof i === 'string') return javaParseInt(i, 10, 2147483647);
  var n = isNum(i) ? Number(nv(i)) : NaN;
  if (n !== n) throw JErr('invalid index ' + str(i));
  return n;
}
// reading list[k], array[k], string[k]: MVEL casts the index to Integer
function readIdx(k) {
  if (typeof k === 'number' || k === null || k === undefined) return idx(k);
  throw cce(k, 'java.lang.Integer');
}
function bounds(a, i) {
  if (i < 0 || i >= a.length) throw JErr('java.lang.IndexOutOfBoundsException: Index ' + i + ' out of bounds for length ' + a.length);
}
function storeElem(a, v) { return a.$t && a.$t !== 'Object' ? T.cv(a.$t, v) : v; }

// obj[key]
T.ix = function (o, k) {
  if (o === null || o === undefined) throw npe('[' + str(k) + ']');
  if (o instanceof Map) { var v = o.get(mkey(k)); return v === undefined ? null : v; }
  if (Array.isArray(o)) { var i = readIdx(k); bounds(o, i); var r = o[i]; return r === undefined ? null : r; }
  if (typeof o === 'string') { var j = readIdx(k); bounds(o, j); return T.C(o.charCodeAt(j)); }
  return T.g(o, str(k));
};
T.six = function (o, k, v) {
  if (o === null || o === undefined) throw npe('[' + str(k) + ']');
  if (o.$ro) checkRw(o);
  if (o instanceof Map) { if (v === null || v === undefined) o.delete(mkey(k)); else o.set(mkey(k), checkValue(v)); return v; }
  if (Array.isArray(o)) { var i = idx(k); bounds(o, i); o[i] = o.$t ? storeElem(o, v) : checkValue(v); return v; }
  throw JErr('cannot index-assign into ' + str(o));
};

function getterName(name) { return 'get' + name.charAt(0).toUpperCase() + name.slice(1); }
// PropertyTools.getGetter on ThingsBoard's map or list class: the public instance method without parameters a
// property names (isName/isname returning boolean, getName, getname, name; in that order of preference), which
// MVEL calls before it looks for a key (`data.size` is the map's size, `data.values` its values); getClass is
// forbidden by the sandbox. Built from the Java facts on first use: {property: method}.
var GETTERS = {};
function getterOf(owner, name) {
  var table = GETTERS[owner];
  if (!table) {
    table = GETTERS[owner] = Object.create(null);
    (T.JVM.methods[owner] || []).forEach(function (m) {
      if (m[1].length === 0 && !(m[3] & 1) && m[0] !== 'getClass') table[m[0]] = m[2];
    });
  }
  var cap = name.charAt(0).toUpperCase() + name.slice(1);
  var names = ['is' + cap, 'is' + name, 'get' + cap, 'get' + name, name];
  for (var i = 0; i < names.length; i++) {
    var r = table[names[i]];
    if (r !== undefined && (i > 1 || r === 'boolean')) return names[i];
  }
  return null;
}
// obj.name (property read)
T.g = function (o, name) {
  if (o === null || o === undefined) throw npe("property '" + name + "'");
  if (o instanceof Map) {
    var mg = getterOf('org.mvel2.execution.ExecutionHashMap', name);
    if (mg) return mapM(o, mg, []);
    var v = o.get(name); return v === undefined ? null : v;
  }
  if (Array.isArray(o)) {
    if (name === 'length' || name === 'size') return o.length;
    if (name === 'empty') return o.length === 0;
    if (name === 'class') return o.$t ? o.$t + '[]' : 'java.util.ArrayList';
    var lg = o.$t ? null : getterOf('org.mvel2.execution.ExecutionArrayList', name);
    if (lg) return listM(o, lg, []);
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
  if (o.$ro) checkRw(o);
  if (o instanceof Map) { if (v === null || v === undefined) o.delete(name); else o.set(name, checkValue(v)); return v; }
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
  compareTo: function (x, y) {  // Integer.compareTo(Integer): the argument must be of the receiver's class
    if (y === null || y === undefined) throw npe('compareTo');
    if (javaClass(y) !== javaClass(x)) throw cce(y, javaClass(x));
    return compareValues(x, y);
  },
  hashCode: function (x) { return nv(x) | 0; },
  isNaN: function (x) { return nv(x) !== nv(x); }, isInfinite: function (x) { var v = nv(x); return v === Infinity || v === -Infinity; },
  toFixed: function (x, p) { return T.fn.toFixed(x, p); }
};

// listM, mapM, setM, entryM, iterList, T.iter: runtime_collections.js

// obj.name(args)
T.m = function (o, name, args) {
  if (o === null || o === undefined) throw npe("method '" + name + "()'");
  if (typeof o === 'string') return T.strM(o, name, args);
  if (Array.isArray(o)) return o.$t ? arrayM(o, name, args) : listM(o, name, args);
  if (o instanceof Map) return mapM(o, name, args);
  if (o instanceof JSet) return setM(o, name, args);
  if (o instanceof Entry) return entryM(o, name, args);
  if (o instanceof TDate) { var f = TDATE[name]; if (f) return f.apply(o, args); }
  if (typeof o === 'number' || o instanceof N) { var g = NUM_M[name]; if (g) return g.apply(null, [o].concat(args)); }
  if (typeof o === 'boolean') { if (name === 'toString') return str(o); if (name === 'equals') return o === args[0]; if (name === 'booleanValue') return o; }
  throw JErr("unable to resolve method '" + name + "' on " + str(o));
};
T.noMethodOn = function (o, name, args) { throw noMethod(o, name, args); };
function noMethod(o, name, args) {
  var classes = args.map(function (x) { return x === null || x === undefined ? '' : javaClass(x); }).join(', ');
  return JErr('unable to resolve method: ' + javaClass(o) + '.' + name + '(' + classes + ') [arglength=' + args.length + ']');
}
T.noMethod = noMethod;
// a Java array has Object's methods, and MVEL's size()
function arrayM(a, name, args) {
  if (name === 'size' && args.length === 0) return a.length;
  if (name === 'equals' && args.length === 1) return a === args[0];
  if (name === 'clone' && args.length === 0) return jarr(a.$t, a.slice());
  throw noMethod(a, name, args);
}
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
    x.forEach(function (val, key) {
      if (key === null || key === undefined) {
        throw JErr('com.fasterxml.jackson.databind.JsonMappingException: Null key for a Map not allowed in JSON');
      }
      if (val !== null && val !== undefined) o[str(key)] = T.out(val);
    });
    return o;
  }
  if (x instanceof Entry) { var e = {}; e[str(x.key)] = T.out(x.value); return e; }
  if (x instanceof TDate) return x.toJavaString();
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
// decoder payload: ThingsBoard passes a byte[], which tbel's ArgsRepackUtil turns into a list of Byte
T.inBytes = function (p) {
  if (!Array.isArray(p)) return p;
  return p.map(function (b) { return T.B(nv(b)); });
};

// ---- helpers used by generated code ----
T.tmp = null;
T.undef = function (name) { throw JErr('unresolvable property or identifier: ' + name); };
// ++/-- on a function's variable inside its foreach: MVEL's by-name lookup finds no variable resolver
T.npeResolver = function () {
  throw JErr('java.lang.NullPointerException: Cannot invoke "org.mvel2.integration.VariableResolver.getValue()" because "<local4>" is null');
};
// stringToBytes("literal"): MVEL's type check of a literal argument of a non-convertable method dereferences null
T.npeLiteralArg = function () {
  throw JErr('java.lang.NullPointerException: Cannot invoke "java.lang.Class.getSimpleName()" because the return value of ' +
    '"org.mvel2.compiler.ExecutableStatement.getKnownIngressType()" is null');
};
// `m.k++`, `l[0] += v`: MVEL resolves these as a variable named by the whole text
T.undefVar = function (text) {
  throw JErr("unable to resolve token: unable to resolve variable '" + text + "'");
};
// a call of a name that is neither a function of the script nor a TbUtils helper
T.nofn = function (name) { throw JErr('null pointer or function not found: ' + name); };
// `a ?? b`: MVEL reads `a ? ? b`, a ternary without an else branch
T.qq = function (a) {
  if (a === false) return null;
  if (a === true) throw JErr('illegal use of operator: TERNARY_IF');
  throw JErr('expected Boolean; but found: ' + (a === null || a === undefined ? 'null' : javaClass(a)));
};
// what MVEL compiles but cannot run (an operator where an operand belongs)
T.fail = function (message) { throw JErr(message); };
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
