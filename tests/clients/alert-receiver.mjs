// A webhook receiver for the alert tests: plain node:http on loopback. Each request is appended to OUT as one JSON
// line {method, url, headers, body, status}; the first FAIL requests (default 0) are answered 500, later ones 200.
// Listens on PORT (default 0: any free port) and prints {"port": N} on stdout once listening; runs until killed.
import { createServer } from 'node:http';
import { appendFileSync } from 'node:fs';

const out = process.env.OUT;
if (!out) {
  console.error('OUT (the file to record requests in) is required');
  process.exit(2);
}

let failures = Number(process.env.FAIL ?? '0');
const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const status = failures > 0 ? 500 : 200;
    if (failures > 0) failures -= 1;
    const body = Buffer.concat(chunks).toString('utf8');
    appendFileSync(out, JSON.stringify({ method: request.method, url: request.url, headers: request.headers, body, status }) + '\n');
    response.writeHead(status, { 'content-type': 'text/plain' });
    response.end(status === 200 ? 'ok' : 'receiver failing on purpose');
  });
});

server.listen(Number(process.env.PORT ?? '0'), '127.0.0.1', () => {
  console.log(JSON.stringify({ port: server.address().port }));
});
