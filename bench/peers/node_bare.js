// Upper bound (b): bare Node.js http server that runs the seed decoder on the body bytes
// (copied from shared/peers/servers/node_bare.js; the body Buffer becomes the payload array), appends the result to an in-memory store and
// answers 200 with an empty body. GET /last returns the last decoded object (for checks).
// Usage: node node_bare.js [port]   (listens on 127.0.0.1 only)
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');
const vm = require('vm');

// The seed decoder body verbatim (bench/decoders/seed.js) with ThingsBoard's decodeToJson helper,
// wrapped as ThingsBoard wraps it: function Decoder(payload, metadata) { <body> }.
const dir = path.join(__dirname, '..', 'decoders');
const helpers = fs.readFileSync(path.join(dir, 'helpers.js'), 'utf8');
const body = fs.readFileSync(process.env.DECODER || path.join(dir, 'seed.js'), 'utf8');
const Decoder = new vm.Script(helpers + '\n(function Decoder(payload, metadata) {\n' + body + '\n})').runInThisContext();
const decode = (buf) => Decoder(Array.from(buf), {});

const PREFIX = '/api/v1/integrations/http/';
const MAX_STORE = 100000;
let store = [];
let count = 0;

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/last') {
    res.writeHead(200, {'Content-Type': 'application/json'});
    res.end(JSON.stringify({count, last: store[store.length - 1] || null}));
    return;
  }
  if (req.method !== 'POST' || !req.url.startsWith(PREFIX)) {
    res.writeHead(404); res.end(); return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let out;
    try {
      out = decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    } catch (e) {
      res.writeHead(400); res.end(String(e)); return;
    }
    if (store.length >= MAX_STORE) store = [];
    store.push(out);
    count++;
    res.writeHead(200, {'Content-Length': '0'});
    res.end();
  });
});

const port = parseInt(process.argv[2] || '18082', 10);
server.listen(port, '127.0.0.1', () => {
  console.log(`node_bare listening on 127.0.0.1:${port} node=${process.version}`);
});
