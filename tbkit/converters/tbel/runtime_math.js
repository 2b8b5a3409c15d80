// tbkit TBEL runtime, part 1b: MVEL's operators as MathProcessor runs them (org.mvel2.math.MathProcessor).
//
// Every binary operator takes the Java type codes (DataTypes) its operands had at compile time; a code below 1
// means "unknown when compiling" and is resolved from the value, as MathProcessor.doOperations does. The codes
// decide the result: `int` (101, a typed variable or a method returning int) and `Integer` (106, a literal) are
// computed differently (int + Integer goes through doubles and is narrowed back to an int, saturating).
// The generated code calls op(...) with the static codes, or the shortcuts below when both are unknown.

// DataTypes codes
var DT = { NULL: -1, OBJECT: 0, STRING: 1, BOOLEAN: 7, CHAR: 8, BYTE: 9, W_BOOLEAN: 15, COLLECTION: 50, W_BYTE: 99,
  SHORT: 100, INTEGER: 101, LONG: 102, DOUBLE: 103, FLOAT: 104, W_SHORT: 105, W_INTEGER: 106, W_LONG: 107,
  W_FLOAT: 108, W_DOUBLE: 109, BIG_DECIMAL: 110, BIG_INTEGER: 111, W_CHAR: 112, EMPTY: 200 };
T.DT = DT;
// Operator codes (org.mvel2.Operator)
var OP = { ADD: 0, SUB: 1, MULT: 2, DIV: 3, MOD: 4, POWER: 5, BW_AND: 6, BW_OR: 7, BW_XOR: 8, BW_SHIFT_RIGHT: 9,
  BW_SHIFT_LEFT: 10, BW_USHIFT_RIGHT: 11, BW_USHIFT_LEFT: 12, BW_NOT: 13, LTHAN: 14, GTHAN: 15, LETHAN: 16,
  GETHAN: 17, EQUAL: 18, NEQUAL: 19, STR_APPEND: 20 };
T.OP = OP;
var OP_NAMES = ['ADD', 'SUB', 'MULT', 'DIV', 'MOD', 'POWER', 'BW_AND', 'BW_OR', 'BW_XOR', 'BW_SHIFT_RIGHT', 'BW_SHIFT_LEFT',
  'BW_USHIFT_RIGHT', 'BW_USHIFT_LEFT', 'BW_NOT', 'LTHAN', 'GTHAN', 'LETHAN', 'GETHAN', 'EQUAL', 'NEQUAL', 'STR_APPEND'];

// The DataTypes code of a value's class (ParseTools.__resolveType(value.getClass())); null is OBJECT.
var KIND_CODE = { L: 107, D: 109, F: 108, B: 99, S: 105, C: 112 };
function typeCode(x) {
  if (x === null || x === undefined) return 0;
  switch (typeof x) {
    case 'number': return 106;
    case 'string': return 1;
    case 'boolean': return 15;
  }
  if (x instanceof N) return KIND_CODE[x.k];
  if (Array.isArray(x)) return x.$t ? 0 : 50;
  if (x instanceof JSet) return 50;
  if (x === T.EMPTY) return 200;
  return 0;
}
T.typeCode = typeCode;

// ---- Java's exceptions, worded as the JVM words them ----
var JAVA_BASE = "module java.base of loader 'bootstrap'";
var APP = "unnamed module of loader 'app'";
function javaClass(x) {
  if (x === null || x === undefined) return 'null';
  switch (typeof x) {
    case 'number': return 'java.lang.Integer';
    case 'string': return 'java.lang.String';
    case 'boolean': return 'java.lang.Boolean';
  }
  if (x instanceof N) return { L: 'java.lang.Long', D: 'java.lang.Double', F: 'java.lang.Float', B: 'java.lang.Byte', S: 'java.lang.Short', C: 'java.lang.Character' }[x.k];
  if (Array.isArray(x)) return x.$t ? ARRAY_CLASS[x.$t] || '[Ljava.lang.Object;' : 'org.mvel2.execution.ExecutionArrayList';
  if (x instanceof Map) return 'org.mvel2.execution.ExecutionHashMap';
  if (x instanceof JSet) return 'org.mvel2.execution.ExecutionLinkedHashSet';
  if (x instanceof Entry) return 'org.mvel2.execution.ExecutionEntry';
  if (x instanceof TDate) return 'org.thingsboard.script.api.tbel.TbDate';
  if (x === T.EMPTY) return 'org.mvel2.compiler.BlankLiteral';
  return 'java.lang.Object';
}
T.javaClass = javaClass;
var ARRAY_CLASS = { byte: '[B', int: '[I', long: '[J', short: '[S', float: '[F', double: '[D', char: '[C', boolean: '[Z',
  String: '[Ljava.lang.String;', Object: '[Ljava.lang.Object;' };
