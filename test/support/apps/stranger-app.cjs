// A Vonage app written the way third-party apps are, not the way this project's example is:
// CommonJS, the official SDK, webhooks at paths of its own choosing (none under /webhooks/), SMS
// receipts as POST-JSON at /track-dlr, Messages statuses at /msg-status, the Voice answer as POST.
// The tests start it unchanged: in process (msw), or as a child process under the preload with
// `vws serve` configured by flags. It listens on PORT (0 for any) and prints {"port":N} once ready.
const http = require('node:http');
const { Vonage } = require('@vonage/server-sdk');

const env = process.env;
const vonage = new Vonage({
  apiKey: env.VONAGE_API_KEY,
  apiSecret: env.VONAGE_API_SECRET,
  applicationId: env.VONAGE_APPLICATION_ID,
  privateKey: env.VONAGE_PRIVATE_KEY,
});
// The Messages sandbox is another host; apps reach it with their own client.
const sandbox = new Vonage(
  { apiKey: env.VONAGE_API_KEY, apiSecret: env.VONAGE_API_SECRET },
  { apiHost: 'https://messages-sandbox.nexmo.com' },
);

/** Every webhook this app received: method, path, query and parsed body. */
const received = [];

function readBody(request) {
  return new Promise((resolve) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function parse(text, type) {
  if (text === '') return null;
  if ((type ?? '').includes('json')) return JSON.parse(text);
  return Object.fromEntries(new URLSearchParams(text));
}

function send(response, status, value) {
  const body = value === undefined ? '' : JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(body);
}

const triggers = {
  async '/trigger/sms'(input) {
    return vonage.sms.send({
      to: input.to,
      from: 'Acme',
      text: input.text ?? 'Your code is 1234',
      ...input.extra,
    });
  },
  async '/trigger/whatsapp'(input) {
    return sandbox.messages.send({
      channel: 'whatsapp',
      message_type: 'text',
      to: input.to,
      from: '14157386102',
      text: input.text ?? 'Hello from the sandbox',
      ...input.extra,
    });
  },
  async '/trigger/call'(input) {
    return vonage.voice.createOutboundCall({
      to: [{ type: 'phone', number: input.to }],
      from: { type: 'phone', number: '447700900001' },
      ncco: [{ action: 'talk', text: 'Your parcel is on its way' }],
      ...input.extra,
    });
  },
};

const server = http.createServer(async (request, response) => {
  const url = new URL(request.url, 'http://app.local');
  const text = await readBody(request);
  const trigger = triggers[url.pathname];
  if (trigger !== undefined) {
    try {
      send(response, 200, await trigger(JSON.parse(text || '{}')));
    } catch (error) {
      send(response, 500, { error: error.message, status: error.response?.status });
    }
    return;
  }
  if (url.pathname === '/received') return send(response, 200, received);
  const known = [
    '/track-dlr',
    '/sms-in',
    '/msg-status',
    '/msg-inbound',
    '/ivr/answer',
    '/ivr/track-call',
    '/otp-events',
  ];
  if (!known.includes(url.pathname)) return send(response, 404, { error: `no route ${url.pathname}` });
  received.push({
    method: request.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    body: parse(text, request.headers['content-type']),
  });
  if (url.pathname === '/ivr/answer') {
    return send(response, 200, [{ action: 'talk', text: 'Welcome to Acme' }]);
  }
  send(response, 200);
});

server.listen(Number(env.PORT ?? 0), '127.0.0.1', () => {
  console.log(JSON.stringify({ port: server.address().port }));
});

module.exports = { server, received };
