"""Java 17's ``Double.toString`` and ``Float.toString``, for text the compiler builds from literals.

Java 17 does not print the shortest digits (Java 19 does): its ``FloatingDecimal`` keeps every digit
of an integral value below 2^63 less a few "insignificant" ones, and otherwise generates digits
until the remainder is within half an ULP. The runtime has the same procedure in JavaScript
(:file:`runtime_numfmt.js`); this is the compiler's copy, used when MVEL folds ``"x" + 1.5f``.

>>> java_double(1e7), java_double(0.001), java_float(3311747328.0)
('1.0E7', '0.001', '3.31174733E9')
"""

from __future__ import annotations

import math
import struct

__all__ = ["java_double", "java_float"]

_N_5_BITS = [0, 3, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28, 31, 33, 35, 38, 40, 42, 45, 47, 49, 52, 54, 56, 59, 61]
_INSIGNIFICANT = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9,
                  10, 10, 10, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15, 15, 16, 16, 16, 17, 17,
                  17, 18, 18, 18, 19]  # fmt: skip


def _wrap(x: int, bits: int) -> int:
    if not bits:
        return x
    x &= (1 << bits) - 1
    return x - (1 << bits) if x >> (bits - 1) else x


def _estimate_dec_exp(fract_bits: int, bin_exp: int) -> int:
    d2: float = struct.unpack(">d", struct.pack(">Q", (1023 << 52) | (fract_bits & ((1 << 52) - 1))))[0]
    return math.floor((d2 - 1.5) * 0.289529654 + 0.176091259 + bin_exp * 0.301029995663981)


def _long_digits(value: int, insignificant: int) -> tuple[str, int]:
    dec_exp = 0
    if insignificant:
        p = 10**insignificant
        value, residue = divmod(value, p)
        dec_exp += insignificant
        if residue >= p >> 1:
            value += 1
    s = str(value)
    return s.rstrip("0"), dec_exp + len(s)


def _round_up(digits: str, dec_exp: int) -> tuple[str, int]:
    d = list(digits)
    i = len(d) - 1
    while i >= 0 and d[i] == "9":
        d[i] = "0"
        i -= 1
    if i < 0:
        return "1", dec_exp + 1
    d[i] = chr(ord(d[i]) + 1)
    return "".join(d), dec_exp


def _dtoa(bin_exp: int, fract_bits: int, n_sig: int) -> tuple[str, int]:
    tail = (fract_bits & -fract_bits).bit_length() - 1
    n_fract = 53 - tail
    n_tiny = max(0, n_fract - bin_exp - 1)
    if -21 <= bin_exp <= 62 and n_tiny == 0 and n_fract + _N_5_BITS[0] < 64:
        p2 = bin_exp - n_sig - 1
        insig = _INSIGNIFICANT[p2] if bin_exp > n_sig and 1 < p2 < len(_INSIGNIFICANT) else 0
        v = fract_bits << (bin_exp - 52) if bin_exp >= 52 else fract_bits >> (52 - bin_exp)
        return _long_digits(v, insig)
    dec_exp = _estimate_dec_exp(fract_bits, bin_exp)
    b5, s5 = max(0, -dec_exp), max(0, dec_exp)
    b2, s2 = b5 + n_tiny + bin_exp, s5 + n_tiny
    m5, m2 = b5, b2 - n_sig
    fract_bits >>= tail
    b2 -= n_fract - 1
    common = min(b2, s2)
    b2, s2, m2 = b2 - common, s2 - common, m2 - common
    if n_fract == 1:
        m2 -= 1
    if m2 < 0:
        b2, s2, m2 = b2 - m2, s2 - m2, 0
    b_bits = n_fract + b2 + (_N_5_BITS[b5] if b5 < len(_N_5_BITS) else b5 * 3)
    ten_s_bits = s2 + 1 + (_N_5_BITS[s5 + 1] if s5 + 1 < len(_N_5_BITS) else (s5 + 1) * 3)
    bits = (32 if b_bits < 32 and ten_s_bits < 32 else 64) if b_bits < 64 and ten_s_bits < 64 else 0
    b, s, m = (fract_bits * 5**b5) << b2, 5**s5 << s2, 5**m5 << m2
    tens = s * 10
    q, b, m = b // s, _wrap(10 * (b % s), bits), _wrap(m * 10, bits)
    low = b < m
    high = _wrap(b + m, bits) > tens if bits else b + m >= tens
    digits = ""
    if q == 0 and not high:
        dec_exp -= 1
    else:
        digits += str(q)
    if dec_exp < -3 or dec_exp >= 8:
        high = low = False
    while not low and not high:
        q, b, m = b // s, _wrap(10 * (b % s), bits), _wrap(m * 10, bits)
        if not bits or m > 0:
            low = b < m
            high = _wrap(b + m, bits) > tens if bits else b + m >= tens
        else:
            low = high = True
        digits += str(q)
    diff = _wrap(_wrap(b << 1, bits) - tens, bits) if (bits or (high and low)) else 0
    dec_exp += 1
    if high and (not low or diff > 0 or (diff == 0 and int(digits[-1]) & 1)):
        return _round_up(digits, dec_exp)
    return digits, dec_exp


def _text(neg: bool, digits: str, dec_exp: int) -> str:
    sign, n = "-" if neg else "", len(digits)
    if 0 < dec_exp < 8:
        if n <= dec_exp:
            return f"{sign}{digits}{'0' * (dec_exp - n)}.0"
        return f"{sign}{digits[:dec_exp]}.{digits[dec_exp:]}"
    if -3 < dec_exp <= 0:
        return f"{sign}0.{'0' * -dec_exp}{digits}"
    return f"{sign}{digits[0]}.{digits[1:] or '0'}E{dec_exp - 1}"


def _special(x: float) -> str | None:
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "-0.0" if math.copysign(1, x) < 0 else "0.0"
    return None


def java_double(x: float) -> str:
    """``Double.toString(x)`` as Java 17 prints it."""
    sp = _special(x)
    if sp is not None:
        return sp
    bits = struct.unpack(">Q", struct.pack(">d", x))[0]
    frac, bin_exp = bits & ((1 << 52) - 1), (bits >> 52) & 0x7FF
    if bin_exp == 0:
        shift = (64 - frac.bit_length()) - 11
        frac, bin_exp, n_sig = frac << shift, 1 - shift, frac.bit_length()
    else:
        frac, n_sig = frac | (1 << 52), 53
    digits, dec_exp = _dtoa(bin_exp - 1023, frac, n_sig)
    return _text(bool(bits >> 63), digits, dec_exp)


def java_float(x: float) -> str:
    """``Float.toString(x)`` as Java 17 prints it (``x`` already a float value)."""
    sp = _special(x)
    if sp is not None:
        return sp
    bits = struct.unpack(">I", struct.pack(">f", x))[0]
    frac, bin_exp = bits & 0x7FFFFF, (bits >> 23) & 0xFF
    if bin_exp == 0:
        shift = (32 - frac.bit_length()) - 8
        frac, bin_exp, n_sig = frac << shift, 1 - shift, frac.bit_length()
    else:
        frac, n_sig = frac | (1 << 23), 24
    digits, dec_exp = _dtoa(bin_exp - 127, frac << 29, n_sig)
    return _text(bool(bits >> 31), digits, dec_exp)
