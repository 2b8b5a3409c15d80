// ThingsBoard's HTTP Integration guide: the uplink decoder.
// Serve it from the repository: .venv/bin/python -m tbkit serve --uplink examples/decoder.js --downlink examples/encoder.js
// and post the guide's uplink to the URL it prints:
//   curl -H 'Content-Type: application/json' --data @examples/uplink.json <URL>

// decode payload to JSON
var data = decodeToJson(payload);

var deviceName = data.deviceName;
var deviceType = data.deviceType;

// Result object with device attributes/telemetry data
var result = {
   deviceName: deviceName,
   deviceType: deviceType,
   attributes: {
       model: data.model,
   },
   telemetry: {
       temperature: data.temperature
   }
};
return result;
