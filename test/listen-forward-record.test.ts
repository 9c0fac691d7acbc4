// `vws listen --forward-to URL --record DIR` (issue 12, decision 112): listen between Vonage and the
// app forwards each webhook byte for byte (the official SDKs still verify its signature), hands the
// app's answer back, records the webhook with personal data replaced, and reports drift.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifySignature } from '@vonage/jwt';
import { SMS } from '@vonage/sms';
import { describe, expect, it } from 'vitest';
import { toRequestParts } from '../src/delivery/to-request.js';
import { generate } from '../src/fixtures/generate.js';
import { createListener, type ListenerProblem, type ReceivedWebhook } from '../src/listen/create-listener.js';
import { toPayloadHash } from '../src/signing/jwt.js';
import { runInProcess } from './support/cli-io.js';
import { oneLine } from './support/expect-one-line.js';

const secret = 'forward-secret-0123456789abcdef';
const ncco = JSON.stringify([{ action: 'talk', text: 'Hello from the app' }]);

interface Hit {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

/** The app: records what reaches it, answers an NCCO to /answer, 202 otherwise; 127.0.0.1 only. */
async function startSink(respond?: (hit: Hit, response: ServerResponse) => void) {
  const hits: Hit[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const hit = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks),
      };
      hits.push(hit);
      if (respond !== undefined) return respond(hit, response);
      if (hit.url.startsWith('/app/answer')) {
        response.writeHead(200, { 'content-type': 'application/json', 'x-app': 'answered' });
        response.end(ncco);
      } else {
        response.writeHead(202, { 'x-app': 'accepted' });
        response.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function deliver(parts: ReturnType<typeof toRequestParts>) {
  const response = await fetch(parts.url, {
    method: parts.method,
    headers: parts.headers as [string, string][],
    ...(parts.body === null ? {} : { body: parts.body }),
  });
  return {
    status: response.status,
    text: await response.text(),
    app: response.headers.get('x-app'),
    type: response.headers.get('content-type'),
  };
}

// Personal data a real webhook carries: numbers, names and texts no fixture uses.
const whatsapp = {
  ...generate('messages.inbound.whatsapp.text', { seed: 7 }),
  from: '447911123456',
  to: '447418345678',
  text: 'Meet me at 5 by the old mill, Jo',
  profile: { name: 'Jolene Marchetti' },
};
const sms = {
  ...generate('sms.inbound.text', { seed: 7 }),
  msisdn: '33612345678',
  to: '33698765432',
  text: 'Is the shop open on Sunday, Marcel?',
  keyword: 'IS',
};
const answerCall = {
  ...generate('voice.answer.inbound', { seed: 7 }),
  from: '14155550987',
  to: '14155553322',
};
const originals = [
  '447911123456',
  '447418345678',
  'Meet me at 5 by the old mill',
  'Jolene',
  'Marchetti',
  '33612345678',
  '33698765432',
  'Is the shop open',
  'Marcel',
  '14155550987',
  '14155553322',
];

function readRecord(dir: string, file: string | undefined): unknown {
  return JSON.parse(readFileSync(join(dir, file ?? ''), 'utf8'));
}

function headerOf(parts: ReturnType<typeof toRequestParts>, name: string): string | undefined {
  return parts.headers.find(([key]) => key.toLowerCase() === name)?.[1];
}

describe('vws listen --forward-to --record (issue 12)', () => {
  it('forwards signed webhooks byte for byte, hands the app answer back and records no personal data', async () => {
    const sink = await startSink();
    const recordDir = join(mkdtempSync(join(tmpdir(), 'vws-record-')), 'session');
    const received: ReceivedWebhook[] = [];
    const problems: ListenerProblem[] = [];
    const listener = await createListener({
      port: 0,
      signatureSecret: secret,
      maxRequests: 3,
      forwardTo: `${sink.url}/app`,
      recordDir,
      onWebhook: (webhook) => received.push(webhook),
      onError: (problem) => problems.push(problem),
    });
    expect(listener.forwardTo).toBe(`${sink.url}/app`);
    const jwtParts = toRequestParts(
      { name: 'messages.inbound.whatsapp.text', payload: whatsapp },
      { url: `${listener.url}/webhooks/inbound?app=1`, signatureSecret: secret, apiKey: 'a1b2c3d4' },
    );
    const smsParts = toRequestParts(
      { name: 'sms.inbound.text', payload: sms },
      {
        url: `${listener.url}/webhooks/sms`,
        format: 'form',
        signatureSecret: secret,
        signatureMethod: 'sha256',
      },
    );
    const answerParts = toRequestParts(
      { name: 'voice.answer.inbound', payload: answerCall },
      { url: `${listener.url}/answer`, format: 'query', signatureSecret: secret, apiKey: 'a1b2c3d4' },
    );
    const messagesAnswer = await deliver(jwtParts);
    const smsAnswer = await deliver(smsParts);
    const callAnswer = await deliver(answerParts);
    await listener.closed;
    await sink.close();

    // The app's answers came back: its status, its headers, its NCCO.
    expect(messagesAnswer).toMatchObject({ status: 202, app: 'accepted', text: '' });
    expect(smsAnswer).toMatchObject({ status: 202, app: 'accepted' });
    expect(callAnswer).toMatchObject({ status: 200, app: 'answered', text: ncco, type: 'application/json' });
    expect(problems).toEqual([]);

    // Byte for byte: path and query kept under the base URL, body bytes and signature headers identical.
    const [jwtHit, smsHit, answerHit] = sink.hits;
    expect(jwtHit?.url).toBe('/app/webhooks/inbound?app=1');
    expect(jwtHit?.body.equals(Buffer.from(jwtParts.body ?? ''))).toBe(true);
    expect(smsHit?.body.equals(Buffer.from(smsParts.body ?? ''))).toBe(true);
    expect(answerHit?.method).toBe('GET');
    expect(answerHit?.url).toBe(`/app${new URL(answerParts.url).pathname}${new URL(answerParts.url).search}`);
    for (const [hit, parts] of [
      [jwtHit, jwtParts],
      [smsHit, smsParts],
      [answerHit, answerParts],
    ] as const) {
      for (const [name, value] of parts.headers) {
        if (name.toLowerCase() !== 'host') expect(hit?.headers[name.toLowerCase()]).toBe(value);
      }
      expect(hit?.headers.host).toBe(new URL(sink.url).host);
    }

    // The official SDKs verify what reached the app.
    const token = (jwtHit?.headers.authorization ?? '').replace(/^Bearer /, '');
    expect(token).toBe(headerOf(jwtParts, 'authorization')?.replace(/^Bearer /, ''));
    expect(verifySignature(token, secret)).toBe(true);
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      payload_hash: string;
    };
    expect(claims.payload_hash).toBe(toPayloadHash(jwtHit?.body ?? Buffer.alloc(0)));
    const smsParams = Object.fromEntries(new URLSearchParams(smsHit?.body.toString('utf8')));
    const sdk = new SMS({ apiKey: 'k', apiSecret: 's' });
    type Algorithm = Parameters<SMS['verifySignature']>[3];
    expect(sdk.verifySignature(smsParams.sig ?? '', smsParams, secret, 'SHA256HMAC' as Algorithm)).toBe(true);
    expect(received.map((webhook) => webhook.signature.valid)).toEqual([true, true, true]);

    // One record per webhook, named by sequence and event, with no original number or text in it.
    const files = readdirSync(recordDir).sort();
    expect(files).toEqual([
      '000001-messages.inbound.whatsapp.text.json',
      '000002-sms.inbound.text.json',
      '000003-voice.answer.inbound.json',
    ]);
    for (const file of files) {
      const text = readFileSync(join(recordDir, file), 'utf8');
      for (const original of originals) expect(text, `${file} holds ${original}`).not.toContain(original);
      expect(text).not.toContain(token);
    }
    expect(readRecord(recordDir, files[0])).toMatchObject({
      method: 'POST',
      path: '/webhooks/inbound?app=[redacted]',
      event: 'messages.inbound.whatsapp.text',
      status: 202,
      forwardedTo: `${sink.url}/app/webhooks/inbound?app=[redacted]`,
      signature: { scheme: 'jwt', valid: true },
      drift: [],
      headers: { authorization: 'Bearer [REDACTED]' },
      payload: {
        from: expect.stringMatching(/^447700900\d{3}$/),
        text: `[text 1: ${whatsapp.text.length} chars]`,
        profile: { name: 'Name 1' },
        message_uuid: whatsapp.message_uuid,
      },
    });
    expect(readRecord(recordDir, files[2])).toMatchObject({
      path: expect.stringMatching(/^\/answer\?to=\[redacted\]&from=\[redacted\]/),
      payload: { region_url: answerCall.region_url },
    });
  }, 20_000);

  it('reports an unknown field as drift on stderr and in the record, through the CLI', async () => {
    const sink = await startSink();
    const recordDir = mkdtempSync(join(tmpdir(), 'vws-drift-'));
    let announce: (url: string) => void = () => undefined;
    const listening = new Promise<string>((resolve) => {
      announce = resolve;
    });
    let stderr = '';
    const run = runInProcess(
      ['listen', '--port', '0', '--max-requests', '1', '--forward-to', sink.url, '--record', recordDir],
      {
        stderr: {
          write: (text: string) => {
            stderr += text;
            const url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
            if (url) announce(url);
          },
        },
      },
    );
    const url = await listening;
    expect(stderr).toContain(`forwarding to ${sink.url}/`);
    expect(stderr).toContain(`recording to ${recordDir}`);
    const payload = { ...generate('messages.status.read.whatsapp', { seed: 3 }), channel_fields: 'new' };
    const answer = await deliver(
      toRequestParts({ name: 'messages.status.read.whatsapp', payload }, { url: `${url}/status` }),
    );
    const { code, stdout } = await run;
    await sink.close();
    expect(code).toBe(0);
    expect(answer.status).toBe(202);
    expect(stdout).toContain('messages.status.read.whatsapp');
    expect(stderr).toContain(
      'drift: messages.status.read.whatsapp: unknown field $.channel_fields (string)\n',
    );
    const [file] = readdirSync(recordDir);
    expect(readRecord(recordDir, file)).toMatchObject({
      drift: [{ path: '$.channel_fields', kind: 'unknown-field', expected: 'absent', seen: 'string' }],
      // A field the catalog does not know is replaced whole: nothing says what it holds.
      payload: { channel_fields: '[value 1: 3 chars]' },
    });
  }, 20_000);

  it('answers 502 when the app cannot be reached, 504 when it is too slow, and keeps running', async () => {
    const closed = await startSink();
    await closed.close();
    const problems: ListenerProblem[] = [];
    const listener = await createListener({
      port: 0,
      maxRequests: 2,
      forwardTo: closed.url,
      onWebhook: () => undefined,
      onError: (problem) => problems.push(problem),
    });
    const parts = (path: string) =>
      toRequestParts(
        { name: 'sms.inbound.text', payload: generate('sms.inbound.text', { seed: 1 }) },
        { url: `${listener.url}${path}`, format: 'form' },
      );
    expect((await deliver(parts('/one'))).status).toBe(502);
    expect((await deliver(parts('/two'))).status).toBe(502);
    await listener.closed;
    expect(problems).toHaveLength(2);
    expect(problems[0]?.status).toBe(502);
    oneLine(problems[0]?.message ?? '');
    expect(problems[0]?.message).toContain(`to ${closed.url}/one: `);
    expect(problems[0]?.message).toContain('ECONNREFUSED');

    const slow = await startSink(() => undefined);
    const timed: ListenerProblem[] = [];
    const slowListener = await createListener({
      port: 0,
      maxRequests: 1,
      forwardTo: slow.url,
      forwardTimeoutMs: 200,
      onWebhook: () => undefined,
      onError: (problem) => timed.push(problem),
    });
    const late = await deliver(
      toRequestParts(
        { name: 'sms.inbound.text', payload: generate('sms.inbound.text', { seed: 1 }) },
        { url: `${slowListener.url}/late`, format: 'form' },
      ),
    );
    await slowListener.closed;
    await slow.close();
    expect(late.status).toBe(504);
    expect(timed[0]?.message).toContain('no answer within 200 ms');
  }, 20_000);

  it('drops hop-by-hop headers both ways, sets host and content-length, and bounds the answer (502)', async () => {
    const sink = await startSink((hit, response) => {
      if (hit.url === '/big') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end('x'.repeat(5000));
        return;
      }
      response.writeHead(201, { 'keep-alive': 'timeout=77', 'x-app': 'kept', 'proxy-x': 'gone' });
      response.end('done');
    });
    const listener = await createListener({
      port: 0,
      maxRequests: 2,
      maxBodyBytes: 4096,
      forwardTo: sink.url,
      onWebhook: () => undefined,
      onError: () => undefined,
    });
    const body = 'a=1&b=%C3%A9';
    const answer = await new Promise<{ status: number; headers: IncomingMessage['headers']; text: string }>(
      (resolve, reject) => {
        const outgoing = request(
          `${listener.url}/hop?q=1`,
          {
            method: 'POST',
            headers: {
              connection: 'keep-alive, x-hop',
              'x-hop': 'per-connection',
              'keep-alive': 'timeout=5',
              te: 'trailers',
              'proxy-authorization': 'Basic eDp5',
              'content-type': 'application/x-www-form-urlencoded',
              'x-end-to-end': 'kept',
              'transfer-encoding': 'chunked',
            },
          },
          (response) => {
            let text = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (text += chunk));
            response.on('end', () =>
              resolve({ status: response.statusCode ?? 0, headers: response.headers, text }),
            );
          },
        );
        outgoing.on('error', reject);
        outgoing.end(body);
      },
    );
    const big = await fetch(`${listener.url}/big`, { method: 'POST', body: 'x=1' });
    await listener.closed;
    await sink.close();
    const [hit] = sink.hits;
    expect(hit?.body.toString('utf8')).toBe(body);
    expect(hit?.headers).toMatchObject({
      host: new URL(sink.url).host,
      'x-end-to-end': 'kept',
      'content-length': String(Buffer.byteLength(body)),
    });
    for (const name of ['x-hop', 'keep-alive', 'te', 'proxy-authorization', 'transfer-encoding'])
      expect(hit?.headers[name], name).toBeUndefined();
    expect(answer).toMatchObject({
      status: 201,
      text: 'done',
      headers: { 'x-app': 'kept', 'content-length': '4' },
    });
    expect(answer.headers['proxy-x']).toBeUndefined();
    expect(answer.headers['keep-alive']).not.toBe('timeout=77');
    expect(big.status).toBe(502);
    expect(await big.text()).toContain('over the limit of 4096 bytes');
  });

