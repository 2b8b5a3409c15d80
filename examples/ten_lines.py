import tbkit

kit = tbkit.start(db="tbkit.db")   # serves http://127.0.0.1:<port> (the same port next time, when free)
hi = kit.add_http_integration("HTTP", uplink="""
var data = decodeToJson(payload);
return {deviceName: data.deviceName, deviceType: data.deviceType,
        attributes: {model: data.model}, telemetry: {temperature: data.temperature}};
""", downlink="return {contentType: 'JSON', data: JSON.stringify(msg)};")
print(hi.curl())                   # a ready curl command for this endpoint
uplink = {"deviceName": "Sensor T1", "deviceType": "Temperature Sensor", "temperature": 33, "model": "test"}
print(tbkit.send(hi.url, uplink))  # <Response 204>: the uplink created the device and stored its data
print(kit.telemetry()[["entity", "key", "value", "data_type"]])  # also entity_type and ts
kit.save_attributes("Sensor T1", {"firmware": "01052020.v1.2"})  # a shared attribute: a downlink is queued
print(tbkit.send(hi.url, uplink))  # <Response 200 application/json '{"firmware":"01052020.v1.2"}'>
