// tbkit's batch path, part 3: a decoder's result normalised with ThingsBoard's output rules exactly
// as tbkit/normalise.py does (same values, same types, same error messages; a differential test
// checks both on the same inputs), written as a line of the wire format (batch_wire.js).
// Where an exact answer needs Python's own parsing (digits outside ASCII, timestamps in unusual
// notations, lone surrogates, huge digit strings) it throws Fallback and the item goes to Python.
// Provides Mode, normalise, reviver, protoClean, ownKeysOnly.
//
// Only the primordials are called, and nothing a script did to Object.prototype or Array.prototype
// reaches the line: values are read only from an object's own properties; the runtime writes a field
// only where the store lands on the object itself (put(); else it builds an object with no prototype);
// lists grow by plain stores only when the prototypes hold no index property (else each element is
// defined); and JSON.stringify writes the line only when no toJSON sits on Object.prototype or
// Array.prototype (else jsonText does, which never looks one up).

// How one result is being normalised:
// direct: from the script's own result rather than JSON.parse of its JSON text. Every value read
//   is taken as JSON.stringify would write it (undefined/functions dropped, NaN null); anything
//   JSON.stringify would transform (toJSON, boxed values, class instances) stops it, and so does
//   any error: then the JSON text is parsed and normalised instead.
// untexted: direct, with no JSON text made at all: an entity key that is not an entity field (it
//   could hold a cycle or a BigInt) stops it too.
// sourced: the value carries number source texts (Num), from JSON.parse with the reviver.
// forIn: Object.prototype has no enumerable property (checked per item): then for-in over an object
//   whose prototype it is visits exactly its own enumerable keys, in Object.keys order, and V8 reads
//   src[key] inside it straight from the object's layout (faster than Object.keys and loads).
// plain: forIn, and Array.prototype has no index property (its length is 0): a new list grows by
//   plain stores, which then meet no prototype's element.
// clean: neither Object.prototype nor Array.prototype has a toJSON (checked per item): then
//   JSON.stringify writes the line, and a plain object of the result as it is.
// nested: the entity being built holds a nested value (set while building it).
function Mode(direct, untexted, sourced, forIn, clean) {
  this.direct = direct;
  this.untexted = untexted;
  this.sourced = sourced;
  this.forIn = forIn;
  this.plain = forIn && ArrayPrototype.length === 0;
  this.clean = clean;
  this.nested = false;
}
Mode.prototype = bare();

var PROBE = {};
function ownKeysOnly() { for (var k in PROBE) return false; return true; }
function protoClean() {
  return !ObjectPrototypeHasOwnProperty(ObjectPrototype, "toJSON") &&
    !ObjectPrototypeHasOwnProperty(ArrayPrototype, "toJSON");
}

// list.push(v) for a list of the runtime's own: a plain store when it lands on the list (its length
// grows: no setter or read-only element a script put on a prototype took it), else the element defined
// on the list itself
function append(list, v, m) {
  var n = list.length;
  if (m.plain) {
    try {
      list[n] = v;
      if (list.length === n + 1) return;
    } catch (e) {
      // a read-only element of that index on a prototype: defined below
    }
  }
  ObjectDefineProperty(list, n, { value: v, writable: true, enumerable: true, configurable: true });
}

// out[key] = v on a new plain object (what JSON.stringify writes fastest): false when the store did not
// land on out itself (a setter or a read-only property a script put on Object.prototype, or __proto__);
// the caller then builds an object with no prototype instead
function put(out, key, v) {
  try {
    out[key] = v;
  } catch (e) {
    return false;
  }
  return ObjectPrototypeHasOwnProperty(out, key) && out[key] === v;
}


function covered(src, m) {  // a {ts, values} item: with no JSON text made, no other key
  if (m.untexted && ObjectKeys(src).length !== 2) throw NOT_PLAIN;
}

function telemetryItem(src, where, out, m) {
  if (!isDict(src)) throw new OutputError(where + ": can't parse value: " + describe(src, m));
  var ts = MISSING, given = MISSING, vals;
  if (m.forIn) {  // one pass over its own enumerable keys
    for (var key in src) {
      if (key === "ts") ts = value(src.ts, m);
      else if (key === "values") given = value(src.values, m);
    }
  } else {
    ts = get(src, "ts", m);
    given = get(src, "values", m);
  }
  if (ts !== MISSING && given !== MISSING) {
    covered(src, m);
    ts = timestamp(ts, where + ".ts", m);
    vals = values(given, where + ".values", m);
  } else {
    ts = null;
    vals = values(src, where, m);
  }
  if (vals !== null) append(out, [ts, vals], m);
}

function telemetry(src, where, m) {
  var out = [];
  if (ArrayIsArray(src)) {
    for (var i = 0; i < src.length; i++) telemetryItem(at(src, i, m), where + "[" + i + "]", out, m);
  } else {
    telemetryItem(src, where, out, m);
  }
  return out;
}