  it('records without forwarding, answering as listen does, and goes on after the records already there', async () => {
    const recordDir = mkdtempSync(join(tmpdir(), 'vws-record-only-'));
    writeFileSync(join(recordDir, '000041-sms.inbound.text.json'), '{}\n');
    const listener = await createListener({ port: 0, maxRequests: 1, recordDir, onWebhook: () => undefined });
    const answer = await deliver(
      toRequestParts(
        { name: 'voice.answer.inbound', payload: answerCall },
        { url: `${listener.url}/answer`, format: 'query' },
      ),
    );
    await listener.closed;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual([
      { action: 'talk', text: 'This call is answered by vws listen.' },
    ]);
    expect(readdirSync(recordDir).sort()).toEqual([
      '000041-sms.inbound.text.json',
      '000042-voice.answer.inbound.json',
    ]);
    expect(readRecord(recordDir, '000042-voice.answer.inbound.json')).toMatchObject({
      status: 200,
      sequence: 42,
    });
    expect(readRecord(recordDir, '000042-voice.answer.inbound.json')).not.toHaveProperty('forwardedTo');
  });

  it('refuses a --forward-to that is not an absolute http(s) URL and a --record it cannot write, in one line', async () => {
    const bad = await runInProcess(['listen', '--port', '0', '--forward-to', 'localhost:3000']);
    expect(bad.code).toBe(2);
    oneLine(bad.stderr);
    expect(bad.stderr).toContain('absolute http(s) base URL');
    const file = join(mkdtempSync(join(tmpdir(), 'vws-not-dir-')), 'file');
    writeFileSync(file, 'not a folder');
    const unwritable = await runInProcess(['listen', '--port', '0', '--record', join(file, 'records')]);
    expect(unwritable.code).toBe(2);
    oneLine(unwritable.stderr);
    expect(unwritable.stderr).toContain('Cannot record to');
  });
});
