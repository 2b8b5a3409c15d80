// tbkit's runtime, part 0: every built-in the runtime uses, captured before any user script runs (the
// "primordials" of Node.js's internals). The prelude and the batch path (prelude.js, batch_*.js) share
// this scope and call only these, so a script that reassigns, deletes or freezes a built-in (JSON.stringify,
// Array.prototype.push, Uint8Array.prototype.subarray...) changes what its own code does, never what tbkit
// does. A method is captured "uncurried": StringPrototypeSlice(s, a, b) is s.slice(a, b) with the slice
// that existed before the user's script.
//
// Beyond calls, the runtime never relies on what a script can change: it reads only own properties of
// objects it did not make, builds its own lists as strings and its own objects with no prototype, and
// looks nothing up through a string's or a regular expression's hooks (Symbol.replace, exec, flags).

var FunctionPrototypeCall = Function.prototype.call;
var FunctionPrototypeBind = Function.prototype.bind;
// uncurry(f)(self, a, b) calls f with this = self: a bound Function.prototype.call
function uncurry(f) { return FunctionPrototypeCall.call(FunctionPrototypeBind, FunctionPrototypeCall, f); }

var ReflectApply = Reflect.apply;
var ObjectPrototype = Object.prototype;
var ArrayPrototype = Array.prototype;
var ObjectKeys = Object.keys;
var ObjectCreate = Object.create;
var ObjectDefineProperty = Object.defineProperty;
var ObjectFreeze = Object.freeze;
var ObjectGetPrototypeOf = Object.getPrototypeOf;
var ObjectIs = Object.is;
var ObjectPrototypeHasOwnProperty = uncurry(Object.prototype.hasOwnProperty);
var ObjectPrototypePropertyIsEnumerable = uncurry(Object.prototype.propertyIsEnumerable);
var ArrayCtor = Array;
var ArrayIsArray = Array.isArray;
var StringCtor = String;
var StringFromCharCode = String.fromCharCode;
var StringPrototypeCharCodeAt = uncurry(String.prototype.charCodeAt);
var StringPrototypeCodePointAt = uncurry(String.prototype.codePointAt);
var StringPrototypeIndexOf = uncurry(String.prototype.indexOf);
var StringPrototypeRepeat = uncurry(String.prototype.repeat);
var StringPrototypeSlice = uncurry(String.prototype.slice);
var NumberCtor = Number;
var NumberIsInteger = Number.isInteger;
var NumberIsSafeInteger = Number.isSafeInteger;
var NumberPrototypeToExponential = uncurry(Number.prototype.toExponential);
var NumberPrototypeToString = uncurry(Number.prototype.toString);
var BigIntCtor = BigInt;
var BigIntPrototypeToString = uncurry(BigInt.prototype.toString);
var MathAbs = Math.abs;
var MathTrunc = Math.trunc;
var GlobalIsFinite = isFinite;
var JSONParse = JSON.parse;
var JSONStringify = JSON.stringify;
var JSONRawJSON = JSON.rawJSON;
var JSONIsRawJSON = JSON.isRawJSON;
var RegExpPrototypeExec = uncurry(RegExp.prototype.exec);
var Uint8ArrayCtor = Uint8Array;
var Uint16ArrayCtor = Uint16Array;
var Uint8ArrayFromBase64 = Uint8Array.fromBase64;
var ErrorCtor = Error;
var FunctionCtor = Function;

// re.test(s) without a lookup of re.exec (which a script may replace): the builtin exec, called directly
function matches(re, s) { return RegExpPrototypeExec(re, s) !== null; }

// an object with no prototype: what a script does to Object.prototype cannot reach its properties
function bare() { return ObjectCreate(null); }

// own(o, k): o's own property k, or undefined (never read through o's prototype, where a script may
// have put a getter)
function own(o, k) { return ObjectPrototypeHasOwnProperty(o, k) ? o[k] : undefined; }

