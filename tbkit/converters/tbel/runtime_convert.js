// tbkit TBEL runtime, part 1c: DataConversion (casts, method arguments) and the choice of a Java method for a call
// (ParseTools.getBestCandidate), made when a call first runs and then kept for that call site, as MVEL's accessors
// keep it. T.JVM (the Java facts, jvm_facts.json) is defined before this part.

// a Java primitive type's name (a key of BOX, not an inherited property)
function isPrimitiveName(name) { return Object.prototype.hasOwnProperty.call(BOX, name); }
function convError(x, to) {
  return JErr('org.mvel2.ConversionException: cannot convert type: ' + javaClass(x) + ' to: ' + to);
}
function coerceError(what, x, to, limitOf) {
  return JErr('org.mvel2.ConversionException: cannot coerce ' + what + ' to ' + to + ' since the value (' + str(x) +
    ') exceeds that maximum precision of ' + limitOf + '.');
}
function parseJavaInt(s, bits) {
  var max = bits === 8 ? 127n : bits === 16 ? 32767n : bits === 32 ? 2147483647n : LMAX;
  return Number(javaParseBig(s, 10, max));
}
// IntegerCH
function convInt(x) {
  if (typeof x === 'number') return x;
  if (typeof x === 'string') return parseJavaInt(x, 32);
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (x instanceof N) {
    switch (x.k) {
      case 'S': return x.v;
      case 'C': return x.v;
      case 'L': if (lv(x) > 2147483647n) throw coerceError('Long', x, 'Integer', 'Integer'); return Number(BigInt.asIntN(32, lv(x)));
      // (Float) o > Integer.MAX_VALUE compares floats: 2^31 as a float is not above it, and (int) saturates
      case 'F': if (x.v > 2147483648) throw coerceError('Float', x, 'Integer', 'Integer'); return toInt32(x.v) | 0;
      case 'D': if (x.v > 2147483647) throw coerceError('Long', x, 'Integer', 'Integer'); return toInt32(x.v) | 0;
    }
  }
  throw convError(x, 'java.lang.Integer');
}
// LongCH
function convLong(x) {
  if (typeof x === 'string') return x.length === 0 ? new N('L', 0) : T.javaParseLong(x, 10);
  if (typeof x === 'boolean') return new N('L', x ? 1 : 0);
  if (typeof x === 'number') return new N('L', x);
  if (x instanceof N && x.k !== 'B' && x.k !== 'C') return x.k === 'L' ? x : new N('L', x.v);
  throw convError(x, 'java.lang.Long');
}
// DoubleCH / FloatCH (their error text names Integer, as MVEL's does)
function convDouble(x) {
  if (typeof x === 'string') return new N('D', x.length === 0 ? 0 : javaParseDouble(x));
  if (typeof x === 'boolean') return new N('D', x ? 1 : 0);
  if (typeof x === 'number') return new N('D', x);
  if (x instanceof N && x.k !== 'B' && x.k !== 'C') return x.k === 'D' ? x : new N('D', x.k === 'F' ? x.v : nv(x));
  throw convError(x, 'java.lang.Integer');
}
function convFloat(x) {
  if (typeof x === 'string') return T.F(x.length === 0 ? 0 : javaParseDouble(x));
  if (typeof x === 'boolean') return T.F(x ? 1 : 0);
  if (typeof x === 'number') return T.F(x);
  if (x instanceof N && x.k !== 'B' && x.k !== 'C') return x.k === 'F' ? x : T.F(nv(x));
  throw convError(x, 'java.lang.Integer');
}
// ShortCH
function convShort(x) {
  if (typeof x === 'string') return T.S(parseJavaInt(x, 16));
  if (typeof x === 'boolean') return T.S(x ? 1 : 0);
  if (typeof x === 'number') { if (x > 32767) throw coerceError('Integer', x, 'Short', 'Integer'); return T.S(x); }
  if (x instanceof N) {
    switch (x.k) {
      case 'S': return x;
      case 'F': if (x.v > 32767) throw coerceError('Float', x, 'Short', 'Integer'); return T.S(toInt32(x.v));
      case 'D': if (x.v > 32767) throw coerceError('Double', x, 'Short', 'Integer'); return T.S(toInt32(x.v));
      case 'L': if (lv(x) > 32767n) throw coerceError('Integer', x, 'Short', 'Integer'); return T.S(Number(BigInt.asIntN(16, lv(x))));
    }
  }
  throw convError(x, 'java.lang.Short');
}
// ByteCH
function convByte(x) {
  if (typeof x === 'string') return T.B(parseJavaInt(x, 8));
  if (typeof x === 'number') return T.B(x);
  if (x instanceof N) {
    switch (x.k) {
      case 'B': return x;
      case 'S': return T.B(x.v);
      case 'L': return T.B(Number(BigInt.asIntN(8, lv(x))));
      case 'D': case 'F': return T.B(toInt32(x.v));
    }
  }
  throw convError(x, 'java.lang.Integer');
}
// CharCH (a char is a one-character string here)
function convChar(x) {
  if (typeof x === 'string') {
    if (x.length > 1) throw JErr('org.mvel2.ConversionException: cannot convert a string with a length greater than 1 to java.lang.Character');
    if (x.length === 0) throw JErr('java.lang.StringIndexOutOfBoundsException: index 0, length 0');
    return T.C(x);
  }
  if (x instanceof N && x.k === 'C') return x;
  if (typeof x === 'number') return T.C(x & 0xFFFF);
  throw convError(x, 'java.lang.Integer');
}
// BooleanCH
function convBoolean(x) {
  if (typeof x === 'boolean' || typeof x === 'string' || typeof x === 'number') return toBoolean(x);
  if (x instanceof N && x.k !== 'B' && x.k !== 'C') return toBoolean(x);
  throw convError(x, 'java.lang.Boolean');
}
var PRIM_COMPONENT = { '[B': 'byte', '[I': 'int', '[J': 'long', '[S': 'short', '[F': 'float', '[D': 'double', '[C': 'char', '[Z': 'boolean' };
var COMPONENT_TAG = { byte: 'byte', int: 'int', long: 'long', short: 'short', float: 'float', double: 'double', char: 'char',
  boolean: 'boolean', 'java.lang.String': 'String', 'java.lang.Object': 'Object', 'java.lang.Integer': 'Integer', 'java.lang.Byte': 'Byte' };
