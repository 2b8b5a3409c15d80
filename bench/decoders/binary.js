// 12-byte frame: id u16 BE, temperature s16 BE /100, humidity u8 /2, battery mV u16 BE,
// status flags u8, counter u32 BE. Bytes >= 0x80 make the payload raw bytes 0-255.
var id = (payload[0] << 8) | payload[1];
var t = (payload[2] << 8) | payload[3];
if (t & 0x8000) t -= 0x10000;
var flags = payload[7];
return {
  deviceName: 'Binary ' + id,
  deviceType: 'Binary Sensor',
  attributes: {alarm: (flags & 1) === 1},
  telemetry: {
    temperature: t / 100,
    humidity: payload[4] / 2,
    battery: ((payload[5] << 8) | payload[6]) / 1000,
    counter: ((payload[8] << 24) >>> 0) + (payload[9] << 16) + (payload[10] << 8) + payload[11]
  }
};
