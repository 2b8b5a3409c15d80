// The batch wire format's constants, V8's side (tbkit/converters/wire.py names the same ones for
// Python; tests/converters/test_wire.py checks the two lists agree).
//
// In: the runtime's inbox holds under token the head, HEAD_END, then base64 of: each body's length as a
//   NUMBER_BYTES little-endian unsigned integer, as many metadata indexes when the head says so,
//   then the bodies' bytes. The head is the JSON text [metas, count, withWhich].
// Out: the index of the first line that is not OK (or -1), HEAD_END, one line per item joined
//   with LINE_END, and (when raw outputs were asked for) RAW_SEPARATOR and one raw line per item
//   ([rawText or null, logs]). A line is a JSON array whose first element is its kind:
//   [OK, [row, ...]]                     the normalised entities, one ROW each
//   [OUTPUT_ERROR, message, status, logs] the output breaks ThingsBoard's rules
//   [SCRIPT_ERROR, {name, message, stack}, logs]  the script threw, or its result is not JSON
//   [PYTHON, rawText]                    normalise this one in Python (tbkit.normalise)
//   [LIMIT]                              the call was stopped by a limit, or tbkit's runtime failed
//                                        (written by Python only)
// A row holds the ROW fields in order, {attributes}, [[ts, {values}], ...]; NESTED after them
// says some value is an object or an array (Python keeps those as JsonText).
var WIRE = {
  OK: 0,
  OUTPUT_ERROR: 1,
  SCRIPT_ERROR: 2,
  PYTHON: 3,
  LIMIT: 4,
  HEAD_END: "\n",
  LINE_END: "\n",
  RAW_SEPARATOR: "\x1d",
  NUMBER_BYTES: 4,
  ROW: ["entity_type", "name", "type", "label", "customer_name", "group_name", "attributes", "telemetry"],
  NESTED: 1,
};