function moduleOf(cls) { return /^(java\.|\[[BIJSFDCZ]$|\[Ljava\.)/.test(cls) ? JAVA_BASE : APP; }
function shownClass(cls) { return cls.charAt(0) === '[' ? '[' + cls.slice(1) : cls; }
// ClassCastException: "class A cannot be cast to class B (A and B are in module java.base of loader 'bootstrap')"
function cce(x, target) {
  var from = javaClass(x), mf = moduleOf(from), mt = moduleOf(target), where;
  if (mf === mt) where = shownClass(from) + ' and ' + target + ' are in ' + mf;
  else where = shownClass(from) + ' is in ' + mf + '; ' + target + ' is in ' + mt;
  return JErr('java.lang.ClassCastException: class ' + shownClass(from) + ' cannot be cast to class ' + target + ' (' + where + ')');
}
T.cce = cce;
function npeUnbox(cls, method) {
  return JErr('java.lang.NullPointerException: Cannot invoke "' + cls + '.' + method + '()" because the value is null');
}
T.npeUnbox = npeUnbox;

// ---- casts the JVM makes inside MathProcessor ----
function asInteger(x) { if (typeof x === 'number') return x; if (x === null || x === undefined) throw npeUnbox('java.lang.Integer', 'intValue'); throw cce(x, 'java.lang.Integer'); }
function asLongBig(x) { if (x instanceof N && x.k === 'L') return lv(x); if (x === null || x === undefined) throw npeUnbox('java.lang.Long', 'longValue'); throw cce(x, 'java.lang.Long'); }
function asByte(x) { if (x instanceof N && x.k === 'B') return x.v; if (x === null || x === undefined) throw npeUnbox('java.lang.Byte', 'byteValue'); throw cce(x, 'java.lang.Byte'); }
function asShort(x) { if (x instanceof N && x.k === 'S') return x.v; if (x === null || x === undefined) throw npeUnbox('java.lang.Short', 'shortValue'); throw cce(x, 'java.lang.Short'); }
function asNumber(x, method) {
  if (typeof x === 'number' || (x instanceof N && x.k !== 'C')) return x;
  if (x === null || x === undefined) throw npeUnbox('java.lang.Number', method);
  throw cce(x, 'java.lang.Number');
}
// Number.intValue() and friends (d2i saturates, l2i keeps the low bits)
function intValue(x) {
  x = asNumber(x, 'intValue');
  if (typeof x === 'number') return x;
  if (x.k === 'L') return Number(BigInt.asIntN(32, lv(x)));
  if (x.k === 'D' || x.k === 'F') return toInt32(x.v) | 0;
  return x.v;
}
function longValue(x) {
  x = asNumber(x, 'longValue');
  if (typeof x === 'number') return new N('L', x);
  if (x.k === 'L') return x;
  return new N('L', x.k === 'D' || x.k === 'F' ? x.v : x.v);
}
function doubleValue(x) { x = asNumber(x, 'doubleValue'); return typeof x === 'number' ? x : x.v; }
function floatValue(x) { x = asNumber(x, 'floatValue'); return Math.fround(typeof x === 'number' ? x : x.v); }
T.intValue = intValue; T.longValue = longValue; T.doubleValue = doubleValue; T.floatValue = floatValue;

// ---- MathProcessor ----
function isIntegerType(t) { return t === 9 || t === 99 || t === 101 || t === 106 || t === 102 || t === 107; }
function isBooleanType(t) { return t === 7 || t === 15; }
function isIntOrBool(t) { return isIntegerType(t) || isBooleanType(t); }
function boxCode(t) {
  switch (t) {
    case 101: return 106; case 103: return 109; case 102: return 107; case 100: return 105;
    case 9: return 99; case 104: return 108; case 8: return 112; case 7: return 15;
  }
  return t;
}
// ParseTools.isNumber(Object)
function isNumberValue(x) {
  if (x === null || x === undefined) return false;
  if (typeof x === 'string') return x.length > 0 && isNumberString(x);
  if (typeof x === 'number') return true;
  return x instanceof N && x.k !== 'B';
}
function isNumberString(s) {
  var i = 0, f = true;
  if (s.length > 1) { if (s[0] === '-') i++; else if (s[0] === '~') { i++; if (s[1] === '-') i++; } }
  for (; i < s.length; i++) {
    var c = s.charCodeAt(i);
    if (c < 48 || c > 57) { if (c === 46 && f) f = false; else return false; }
  }
  return s.length > 0;
}
T.isNumberString = isNumberString;
function parseDoubleText(s) { return javaParseDouble(s); }
// MathProcessor.getNumber
function getNumber(x, t) {
  if (x === null || x === undefined || x === T.EMPTY) return 0;
  switch (t) {
    case 110: case 111: case 101: case 106: case 102: case 107: case 104: case 108: case 100: case 105: case 103: case 109:
      return doubleValue(x);
    case 8: case 112: case 1: return parseDoubleText(str(x));
    case 7: case 15: if (typeof x !== 'boolean') throw cce(x, 'java.lang.Boolean'); return x ? 1 : 0;
    case 99: case 9: return asByte(x);
    case 0:
      if (isNum(x)) return nv(x);
      if (typeof x !== 'string') throw cce(x, 'java.lang.String');
      return parseDoubleText(x);
  }
  throw JErr('cannot convert <' + str(x) + '> to a numeric type: class ' + javaClass(x) + ' [' + t + ']');
}
// MathProcessor.toType
function toType(v, t) {
  switch (t) {
    case 109: case 103: case 1: return new N('D', v);
    case 108: case 104: return new N('F', Math.fround(v));
    case 101: case 106: return toInt32(v) | 0;
    case 107: case 102: return new N('L', v);
    case 105: case 100: return T.S(toInt32(v));
    case 99: case 9: return T.B(toInt32(v));
    case 110: return new N('D', v);
    case 111: return new N('L', v);
  }
  throw JErr('internal error: ' + t);
}
function primWrapper(a, op, b, rt) {
  switch (op) {
    case 0: return toType(a + b, rt);
    case 3: return toType(a / b, rt);
    case 1: return toType(a - b, rt);
    case 2: return toType(a * b, rt);
    case 5: return toType(Math.pow(a, b), rt);
    case 4: return toType(a % b, rt);
    case 15: return a > b;
    case 17: return a >= b;
    case 14: return a < b;
    case 16: return a <= b;
    case 18: return a === b;
    case 19: return a !== b;
  }
  return null;
}
function isNumericOperation(t1, v1, op, t2, v2) {
  return (t1 >= 99 && t2 >= 99) ||
    (op !== 0 && (t1 >= 99 || t2 >= 99 || op < 14 || op > 17) && isNumberValue(v1) && isNumberValue(v2));
}
function doOps(t1, v1, op, t2, v2) {
  if (v1 === undefined) v1 = null;
  if (v2 === undefined) v2 = null;
  if (t1 < 1) t1 = typeCode(v1);
  if (t2 < 1) t2 = typeCode(v2);
  if (op < 20) {
    if (((t1 > 49 || op === 18 || op === 19) && t1 === t2) || (isIntOrBool(t1) && isIntOrBool(t2) && op >= 6 && op <= 13)) {
      if (isBooleanType(t1)) { if (typeof v1 !== 'boolean') throw cce(v1, 'java.lang.Boolean'); v1 = v1 ? 1 : 0; t1 = 106; }
      if (isBooleanType(t2)) { if (typeof v2 !== 'boolean') throw cce(v2, 'java.lang.Boolean'); v2 = v2 ? 1 : 0; }
      return sameType(t1, v1, op, v2);
    } else if (v2 !== null && isNumericOperation(t1, v1, op, t2, v2)) {
      return primWrapper(getNumber(v1, t1), op, getNumber(v2, t2), Math.max(boxCode(t2), boxCode(t1)));
    } else if (op !== 0 && (t1 === 15 || t2 === 15) && t1 !== t2 && t1 !== 200 && t2 !== 200) {
      return nonNumeric(t1, toBoolean(v1), op, toBoolean(v2));
    } else if ((t1 === 1 || t2 === 1) && (t1 === 8 || t1 === 112 || t2 === 8 || t2 === 112)) {
      return t1 === 1 ? nonNumeric(t1, v1, op, str(v2)) : nonNumeric(t1, str(v1), op, v2);
    }
  }
  return nonNumeric(t1, v1, op, v2);
}
// T.op: doOps, with the common case first: two ints whose compile-time class is int or unknown (doOps would take
// them to doOperationsSameType(INTEGER) too)
T.op = function (t1, v1, op, t2, v2) {
  if (typeof v1 === 'number' && typeof v2 === 'number' && (t1 === -1 || t1 === 106) && (t2 === -1 || t2 === 106)) {
    switch (op) {
      case 0: return intRes(v1 + v2);
      case 1: return intRes(v1 - v2);
      case 6: return v1 & v2;
      case 7: return v1 | v2;
      case 8: return v1 ^ v2;
      case 9: return v1 >> v2;
      case 10: return v1 << v2;
      case 11: return (v1 >>> v2) | 0;
      case 14: return v1 < v2;
      case 15: return v1 > v2;
      case 16: return v1 <= v2;
      case 17: return v1 >= v2;
      case 18: return v1 === v2;
      case 19: return v1 !== v2;
      case 2: return intMul(v1, v2);
    }
    return doOps(t1, v1, op, t2, v2);
  }
  // a byte (payload[i]) masked or shifted by an int: doOperationsSameType(BYTE) reads it as an int
  if (op >= 6 && op <= 11 && v1 instanceof N && v1.k === 'B' && typeof v2 === 'number' && (t1 === -1 || t1 === 99) &&
      (t2 === -1 || t2 === 106)) {
    return intBits(op, v1.v, v2);
  }
  return doOps(t1, v1, op, t2, v2);
};
// DataConversion.convert(x, Boolean.class)
function toBoolean(x) {
  if (x === null || x === undefined) return null;
  if (typeof x === 'boolean') return x;
  if (typeof x === 'string') {
    var l = x.toLowerCase();
    return !(l === 'false' || l === 'no' || l === 'off' || x === '0' || x === '');
  }
  if (typeof x === 'number') return x > 0;
  if (x instanceof N && x.k !== 'B' && x.k !== 'C') return nv(x) > 0;
  if (Array.isArray(x) || x instanceof Map || x instanceof JSet || x instanceof TDate || x instanceof Entry) {
    return toBoolean(str(x));
  }
  throw JErr('org.mvel2.ConversionException: cannot convert type: ' + javaClass(x) + ' to: java.lang.Boolean');
}
T.toBoolean = toBoolean;
function compareValues(a, b) {  // Comparable.compareTo, as MathProcessor calls it
  if (b === null) return null;
  if (typeof a === 'string') { if (typeof b !== 'string') throw cce(b, 'java.lang.String'); return a < b ? -1 : a > b ? 1 : 0; }
  if (typeof a === 'boolean') { if (typeof b !== 'boolean') throw cce(b, 'java.lang.Boolean'); return (a ? 1 : 0) - (b ? 1 : 0); }
  if (a instanceof N && a.k === 'C') { if (!(b instanceof N && b.k === 'C')) throw cce(b, 'java.lang.Character'); return a.v - b.v; }
  if (isNum(a)) {
    var ka = javaClass(a);
    if (javaClass(b) !== ka) throw cce(b, ka);
    if (a.k === 'L' && (a.b !== undefined || b.b !== undefined)) { var p = lv(a), q = lv(b); return p < q ? -1 : p > q ? 1 : 0; }
    var x = nv(a), y = nv(b);
    if (x !== x || y !== y) return x !== x ? (y !== y ? 0 : 1) : -1;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a instanceof TDate) { if (!(b instanceof TDate)) throw cce(b, 'org.thingsboard.script.api.tbel.TbDate'); return a.ms < b.ms ? -1 : a.ms > b.ms ? 1 : 0; }
  return undefined;
}
function compareOp(a, b, test) {
  var c;
  try {
    c = compareValues(a, b);
  } catch (e) {
    throw JErr('uncomparable values <<' + str(a) + '>> and <<' + str(b) + '>>');
  }
  if (c === undefined) return false;
  return b !== null && test(c);
}
function nonNumeric(t1, v1, op, v2) {
  switch (op) {
    case 0:
      // a list plus a value is a new java.util.ArrayList, which a variable or a map cannot hold
      if (t1 === 50) { var l = iterList(v1).slice(); l.push(v2); return rawJava(l, 'java.util.ArrayList'); }
      return str(v1) + str(v2);
    case 18: return javaEquals(v2, v1);
    case 19: return !javaEquals(v2, v1);
    case 1: case 3: case 2: case 4: return null;
    case 15: return compareOp(v1, v2, function (c) { return c >= 1; });
    case 17: return compareOp(v1, v2, function (c) { return c >= 0; });
    case 14: return compareOp(v1, v2, function (c) { return c <= -1; });
    case 16: return compareOp(v1, v2, function (c) { return c <= 0; });
    case 20: return str(v1) + str(v2);
  }
  throw JErr('could not perform numeric operation on non-numeric types: left-type=' + (v1 !== null ? javaClass(v1) : 'null') +
    '; right-type=' + (v2 !== null ? javaClass(v2) : 'null') + ' [vals (' + str(v1) + ', ' + str(v2) + ') operation=' +
    OP_NAMES[op] + ' (opcode:' + op + ') ]');
}
// Object.equals of the left value (safeEquals(val2, val1) calls val2.equals(val1))
function javaEquals(a, b) {
  if (a === null || a === undefined) return b === null || b === undefined;
  if (a === T.EMPTY) return T.isBlank(b);  // BlankLiteral.equals
  return jeq(a, b);
}

function longOf(x) { return lv(longValue(x)); }
function longNum(x) { return x instanceof N && x.k === 'L' ? x : longValue(x); }
// MathProcessor.doOperationsSameType; the `case` blocks fall through as Java's do when no branch returns
function sameType(t, v1, op, v2) {
  switch (t) {
    case 50:
      switch (op) {
        case 0: return rawJava(iterList(v1).slice().concat(iterList(v2)), 'java.util.ArrayList');
        case 18: return jeq(v1, v2);
        case 19: return !jeq(v1, v2);
        default: throw JErr('java.lang.UnsupportedOperationException: illegal operation on Collection type');
      }
    case 101: case 106: {
      var r = sameInt(v1, op, v2);
      if (r !== undefined) return r;
    }
    // falls through
    case 9: case 99: {
      var rb = sameByte(v1, op, v2);
      if (rb !== undefined) return rb;
    }
    // falls through
    case 100: case 105: {
      var rs = sameShort(v1, op, v2);
      if (rs !== undefined) return rs;
    }
    // falls through
    case 102: case 107: {
      var rl = sameLong(v1, op, v2);
      if (rl !== undefined) return rl;
    }
    // falls through
    case 300: case 103: case 109: {
      var rd = sameDouble(v1, op, v2);
      if (rd !== undefined) return rd;
    }
    // falls through
    case 104: case 108: {
      var rf = sameFloat(v1, op, v2);
      if (rf !== undefined) return rf;
    }
    // falls through
    case 111: {
      if (op <= 5 || (op >= 14 && op <= 19)) throw cce(v1, 'java.math.BigInteger');
      if (op >= 6 && op <= 12) throw JErr('bitwise operation on a number greater than 32-bits not possible');
    }
    // falls through
    default:
      switch (op) {
        case 18: return javaEquals(v2, v1);
        case 19: return !javaEquals(v2, v1);
        case 0: return str(v1) + str(v2);
      }
  }
  return null;
}
function cmpNull(v1, v2, f) { return v1 !== null && v2 !== null && f(); }
function sameInt(v1, op, v2) {
  // MathProcessor converts both values first (toInteger), so a null fails whatever the operation
  var i1 = intValue(v1), i2 = intValue(v2);
  switch (op) {
    case 0: return intRes(i1 + i2);
    case 1: return intRes(i1 - i2);
    case 3: return new N('D', doubleValue(v1) / i2);
    case 2: return intMul(i1, i2);
    case 5: { var d = Math.pow(i1, i2); return d > 2147483647 ? new N('D', d) : toInt32(d) | 0; }
    case 4: if (i2 === 0) throw JErr('java.lang.ArithmeticException: / by zero'); return (i1 % i2) | 0;
    case 15: return i1 > i2;
    case 17: return i1 >= i2;
    case 14: return i1 < i2;
    case 16: return i1 <= i2;
    case 18: return i1 === i2;
    case 19: return i1 !== i2;
    case 6: case 7: case 10: case 9: case 11: case 8:
      if (v2 instanceof N && v2.k === 'L') return longBits(op, BigInt(asInteger(v1)), lv(v2), true);
      return intBits(op, asInteger(v1), asInteger(v2));
  }
  return undefined;
}
function intBits(op, a, b) {
  switch (op) {
    case 6: return a & b; case 7: return a | b; case 8: return a ^ b;
    case 10: return a << b; case 9: return a >> b; case 11: return (a >>> b) | 0;
  }
  return null;
}
// int op long: Java widens the int; a shift of an int by a long shifts the int (result int)
function longBits(op, a, b, leftInt) {
  if (leftInt && (op === 10 || op === 9 || op === 11)) return intBits(op, Number(a), Number(BigInt.asIntN(32, b)));
  var r;
  switch (op) {
    case 6: r = a & b; break; case 7: r = a | b; break; case 8: r = a ^ b; break;
    case 10: r = a << (b & 63n); break; case 9: r = a >> (b & 63n); break;
    case 11: r = BigInt.asUintN(64, a) >> (b & 63n); break;
  }
  return new N('L', r);
}
function sameByte(v1, op, v2) {
  switch (op) {
    case 0: return (intValue(v1) + intValue(v2)) | 0;
    case 1: return (intValue(v1) - intValue(v2)) | 0;
    case 3: return new N('D', doubleValue(v1) / intValue(v2));
    case 2: return Math.imul(intValue(v1), intValue(v2));
    case 5: { var d = Math.pow(intValue(v1), intValue(v2)); return d > 2147483647 ? new N('D', d) : toInt32(d) | 0; }
    case 4: { var b = intValue(v2); if (b === 0) throw JErr('java.lang.ArithmeticException: / by zero'); return (intValue(v1) % b) | 0; }
    case 15: return cmpNull(v1, v2, function () { return intValue(v1) > intValue(v2); });
    case 17: return cmpNull(v1, v2, function () { return intValue(v1) >= intValue(v2); });
    case 14: return cmpNull(v1, v2, function () { return intValue(v1) < intValue(v2); });
    case 16: return cmpNull(v1, v2, function () { return intValue(v1) <= intValue(v2); });
    case 18: return v1 === null ? v2 === null : intValue(v1) === intValue(v2);
    case 19: return v1 === null ? v2 !== null : intValue(v1) !== intValue(v2);
    case 6: case 7: case 10: case 9: case 11: case 8:
      if (v2 instanceof N && v2.k === 'L') return longBits(op, BigInt(asByte(v1)), lv(v2), true);
      return intBits(op, asByte(v1), asInteger(v2));
  }
  return undefined;
}
function shortValue(x) { var v = intValue(x); return (v << 16) >> 16; }
function sameShort(v1, op, v2) {
  switch (op) {
    case 0: return shortValue(v1) + shortValue(v2);
    case 1: return shortValue(v1) - shortValue(v2);
    case 3: return new N('D', doubleValue(v1) / doubleValue(v2));
    case 2: return shortValue(v1) * shortValue(v2);
    case 5: { var d = Math.pow(shortValue(v1), shortValue(v2)); return d > 32767 ? new N('D', d) : T.S(toInt32(d)); }
    case 4: { var b = shortValue(v2); if (b === 0) throw JErr('java.lang.ArithmeticException: / by zero'); return (shortValue(v1) % b) | 0; }
    case 15: return cmpNull(v1, v2, function () { return shortValue(v1) > shortValue(v2); });
    case 17: return cmpNull(v1, v2, function () { return shortValue(v1) >= shortValue(v2); });
    case 14: return cmpNull(v1, v2, function () { return shortValue(v1) < shortValue(v2); });
    case 16: return cmpNull(v1, v2, function () { return shortValue(v1) <= shortValue(v2); });
    case 18: return v1 === null ? v2 === null : shortValue(v1) === shortValue(v2);
    case 19: return v1 === null ? v2 !== null : shortValue(v1) !== shortValue(v2);
    case 6: case 7: case 10: case 9: case 11: case 8: return intBits(op, asShort(v1), asShort(v2));
  }
  return undefined;
}
function sameLong(v1, op, v2) {
  switch (op) {
    case 0: case 1: case 2: return longOp(op, longNum(v1), longNum(v2));
    case 3: return new N('D', doubleValue(v1) / doubleValue(v2));
    case 5: { var d = Math.pow(nv(longNum(v1)), nv(longNum(v2))); return d > 9223372036854775807 ? new N('D', d) : new N('L', d); }
    case 4: { var b = longOf(v2); if (b === 0n) throw JErr('java.lang.ArithmeticException: / by zero'); return new N('L', longOf(v1) % b); }
    case 15: return cmpNull(v1, v2, function () { return longOf(v1) > longOf(v2); });
    case 17: return cmpNull(v1, v2, function () { return longOf(v1) >= longOf(v2); });
    case 14: return cmpNull(v1, v2, function () { return longOf(v1) < longOf(v2); });
    case 16: return cmpNull(v1, v2, function () { return longOf(v1) <= longOf(v2); });
    case 18: return v1 === null ? v2 === null : longOf(v1) === longOf(v2);
    case 19: return v1 === null ? v2 !== null : longOf(v1) !== longOf(v2);
    case 12: throw JErr('java.lang.UnsupportedOperationException: unsigned left-shift not supported');
    case 6: case 7: case 10: case 9: case 11: case 8:
      return longBits(op, asLongBig(v1), typeof v2 === 'number' ? BigInt(v2) : asLongBig(v2), false);
  }
  return undefined;
}
// long op long: exact, with Java's 64-bit wrap-around
function longOp(op, a, b) {
  if (a.b === undefined && b.b === undefined) {
    var r = op === 0 ? a.v + b.v : op === 1 ? a.v - b.v : a.v * b.v;
    if (Number.isSafeInteger(r)) return new N('L', r);
  }
  var x = lv(a), y = lv(b);
  return new N('L', op === 0 ? x + y : op === 1 ? x - y : x * y);
}
function sameDouble(v1, op, v2) {
  switch (op) {
    case 0: return new N('D', doubleValue(v1) + doubleValue(v2));
    case 1: return new N('D', doubleValue(v1) - doubleValue(v2));
    case 3: return new N('D', doubleValue(v1) / doubleValue(v2));
    case 2: return new N('D', doubleValue(v1) * doubleValue(v2));
    case 5: return new N('D', Math.pow(doubleValue(v1), doubleValue(v2)));
    case 4: return new N('D', doubleValue(v1) % doubleValue(v2));
    case 15: return cmpNull(v1, v2, function () { return doubleValue(v1) > doubleValue(v2); });
    case 17: return cmpNull(v1, v2, function () { return doubleValue(v1) >= doubleValue(v2); });
    case 14: return cmpNull(v1, v2, function () { return doubleValue(v1) < doubleValue(v2); });
    case 16: return cmpNull(v1, v2, function () { return doubleValue(v1) <= doubleValue(v2); });
    case 18: return v1 === null ? v2 === null : doubleValue(v1) === doubleValue(v2);
    case 19: return v1 === null ? v2 !== null : doubleValue(v1) !== doubleValue(v2);
    case 6: case 7: case 10: case 9: case 11: case 8: throw JErr('bitwise operation on a non-fixed-point number.');
  }
  return undefined;
}
function sameFloat(v1, op, v2) {
  switch (op) {
    case 0: return new N('F', Math.fround(floatValue(v1) + floatValue(v2)));
    case 1: return new N('F', Math.fround(floatValue(v1) - floatValue(v2)));
    case 3: return new N('D', doubleValue(v1) / doubleValue(v2));
    case 2: return new N('F', Math.fround(floatValue(v1) * floatValue(v2)));
    case 5: return powBigDecimal(v1, v2);
    case 4: return new N('F', Math.fround(floatValue(v1) % floatValue(v2)));
    case 15: return cmpNull(v1, v2, function () { return floatValue(v1) > floatValue(v2); });
    case 17: return cmpNull(v1, v2, function () { return floatValue(v1) >= floatValue(v2); });
    case 14: return cmpNull(v1, v2, function () { return floatValue(v1) < floatValue(v2); });
    case 16: return cmpNull(v1, v2, function () { return floatValue(v1) <= floatValue(v2); });
    case 18: return v1 === null ? v2 === null : floatValue(v1) === floatValue(v2);
    case 19: return v1 === null ? v2 !== null : floatValue(v1) !== floatValue(v2);
    case 6: case 7: case 10: case 9: case 11: case 8: throw JErr('bitwise operation on a non-fixed-point number.');
  }
  return undefined;
}
// float ** n: new BigDecimal(double).pow(n, DECIMAL128) narrowed (ParseTools.narrowType): a double when it has a fraction
function powBigDecimal(v1, v2) {
  var r = Math.pow(doubleValue(v1), intValue(v2));
  if (!Number.isInteger(r)) return new N('D', r);
  return r > 2147483647 || r < -2147483648 ? new N('L', r) : r;
}

// ---- the shortcuts the generated code uses when both operand types are unknown at compile time ----
T.add = function (a, b) {
  if (typeof a === 'number' && typeof b === 'number') return intRes(a + b);
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  return doOps(-1, a, 0, -1, b);
};
T.sub = function (a, b) { if (typeof a === 'number' && typeof b === 'number') return intRes(a - b); return doOps(-1, a, 1, -1, b); };
T.mul = function (a, b) { if (typeof a === 'number' && typeof b === 'number') return intMul(a, b); return doOps(-1, a, 2, -1, b); };
T.div = function (a, b) { return doOps(-1, a, 3, -1, b); };
T.mod = function (a, b) { return doOps(-1, a, 4, -1, b); };
T.lt = function (a, b) { if (typeof a === 'number' && typeof b === 'number') return a < b; return doOps(-1, a, 14, -1, b); };
T.gt = function (a, b) { if (typeof a === 'number' && typeof b === 'number') return a > b; return doOps(-1, a, 15, -1, b); };
T.le = function (a, b) { if (typeof a === 'number' && typeof b === 'number') return a <= b; return doOps(-1, a, 16, -1, b); };
T.ge = function (a, b) { if (typeof a === 'number' && typeof b === 'number') return a >= b; return doOps(-1, a, 17, -1, b); };
T.eq = function (a, b) { if (typeof a === 'number' && typeof b === 'number') return a === b; return doOps(-1, a, 18, -1, b); };
T.ne = function (a, b) { if (typeof a === 'number' && typeof b === 'number') return a !== b; return doOps(-1, a, 19, -1, b); };
T.band = function (a, b) { if (typeof a === 'number' && typeof b === 'number') return a & b; return doOps(-1, a, 6, -1, b); };
T.bor = function (a, b) { if (typeof a === 'number' && typeof b === 'number') return a | b; return doOps(-1, a, 7, -1, b); };
T.bxor = function (a, b) { if (typeof a === 'number' && typeof b === 'number') return a ^ b; return doOps(-1, a, 8, -1, b); };
T.shl = function (a, b) { if (typeof a === 'number' && typeof b === 'number') return a << b; return doOps(-1, a, 10, -1, b); };
T.shr = function (a, b) { if (typeof a === 'number' && typeof b === 'number') return a >> b; return doOps(-1, a, 9, -1, b); };
T.ushr = function (a, b) { if (typeof a === 'number' && typeof b === 'number') return (a >>> b) | 0; return doOps(-1, a, 11, -1, b); };
T.ushl = function (a, b) { return doOps(-1, a, 12, -1, b); };
T.pow = function (a, b) { return doOps(-1, a, 5, -1, b); };

// IntAdd, IntSub, IntMult, IntDiv: both operands Integer at compile time; Java int arithmetic on (Integer) casts
T.iadd = function (a, b) { return (asInteger(a) + asInteger(b)) | 0; };
T.isub = function (a, b) { return (asInteger(a) - asInteger(b)) | 0; };
T.imul = function (a, b) { return Math.imul(asInteger(a), asInteger(b)); };
T.idiv = function (a, b) {
  var x = asInteger(a), y = asInteger(b);
  if (y === 0) throw JErr('java.lang.ArithmeticException: / by zero');
  return (x / y) | 0;
};

// x++ / ++x / x-- / --x: MathProcessor.doOperations(value, ADD or SUB, DataTypes.INTEGER, 1)
T.inc = function (a) { return typeof a === 'number' && a < 2147483647 ? a + 1 : doOps(-1, a, 0, 101, 1); };
T.dec = function (a) { return typeof a === 'number' && a > -2147483648 ? a - 1 : doOps(-1, a, 1, 101, 1); };

// Sign (unary minus): the signer is chosen from the compile-time type, or from the first value it sees, and kept
var SIGNERS = {
  I: function (x) { return -asInteger(x) | 0; },
  D: function (x) { if (!(x instanceof N && x.k === 'D')) throw x === null ? npeUnbox('java.lang.Double', 'doubleValue') : cce(x, 'java.lang.Double'); return new N('D', -x.v); },
  L: function (x) { return new N('L', -asLongBig(x)); },
  F: function (x) { if (!(x instanceof N && x.k === 'F')) throw x === null ? npeUnbox('java.lang.Float', 'floatValue') : cce(x, 'java.lang.Float'); return new N('F', -x.v); },
  S: function (x) { return -asShort(x); }
};
function signerFor(x) {
  var k = typeof x === 'number' ? 'I' : x instanceof N ? x.k : null;
  if (k === null || k === 'B' || k === 'C' || !SIGNERS[k]) {
    throw JErr("illegal use of '-': cannot be applied to: " + javaClass(x));
  }
  return SIGNERS[k];
}
// site: {k: signer kind or null}; a null value gives null without choosing a signer
T.sign = function (site, x) {
  if (x === null || x === undefined) return null;
  if (site.f === undefined) site.f = site.k ? SIGNERS[site.k] : signerFor(x);
  return site.f(x);
};
// ~x (Invert): ~((Integer) value)
T.inv = function (x) { return ~asInteger(x); };
// !x (Negation): !((Boolean) value)
T.not = function (x) {
  if (typeof x === 'boolean') return !x;
  if (x === null || x === undefined) throw npeUnbox('java.lang.Boolean', 'booleanValue');
  throw cce(x, 'java.lang.Boolean');
};
// a condition (if, while, for, &&, ||, ternary): the value must be a Boolean
T.bool = function (x) {
  if (typeof x === 'boolean') return x;
  if (x === null || x === undefined) throw npeUnbox('java.lang.Boolean', 'booleanValue');
  throw cce(x, 'java.lang.Boolean');
};
// the ternary's condition (ExecutionStack.popBoolean)
T.tern = function (x) {
  if (typeof x === 'boolean') return x;
  throw JErr('expected Boolean; but found: ' + (x === null || x === undefined ? 'null' : javaClass(x)));
};
