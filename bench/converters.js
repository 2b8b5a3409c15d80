// The same decoders in Node.js doing ThingsBoard's per-uplink work: uplinks/s on the same payloads.
// Usage: taskset -c 1 node bench/converters.js [SECONDS]  -> one JSON line.
// Per uplink, as ThingsBoard's remote JS executor does (spec section 4): the metadata JSON is parsed,
// the body bytes are decoded as UTF-8 with TextDecoder and, when that gives no U+FFFD, the payload
// array holds the UTF-16 code units (else the raw bytes 0-255); the decoder body runs verbatim; its
// result is JSON.stringify-ed and kept. The median of 3 timed runs after a warm-up.
'use strict';
const fs = require('fs');
const path = require('path');
const dir = path.join(__dirname, 'decoders');
const helpers = fs.readFileSync(path.join(dir, 'helpers.js'), 'utf8');

function compile(body) {
  // eslint-disable-next-line no-new-func
  return new Function(helpers + '\nreturn function Decoder(payload, metadata) {\n' + body + '\n};')();
}

function jsonBody(i) {
  return Buffer.from(`{"deviceName":"Sensor T${i % 10}","deviceType":"Temperature Sensor","temperature":${20 + i % 15},"model":"test"}`);
}
function binaryFrame(i) {
  const t = (2150 + i % 300 - 1000) & 0xFFFF;
  return Buffer.from([0, 7, t >> 8, t & 255, 0x91, 0x0E, 0xD8, 0x81, (i >>> 24) & 255, (i >> 16) & 255, (i >> 8) & 255, i & 255]);
}

const utf8 = new TextDecoder('utf-8');
const METADATA = '{}';

function payloadArray(bytes) {
  const text = utf8.decode(bytes);  // drops a leading BOM, as ThingsBoard's TextDecoder does
  if (text.indexOf('\uFFFD') !== -1) return Array.from(bytes);
  const out = new Array(text.length);
  for (let k = 0; k < text.length; k++) out[k] = text.charCodeAt(k);
  return out;
}

function uplink(decode, bytes) {
  return JSON.stringify(decode(payloadArray(bytes), JSON.parse(METADATA)));
}

// [uplinks per wall-clock second, uplinks per CPU-second of this process (all its threads)]
function rate(decode, bodies, secs) {
  const start = process.hrtime.bigint(), cpu = process.cpuUsage();
  let done = 0, keep = null;
  const outputs = new Array(bodies.length);
  for (let round = 0; round < 1e6; round++) {
    for (let i = 0; i < bodies.length; i++) {
      outputs[i] = uplink(decode, bodies[i]);
    }
    keep = outputs[bodies.length - 1];
    done += bodies.length;
    if (Number(process.hrtime.bigint() - start) / 1e9 >= secs) break;
  }
  if (!keep) throw new Error('no output');
  const used = process.cpuUsage(cpu);
  return [done / (Number(process.hrtime.bigint() - start) / 1e9), done / ((used.user + used.system) / 1e6)];
}

function median(xs) { const s = xs.slice().sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }

function measure(file, bodies, secs) {
  const decode = compile(fs.readFileSync(path.join(dir, file), 'utf8'));
  rate(decode, bodies, 0.2);  // warm-up (JIT)
  const runs = [0, 1, 2].map(() => rate(decode, bodies, secs));
  return [median(runs.map((r) => r[0])), median(runs.map((r) => r[1]))];
}

const secs = parseFloat(process.argv[2] || '1');
const n = 1000;
const seed = measure('seed.js', Array.from({length: n}, (_, i) => jsonBody(i)), secs);
const binary = measure('binary.js', Array.from({length: n}, (_, i) => binaryFrame(i)), secs);
const out = {seed: seed[0], binary: binary[0], seed_cpu: seed[1], binary_cpu: binary[1], node: process.version};
process.stdout.write(JSON.stringify(out) + '\n');
