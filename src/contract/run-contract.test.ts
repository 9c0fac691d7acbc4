import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv } from 'ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSchema } from '../fixtures/shared/close-schema.js';
import { getSchema } from '../schemas/index.js';
import { expandEndpointEvents, parseContractConfig } from './config.js';
import { runContract } from './run-contract.js';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** A receiver on loopback that answers 200 and keeps each request's path and JSON body. */
async function createRecordingReceiver() {
  const received: { path: string; body: Record<string, unknown> }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      response.writeHead(200).end();
    });
  });
  closers.push(() => server.close());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { received, baseUrl: `http://127.0.0.1:${port}` };
}

describe('expandEndpointEvents', () => {
  it('marks messages events v0.1 on a v0.1 endpoint and leaves out those without a v0.1 shape', () => {
    const shapes = expandEndpointEvents({
      path: '/status',
      events: ['messages.status.read', 'sms.delivery_receipt.delivered'],
      webhookVersion: 'v0.1',
    });
    expect(shapes).toEqual([
      { event: 'messages.status.read.whatsapp', version: 'v0.1' },
      { event: 'messages.status.read.messenger', version: 'v0.1' },
      { event: 'messages.status.read.viber_service', version: 'v0.1' },
      { event: 'sms.delivery_receipt.delivered' },
    ]);
  });

  it('keeps every event in its default shape otherwise', () => {
    expect(expandEndpointEvents({ path: '/status', events: ['messages.status.read.rcs'] })).toEqual([
      { event: 'messages.status.read.rcs' },
    ]);
  });
});

describe('parseContractConfig webhookVersion', () => {
  it('accepts v1 and v0.1 and names the choices for anything else', () => {
    for (const webhookVersion of ['v1', 'v0.1']) {
      expect(
        parseContractConfig(
          { endpoints: [{ path: '/s', events: ['messages.status'], webhookVersion }] },
          'inline',
        ).endpoints[0]?.webhookVersion,
      ).toBe(webhookVersion);
    }
    expect(() =>
      parseContractConfig(
        { endpoints: [{ path: '/s', events: ['messages.status'], webhookVersion: 'v2' }] },
        'inline',
      ),
    ).toThrow(
      'Invalid config inline at $.endpoints[0].webhookVersion: must be equal to one of the allowed values (v1, v0.1).',
    );
  });

  it('refuses a v0.1 endpoint whose event has no v0.1 shape, saying how to fix it', () => {
    expect(() =>
      parseContractConfig(
        {
          endpoints: [
            {
              path: '/s',
              events: ['messages.status.read.whatsapp', 'messages.inbound.rcs'],
              webhookVersion: 'v0.1',
            },
          ],
        },
        'inline',
      ),
    ).toThrow(
      /at \$\.endpoints\[0\]\.events\[1\]: "messages\.inbound\.rcs" has no Messages API v0\.1 shape.*Drop "webhookVersion": "v0\.1"/,
    );
  });
});

describe('runContract webhookVersion', () => {
  it('sends the v0.1 shapes to a v0.1 endpoint and the v1 shapes to the others', async () => {
    const { received, baseUrl } = await createRecordingReceiver();
    const config = parseContractConfig(
      {
        forms: 'documented',
        defensive: false,
        endpoints: [
          {
            path: '/legacy',
            events: ['messages.status.rejected', 'messages.inbound.sms'],
            webhookVersion: 'v0.1',
          },
          { path: '/current', events: ['messages.status.rejected.sms'] },
        ],
      },
      'inline',
    );
    const run = await runContract({ config, baseUrl, seed: 3 });
    expect(run.failed).toBe(0);
    const legacy = run.checks.filter((check) => check.endpoint === '/legacy');
    expect(legacy.map((check) => check.event)).toEqual([
      'messages.status.rejected.sms',
      'messages.status.rejected.mms',
      'messages.status.rejected.whatsapp',
      'messages.status.rejected.messenger',
      'messages.status.rejected.viber_service',
      'messages.inbound.sms.text',
    ]);
    expect(legacy.every((check) => check.version === 'v0.1')).toBe(true);
    expect(run.checks.find((check) => check.endpoint === '/current')).not.toHaveProperty('version');

    const ajv = new Ajv({ strict: true, allErrors: true });
    for (const [index, check] of legacy.entries()) {
      const { $id: _id, ...schema } = getSchema(check.event, { version: 'v0.1' });
      const validate = ajv.compile(closeSchema(schema) as Record<string, unknown>);
      const body = received[index]?.body;
      expect(validate(body), `${check.event}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
    expect(received[0]?.body).toMatchObject({ to: { type: 'sms' }, error: { code: expect.any(Number) } });
    const current = received.find((each) => each.path === '/current');
    expect(current?.body).toMatchObject({ channel: 'sms', to: expect.any(String) });
  });
});
