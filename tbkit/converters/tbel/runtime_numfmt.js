// tbkit TBEL runtime, part 1a: Java 17's Double.toString and Float.toString (the digits Jackson writes too).
//
// Java 17 does not print the shortest digits that identify a value (Java 19 does): its decimal conversion
// (jdk.internal.math.FloatingDecimal) keeps every digit of an integral value below 2^63 less the ones it deems
// insignificant, and otherwise generates digits until the remainder is within half an ULP, with a symmetric
// stopping test (so a float such as 3311747328 prints 3.31174733E9, not 3.3117473E9). This reproduces that
// procedure: binary value -> (digits, decimal exponent) -> Java's text.

var N_5_BITS = [0, 3, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28, 31, 33, 35, 38, 40, 42, 45, 47, 49, 52, 54, 56, 59, 61];
var INSIGNIFICANT = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9,
  10, 10, 10, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15, 15, 16, 16, 16, 17, 17, 17, 18, 18, 18, 19];
function pow5(n) { return 5n ** BigInt(n); }
function i32(x) { return Number(BigInt.asIntN(32, x)); }
function i64(x) { return BigInt.asIntN(64, x); }

// estimateDecExp: floor(log10(value)) from a rough logarithm of the mantissa and the binary exponent
function estimateDecExp(fractBits, binExp) {
  var dv = new DataView(new ArrayBuffer(8));
  dv.setBigUint64(0, (1023n << 52n) | (fractBits & 0xFFFFFFFFFFFFFn));
  var d2 = dv.getFloat64(0);
  var d = (d2 - 1.5) * 0.289529654 + 0.176091259 + binExp * 0.301029995663981;
  return Math.floor(d);
}

// Digits of an integral value (developLongDigits): drop `insignificant` low digits with rounding, then trailing zeros
function longDigits(value, insignificant) {
  var decExp = 0;
  if (insignificant !== 0) {
    var p = 10n ** BigInt(insignificant), residue = value % p;
    value = value / p;
    decExp += insignificant;
    if (residue >= p >> 1n) value++;
  }
  var s = value.toString(), stripped = s.replace(/0+$/, '');
  return { digits: stripped, decExp: decExp + s.length };
}

// The digit loop of dtoa, with the arithmetic (int, long or unbounded) Java would use for these sizes
function digitLoop(b, s, m, tens, bits, compat, decExp) {
  var digits = '', low, high, q;
  var wrap = bits === 32 ? function (x) { return BigInt(i32(x)); } : bits === 64 ? i64 : function (x) { return x; };
  q = b / s; b = wrap(10n * (b % s)); m = wrap(m * 10n);
  low = b < m;
  high = bits ? wrap(b + m) > tens : b + m >= tens;
  if (q === 0n && !high) decExp--; else digits += q.toString();
  if (!compat || decExp < -3 || decExp >= 8) high = low = false;
  while (!low && !high) {
    q = b / s; b = wrap(10n * (b % s)); m = wrap(m * 10n);
    if (!bits || m > 0n) { low = b < m; high = bits ? wrap(b + m) > tens : b + m >= tens; }
    else { low = true; high = true; }
    digits += q.toString();
  }
  var diff = (bits || (high && low)) ? wrap(wrap(b << 1n) - tens) : 0n;
  return { digits: digits, decExp: decExp + 1, low: low, high: high, diff: diff };
}
function roundUp(r) {
  var d = r.digits.split(''), i = d.length - 1;
  while (i >= 0 && d[i] === '9') { d[i] = '0'; i--; }
  if (i < 0) return { digits: '1', decExp: r.decExp + 1 };
  d[i] = String.fromCharCode(d[i].charCodeAt(0) + 1);
  return { digits: d.join(''), decExp: r.decExp };
}

// dtoa(binExp, fractBits (hidden bit at 2^52), nSignificantBits)
function dtoa(binExp, fractBits, nSignificantBits, compat) {
  var tailZeros = 0;
  while (((fractBits >> BigInt(tailZeros)) & 1n) === 0n) tailZeros++;
  var nFractBits = 53 - tailZeros, nTinyBits = Math.max(0, nFractBits - binExp - 1);
  if (binExp <= 62 && binExp >= -21 && nTinyBits < 27 && nFractBits + N_5_BITS[nTinyBits] < 64 && nTinyBits === 0) {
    var insignificant = 0;
    if (binExp > nSignificantBits) {
      var p2 = binExp - nSignificantBits - 1;
      insignificant = p2 > 1 && p2 < INSIGNIFICANT.length ? INSIGNIFICANT[p2] : 0;
    }
    var v = binExp >= 52 ? fractBits << BigInt(binExp - 52) : fractBits >> BigInt(52 - binExp);
    return longDigits(v, insignificant);
  }
  var decExp = estimateDecExp(fractBits, binExp);
  var B5 = Math.max(0, -decExp), B2 = B5 + nTinyBits + binExp, S5 = Math.max(0, decExp), S2 = S5 + nTinyBits;
  var M5 = B5, M2 = B2 - nSignificantBits;
  fractBits >>= BigInt(tailZeros);
  B2 -= nFractBits - 1;
  var common = Math.min(B2, S2);
  B2 -= common; S2 -= common; M2 -= common;
  if (nFractBits === 1) M2 -= 1;
  if (M2 < 0) { B2 -= M2; S2 -= M2; M2 = 0; }
  var Bbits = nFractBits + B2 + (B5 < N_5_BITS.length ? N_5_BITS[B5] : B5 * 3);
  var tenSbits = S2 + 1 + ((S5 + 1) < N_5_BITS.length ? N_5_BITS[S5 + 1] : (S5 + 1) * 3);
  var bits = Bbits < 64 && tenSbits < 64 ? (Bbits < 32 && tenSbits < 32 ? 32 : 64) : 0;
  var b = (fractBits * pow5(B5)) << BigInt(B2), s = pow5(S5) << BigInt(S2), m = pow5(M5) << BigInt(M2);
  var r = digitLoop(b, s, m, s * 10n, bits, compat, decExp);
  if (r.high) {
    if (r.low) {
      if (r.diff === 0n) { if ((r.digits.charCodeAt(r.digits.length - 1) & 1) !== 0) return roundUp(r); }
      else if (r.diff > 0n) return roundUp(r);
    } else return roundUp(r);
  }
  return r;
}

