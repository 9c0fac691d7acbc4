import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { toRequestParts } from '../delivery/to-request.js';
import { generate } from '../fixtures/generate.js';
import { createListener, type ReceivedWebhook } from './create-listener.js';

const secret = 'listen-secret-0123456789';

async function send(
  url: string,
  name: string,
  options: Parameters<typeof toRequestParts>[1] extends infer T ? Partial<T> : never,
) {
  const parts = toRequestParts(
    { name, payload: generate(name as 'sms.inbound', { seed: 4 }) },
    { url, ...options },
  );
  const response = await fetch(parts.url, {
    method: parts.method,
    headers: parts.headers as [string, string][],
    ...(parts.body === null ? {} : { body: parts.body }),
  });
  return {
    status: response.status,
    text: await response.text(),
    contentType: response.headers.get('content-type'),
  };
}

describe('createListener', () => {
  it('names, validates and signature-checks webhooks in every transport, answering 200', async () => {
    const received: ReceivedWebhook[] = [];
    const listener = await createListener({
      port: 0,
      signatureSecret: secret,
      maxRequests: 5,
      onWebhook: (w) => received.push(w),
    });
    await send(`${listener.url}/sms`, 'sms.inbound.unicode', {
      signatureSecret: secret,
      signatureMethod: 'sha256',
    });
    await send(`${listener.url}/dlr`, 'sms.delivery_receipt.failed', {
      format: 'form',
      signatureSecret: secret,
      signatureMethod: 'md5hash',
    });
    const answer = await send(`${listener.url}/answer`, 'voice.answer.inbound', {
      signatureSecret: secret,
      apiKey: 'k1',
    });
    await send(`${listener.url}/event`, 'voice.event.answered', {
      format: 'query',
      signatureSecret: secret,
      apiKey: 'k1',
    });
    await send(`${listener.url}/status`, 'messages.status.read.whatsapp', {
      signatureSecret: secret,
      apiKey: 'k1',
      signingMode: 'tampered-body',
    });
    await listener.closed;
    expect(received.map((w) => w.identification.shape?.name)).toEqual([
      'sms.inbound.unicode',
      'sms.delivery_receipt.failed',
      'voice.answer.inbound',
      'voice.event.answered',
      'messages.status.read.whatsapp',
    ]);
    expect(received.slice(0, 4).map((w) => w.signature.valid)).toEqual([true, true, true, true]);
    expect(received.slice(0, 4).every((w) => w.identification.valid)).toBe(true);
    expect(received[4]?.signature).toMatchObject({ scheme: 'jwt', valid: false });
    expect(received[4]?.signature.detail).toContain('payload_hash');
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/json');
    expect(JSON.parse(answer.text)).toEqual([
      { action: 'talk', text: 'This call is answered by vws listen.' },
    ]);
  });

  it('reports an unsigned webhook and a payload that fails its schema', async () => {
    const received: ReceivedWebhook[] = [];
    const listener = await createListener({ port: 0, maxRequests: 1, onWebhook: (w) => received.push(w) });
    const payload = { ...generate('sms.delivery_receipt.delivered', { seed: 1 }), price: 0.05 };
    await fetch(`${listener.url}/dlr`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    await listener.closed;
    expect(received[0]?.signature).toEqual({ scheme: 'none', valid: undefined, detail: 'unsigned' });
    expect(received[0]?.identification).toMatchObject({ valid: false });
    expect(received[0]?.identification.errors.join()).toContain('/price must be string');
  });

  it('fails with a one-line VwsError naming the fix when the port is in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    await expect(createListener({ port, onWebhook: () => undefined })).rejects.toThrow(
      new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is in use: .*--port ${port + 1}`),
    );
    blocker.close();
  });
});