function componentOf(cls) { return PRIM_COMPONENT[cls] || cls.slice(2, -1); }
// ArrayHandler: a collection, an array or one value into a new array of the target's component type
function convArray(x, cls) {
  var comp = componentOf(cls), items = Array.isArray(x) ? x : x instanceof JSet ? x.list() : [x];
  var out = items.map(function (e) { return jconvert(e, comp); });
  return jarr(COMPONENT_TAG[comp] || 'Object', out);
}
function jconvert(x, cls) {
  if (x === null || x === undefined) return null;
  var from = javaClass(x);
  if (from === cls || assignable(cls, from)) return x;
  switch (cls) {
    case 'int': case 'java.lang.Integer': return convInt(x);
    case 'long': case 'java.lang.Long': return convLong(x);
    case 'double': case 'java.lang.Double': return convDouble(x);
    case 'float': case 'java.lang.Float': return convFloat(x);
    case 'short': case 'java.lang.Short': return convShort(x);
    case 'byte': case 'java.lang.Byte': return convByte(x);
    case 'char': case 'java.lang.Character': return convChar(x);
    case 'boolean': case 'java.lang.Boolean': return convBoolean(x);
    case 'java.lang.String': case 'java.lang.CharSequence':
      if (x === T.EMPTY) throw convError(x, 'java.lang.String');
      return str(x);
    case 'java.util.List': case 'java.util.ArrayList': case 'java.util.Collection': case 'java.lang.Iterable':
      if (Array.isArray(x)) return x.slice();
      if (x instanceof JSet) return x.list();
      break;
    case 'java.util.Set':
      if (Array.isArray(x) || x instanceof JSet) return new JSet(iterList(x));
      break;
  }
  if (cls.charAt(0) === '[' && (Array.isArray(x) || x instanceof JSet)) return convArray(x, cls);
  throw convError(x, cls);
}
T.jconvert = jconvert;

