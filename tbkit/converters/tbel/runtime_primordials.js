// tbkit TBEL runtime, part 0: the global bindings the runtime uses, captured when it loads, before any
// program runs. The parts after this one run in the same function, so every name below is this local,
// never the global a later script could rebind or delete. (No user JavaScript runs in a TBEL context,
// and a TBEL program reaches no JS built-in, so the methods these objects hold stay those of load time
// too; the JS runtime's own primordials are tbkit/converters/primordials.js.)
var Array = globalThis.Array, ArrayBuffer = globalThis.ArrayBuffer, BigInt = globalThis.BigInt;
var Boolean = globalThis.Boolean, DataView = globalThis.DataView, Date = globalThis.Date;
var Error = globalThis.Error, Intl = globalThis.Intl, JSON = globalThis.JSON, Map = globalThis.Map;
var Math = globalThis.Math, Number = globalThis.Number, Object = globalThis.Object, Proxy = globalThis.Proxy;
var Reflect = globalThis.Reflect, RegExp = globalThis.RegExp, String = globalThis.String;
var Uint8Array = globalThis.Uint8Array, Uint32Array = globalThis.Uint32Array, Float64Array = globalThis.Float64Array;
var atob = globalThis.atob, btoa = globalThis.btoa;
var decodeURI = globalThis.decodeURI, decodeURIComponent = globalThis.decodeURIComponent;
var encodeURI = globalThis.encodeURI, encodeURIComponent = globalThis.encodeURIComponent;
var escape = globalThis.escape, unescape = globalThis.unescape, isFinite = globalThis.isFinite;
var isNaN = globalThis.isNaN, parseFloat = globalThis.parseFloat, parseInt = globalThis.parseInt;