// Java's text for digits d1d2...dn x 10^(decExp - 1) (FloatingDecimal.getChars)
function javaText(neg, digits, decExp) {
  var out = neg ? '-' : '', n = digits.length;
  if (decExp > 0 && decExp < 8) {
    if (n <= decExp) return out + digits + '0'.repeat(decExp - n) + '.0';
    return out + digits.slice(0, decExp) + '.' + digits.slice(decExp);
  }
  if (decExp <= 0 && decExp > -3) return out + '0.' + '0'.repeat(-decExp) + digits;
  return out + digits[0] + '.' + (n > 1 ? digits.slice(1) : '0') + 'E' + (decExp - 1);
}
function special(v) {
  if (v !== v) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (v === 0) return 1 / v < 0 ? '-0.0' : '0.0';
  return null;
}
// The digits and decimal exponent Java 17 gives a finite, non-zero double (BigDecimal.valueOf reads these).
// For a normal double below 1e16 that is not a power of two they are the shortest digits that identify it, as V8
// gives them: checked against Java 17's Double.toString on 6.6 million doubles (every m x 10^e with m < 10^4,
// random bit patterns, subnormals). Elsewhere Java 17 is not shortest (JDK-4511638): subnormals (4.9E-324), powers
// of two (5.9604644775390625E-8) and, from 1e20 up, values whose shortest digits lie on the rounding boundary
// (1e23 prints 9.999999999999999E22); between 1e16 and 1e20 Java prints integers its own way.
var FAST_F64 = new Float64Array(1), FAST_U32 = new Uint32Array(FAST_F64.buffer);
function doubleDigits(v) {
  var a = Math.abs(v);
  if (a < 1e16 && a >= 2.2250738585072014e-308) {
    FAST_F64[0] = a;
    if ((FAST_U32[0] | (FAST_U32[1] & 0xFFFFF)) !== 0) {
      var e = a.toExponential(), at = e.indexOf('e');
      return { neg: v < 0, digits: e.slice(0, at).replace('.', ''), decExp: +e.slice(at + 1) + 1 };
    }
  }
  var dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, v);
  var bits = dv.getBigUint64(0), neg = (bits >> 63n) !== 0n, frac = bits & 0xFFFFFFFFFFFFFn;
  var binExp = Number((bits >> 52n) & 0x7FFn), nSig;
  if (binExp === 0) {
    var lz = 64 - frac.toString(2).length, shift = lz - 11;
    frac <<= BigInt(shift); binExp = 1 - shift; nSig = 64 - lz;
  } else { frac |= 1n << 52n; nSig = 53; }
  var r = dtoa(binExp - 1023, frac, nSig, true);
  return { neg: neg, digits: r.digits, decExp: r.decExp };
}
// Double.toString (Java 17)
function javaDouble(v) {
  var sp = special(v);
  if (sp !== null) return sp;
  var r = doubleDigits(v);
  return javaText(r.neg, r.digits, r.decExp);
}
// Float.toString (Java 17)
function javaFloat(v) {
  var sp = special(v);
  if (sp !== null) return sp;
  var dv = new DataView(new ArrayBuffer(4));
  dv.setFloat32(0, v);
  var bits = dv.getUint32(0), neg = (bits >>> 31) !== 0, frac = bits & 0x7FFFFF, binExp = (bits >>> 23) & 0xFF, nSig;
  if (binExp === 0) {
    var lz = 32 - frac.toString(2).length, shift = lz - 8;
    frac <<= shift; binExp = 1 - shift; nSig = 32 - lz;
  } else { frac |= 1 << 23; nSig = 24; }
  var r = dtoa(binExp - 127, BigInt(frac) << 29n, nSig, true);
  return javaText(neg, r.digits, r.decExp);
}
T.javaDouble = javaDouble;
T.javaFloat = javaFloat;