// ---- class facts ----
var BOX = { int: 'java.lang.Integer', long: 'java.lang.Long', double: 'java.lang.Double', float: 'java.lang.Float',
  short: 'java.lang.Short', byte: 'java.lang.Byte', char: 'java.lang.Character', boolean: 'java.lang.Boolean' };
var UNBOX = {};
Object.keys(BOX).forEach(function (k) { UNBOX[BOX[k]] = k; });
var NUMBER_CLASSES = { 'java.lang.Number': 1, 'java.math.BigDecimal': 1, 'java.math.BigInteger': 1, 'java.lang.Integer': 1,
  'java.lang.Long': 1, 'java.lang.Double': 1, 'java.lang.Float': 1, 'java.lang.Short': 1, 'java.lang.Byte': 1 };
var WIDENING = { 'double<float': 1, 'float<long': 1, 'long<int': 1, 'int<char': 1, 'int<short': 1, 'short<byte': 1 };
function assignable(to, cls) {
  if (to === cls) return true;
  if (to === 'java.lang.Object') return !isPrimitiveName(cls);
  var sup = T.JVM.supertypes[cls];
  return !!sup && sup.indexOf(to) >= 0;
}
function canConvert(to, cls) { var c = T.JVM.canConvert[to]; return !!c && c.indexOf(cls) >= 0; }
// ParseTools.getMethodScore, one argument
function scoreOne(param, arg) {
  if (arg === null) return isPrimitiveName(param) ? 0 : 7;
  if (param === arg) return 8;
  if (BOX[param] === arg) return 7;
  if (assignable(param, arg)) return 6;
  if (WIDENING[param + '<' + (UNBOX[arg] || arg)]) return 5;
  if (NUMBER_CLASSES[arg] && NUMBER_CLASSES[BOX[param] || param]) return 4;
  if (arg !== 'java.lang.Object' && assignable(BOX[param] || param, BOX[arg] || arg)) return 3;
  if (canConvert(param, arg)) return (param.charAt(0) === '[' && arg.charAt(0) === '[') || (param === 'char' && arg === 'java.lang.String') ? 2 : 1;
  if (param === 'java.lang.Object' || arg === 'org.mvel2.util.NullType') return 1;
  return 0;
}
// Methods of a class, read once from the facts: [name, params (ExecutionContext left out), return, static, varargs, owner, ctx]
var METHOD_CACHE = {};
function methodsOf(owner) {
  var ms = METHOD_CACHE[owner];
  if (ms) return ms;
  ms = (T.JVM.methods[owner] || []).map(function (m) {
    var ctx = m[1].length > 0 && m[1][0] === 'org.mvel2.ExecutionContext';
    return { n: m[0], p: ctx ? m[1].slice(1) : m[1], r: m[2], s: (m[3] & 1) !== 0, v: (m[3] & 2) !== 0, o: m[4] };
  });
  return (METHOD_CACHE[owner] = ms);
}
function moreSpecialized(a, b) { return assignable(b.r, a.r) && assignable(b.o, a.o); }
function bestCandidate(args, name, owner, staticOnly) {
  var best = null, bestScore = -1, ms = methodsOf(owner);
  for (var i = 0; i < ms.length; i++) {
    var m = ms[i];
    if (m.n !== name || (staticOnly && !m.s)) continue;
    if (m.p.length === 0 && args.length === 0) { if (best === null || moreSpecialized(m, best)) best = m; continue; }
    if ((m.v && m.p.length - 1 > args.length) || (!m.v && m.p.length !== args.length)) continue;
    var score = 0;
    for (var a = 0; a < args.length; a++) {
      var param = m.v && a >= m.p.length - 1 ? componentOf(m.p[m.p.length - 1]) : m.p[a];
      var s = scoreOne(param, args[a]);
      if (s === 0) { score = 0; break; }
      score += s;
    }
    if (score === 0 && m.v && m.p.length - 1 === args.length) score += 3;
    if (score === 0) continue;
    if (score > bestScore) { best = m; bestScore = score; }
    else if (score === bestScore && moreSpecialized(m, best) && !m.v) best = m;
  }
  return best;
}
T.bestCandidate = bestCandidate;
// Method.invoke's own check of an argument: an instance of the parameter's class, or a primitive it widens to
var KIND_PRIM = { L: 'long', D: 'double', F: 'float', B: 'byte', S: 'short', C: 'char' };
var WIDENS = { byte: 'short int long float double', short: 'int long float double', char: 'int long float double',
  int: 'long float double', long: 'float double', float: 'double' };
