// ThingsBoard's decoder-template helpers, as tbkit's prelude defines them (for the Node.js peers).
function decodeToString(payload) {
  var out = "";
  for (var k = 0; k < payload.length; k += 8192) {
    out += String.fromCharCode.apply(String, payload.slice(k, k + 8192));
  }
  return out;
}
function decodeToJson(payload) { return JSON.parse(decodeToString(payload)); }
