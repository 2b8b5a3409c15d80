var data = decodeToJson(payload);
return {deviceName: data.deviceName, deviceType: data.deviceType, attributes: {model: data.model}, telemetry: {temperature: data.temperature}};