function primOf(x) { return typeof x === 'number' ? 'int' : x instanceof N ? KIND_PRIM[x.k] : typeof x === 'boolean' ? 'boolean' : null; }
function reflectOk(x, param) {
  if (x === null || x === undefined) return !isPrimitiveName(param);
  if (isPrimitiveName(param)) {
    var p = primOf(x);
    return p === param || (!!p && !!WIDENS[p] && WIDENS[p].split(' ').indexOf(param) >= 0);
  }
  return assignable(param, javaClass(x));
}
function mismatch() { return JErr('java.lang.IllegalArgumentException: argument type mismatch'); }
// an argument Method.invoke accepts, as the value the method sees (a primitive widened)
function passed(x, param) {
  if (!isPrimitiveName(param) || primOf(x) === param) return x;
  // a byte, short or char widened as Method.invoke widens it (MVEL's converters to long, float... have no Byte)
  if (x instanceof N && (x.k === 'B' || x.k === 'S' || x.k === 'C')) {
    switch (param) {
      case 'int': return x.v;
      case 'long': return new N('L', x.v);
      case 'float': return new N('F', x.v);
      case 'double': return new N('D', x.v);
      case 'short': return T.S(x.v);
    }
  }
  return jconvert(x, param);
}
// DataConversion of an argument MVEL coerces; a null cannot become a primitive
function coerced(x, param) {
  if ((x === null || x === undefined) && isPrimitiveName(param)) throw mismatch();
  return jconvert(x, param);
}
function paramOf(m, i) { return m.v && i >= m.p.length - 1 ? componentOf(m.p[m.p.length - 1]) : m.p[i]; }
// Class.isAssignableFrom between compile-time classes (a primitive only from itself)
function staticAssignable(p, st) { return p === st || (!isPrimitiveName(p) && !isPrimitiveName(st) && assignable(p, st)); }
// A static call site: {c: class, n: method, t: [compile-time classes, null where unknown], m: the method, once chosen}.
// The first call converts the arguments whose compile-time class the parameter does not accept and passes the others
// as they are (a mismatch fails); later calls pass the values when the method accepts them all and convert them all
// otherwise (ReflectiveAccessorOptimizer, then MethodAccessor).
T.scall = function (site, args) {
  var m = site.m, n = args.length, conv = new Array(n), i, p;
  if (!m) {
    var classes = args.map(function (x, k) { return site.t[k] || (x === null || x === undefined ? null : javaClass(x)); });
    m = bestCandidate(classes, site.n, site.c, true);
    if (!m) {
      // MVEL lists the arguments' classes, a null one as nothing
      throw JErr('unable to resolve method: ' + site.c + '.' + site.n + '(' + args.map(function (x) { return x === null || x === undefined ? '' : javaClass(x); }).join(', ') +
        ') [arglength=' + n + ']');
    }
    site.m = m;
    for (i = 0; i < n; i++) {
      p = paramOf(m, i);
      if (p === 'java.lang.Object' || (site.t[i] && staticAssignable(p, site.t[i]))) {
        if (!reflectOk(args[i], p)) throw mismatch();
        conv[i] = passed(args[i], p);
      } else conv[i] = coerced(args[i], p);
    }
    return T.invokeStatic(m, conv);
  }
  var direct = true;
  for (i = 0; i < n && direct; i++) direct = reflectOk(args[i], paramOf(m, i));
  for (i = 0; i < n; i++) { p = paramOf(m, i); conv[i] = direct ? passed(args[i], p) : coerced(args[i], p); }
  return T.invokeStatic(m, conv);
};