// -- entities -------------------------------------------------------------------------------------
// the entity keys a row carries, whole or read, by slot (fields); with no JSON text made, an
// entity with any other key takes the JSON text path
var DEVICE_NAME = 0, ASSET_NAME = 3, CUSTOMER = 6, ATTRIBUTES = 8;
var DEVICE_KEYS = ["deviceName", "deviceType", "deviceLabel"], ASSET_KEYS = ["assetName", "assetType", "assetLabel"];

// an entity's own enumerable keys (what JSON.stringify writes) in one pass: the value of each entity key
// by slot (undefined when absent; the slots are the literal's own: a store never looks further); untexted,
// any key that is not an entity field stops (NOT_PLAIN)
function fields(src, m) {
  var f = [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined,
    undefined], key, slot;
  if (m.forIn) {
    for (key in src) {
      if ((slot = slotOf(key)) >= 0) f[slot] = src[key];
      else if (m.untexted) throw NOT_PLAIN;  // that key could hold a cycle or a BigInt
    }
    return f;
  }
  var keys = ObjectKeys(src);
  for (var i = 0; i < keys.length; i++) {
    if ((slot = slotOf(keys[i])) >= 0) f[slot] = src[keys[i]];
    else if (m.untexted) throw NOT_PLAIN;
  }
  return f;
}

function slotOf(key) {
  switch (key) {
    case "deviceName": return DEVICE_NAME;
    case "deviceType": return DEVICE_NAME + 1;
    case "deviceLabel": return DEVICE_NAME + 2;
    case "assetName": return ASSET_NAME;
    case "assetType": return ASSET_NAME + 1;
    case "assetLabel": return ASSET_NAME + 2;
    case "customerName": return CUSTOMER;
    case "groupName": return CUSTOMER + 1;
    case "attributes": return ATTRIBUTES;
    case "telemetry": return ATTRIBUTES + 1;
    default: return -1;
  }
}

function value(v, m) { return v === undefined ? MISSING : read(v, m); }  // get() of a field's value

function text(v, key, where, required, m) {
  if (v === MISSING) {
    if (required) throw new OutputError(where + ": '" + key + "' is required");
    return null;
  }
  if (v === null) {
    if (required) throw new OutputError(where + ": '" + key + "' is null", 500);
    return null;
  }
  if (typeof v === "string") return v;
  if (typeof v === "object" && !(v instanceof Num)) {
    throw new OutputError(where + ": '" + key + "' must be a string, got " + describe(v, m));
  }
  if (v === true || v === false) return v ? "true" : "false";
  return pyNumber(v);
}

// one entity's row (WIRE.ROW): kind, name, type, label, customer, group, {attributes}, [[ts, {values}], ...]
function entity(src, where, m) {
  var f = fields(src, m), device = value(f[DEVICE_NAME], m) !== MISSING, asset = value(f[ASSET_NAME], m) !== MISSING;
  if (device === asset) {
    throw new OutputError(where + ": Either 'deviceName' or 'assetName' should be present in the " +
      "converter output (keys: " + (sortedKeys(src) || "none") + ")");
  }
  var first = device ? DEVICE_NAME : ASSET_NAME, names = device ? DEVICE_KEYS : ASSET_KEYS;
  var name = text(value(f[first], m), names[0], where, true, m);
  var type = text(value(f[first + 1], m), names[1], where, !device, m);
  if (!name) throw new OutputError(where + ": '" + names[0] + "' must not be empty");
  m.nested = false;
  var label = text(value(f[first + 2], m), names[2], where, false, m);
  var customer = text(value(f[CUSTOMER], m), "customerName", where, false, m);
  var group = text(value(f[CUSTOMER + 1], m), "groupName", where, false, m);
  var attributes = value(f[ATTRIBUTES], m), series = value(f[ATTRIBUTES + 1], m);
  var attrs = attributes === MISSING ? {} : values(attributes, where + ".attributes", m) || {};
  var tele = series === MISSING ? [] : telemetry(series, where + ".telemetry", m);
  var kind = device ? "DEVICE" : "ASSET";
  return m.nested ? [kind, name, type || "default", label, customer, group, attrs, tele, WIRE.NESTED]  // JsonText
    : [kind, name, type || "default", label, customer, group, attrs, tele];
}

// a result's OK line: [WIRE.OK, [row, ...]]
function normalise(out, m) {
  var rows = [];
  if (ArrayIsArray(out)) {
    for (var i = 0; i < out.length; i++) {
      var item = at(out, i, m);
      if (!isDict(item)) throw new OutputError("output[" + i + "] must be an object, got " + describe(item, m), 500);
      append(rows, entity(item, "output[" + i + "]", m), m);
    }
  } else if (isDict(out)) {
    append(rows, entity(out, "output", m), m);
  }
  var line = [WIRE.OK, rows];
  return m.clean ? JSONStringify(line) : jsonText(line);
}

function reviver(key, value, context) {
  return typeof value === "number" ? new Num(context.source) : value;
}
