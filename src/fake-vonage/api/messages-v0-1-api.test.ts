import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { createRecordingDeliver } from '../../../test/support/recording-deliver.js';
import { closeSchema } from '../../fixtures/shared/close-schema.js';
import { getSchema } from '../../schemas/index.js';
import { createFakeVonage } from '../create-fake-vonage.js';
import type { FakeVonageOptions } from '../types.js';
import { messagesV01SendTypes } from './messages-v0-1-api.js';

const statusUrl = 'http://127.0.0.1:9/status';
const basic = `Basic ${Buffer.from('a1b2c3d4:s3cret').toString('base64')}`;
const segment = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = `${segment({ alg: 'RS256', typ: 'JWT' })}.${segment({ application_id: 'app-1' })}.c2ln`;

const recorder = createRecordingDeliver;

function createVonage(extra: Partial<FakeVonageOptions> = {}) {
  const { sent, deliver } = recorder();
  const vonage = createFakeVonage({ timeScale: 0, deliver, webhooks: { statusUrl }, ...extra });
  return { vonage, sent };
}

const sms = {
  to: { type: 'sms', number: '447700900123' },
  from: { type: 'sms', number: '447700900001' },
  message: { content: { type: 'text', text: 'Hello' } },
  client_ref: 'order-7',
};

function post(
  body: unknown,
  { url = 'https://api.nexmo.com/v0.1/messages', authorization = basic as string | null } = {},
) {
  return new Request(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(authorization === null ? {} : { authorization }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function answer(body: unknown, options?: Parameters<typeof post>[1]) {
  const { vonage } = createVonage();
  const response = await vonage.handle(post(body, options));
  return { status: response?.status, body: (await response?.json()) as Record<string, unknown> };
}

/** The `invalid_parameters` names of a 400 answer. */
async function problemsOf(body: unknown): Promise<string[]> {
  const { status, body: problem } = await answer(body);
  expect(status).toBe(400);
  expect(problem).toMatchObject({ type: 'https://www.nexmo.com/messages/Errors#InvalidParams' });
  return (problem.invalid_parameters as { name: string }[]).map((each) => each.name);
}

const ajv = new Ajv({ strict: true, allErrors: true });
function closedV01Validator(event: string): ValidateFunction {
  const { $id: _id, ...schema } = getSchema(event, { version: 'v0.1' });
  return ajv.compile(closeSchema(schema) as Record<string, unknown>);
}

describe('handleMessagesV01Send', () => {
  it('answers 202 with the message_uuid and sends its statuses in the v0.1 shape', async () => {
    const { vonage, sent } = createVonage();
    const response = await vonage.handle(post(sms));
    expect(response?.status).toBe(202);
    const uuid = ((await response?.json()) as { message_uuid: string } | undefined)?.message_uuid;
    expect(uuid).toMatch(/^[0-9a-f-]{36}$/);
    await vonage.settled();
    expect(sent.map(({ webhook }) => webhook.event)).toEqual([
      'messages.status.submitted.sms',
      'messages.status.delivered.sms',
    ]);
    for (const { webhook, parts } of sent) {
      expect(webhook.url).toBe(statusUrl);
      expect(webhook.payload).toMatchObject({
        message_uuid: uuid,
        to: { number: '447700900123', type: 'sms' },
        from: { number: '447700900001', type: 'sms' },
        client_ref: 'order-7',
      });
      expect(JSON.parse(String(parts.body))).toEqual(webhook.payload);
      const validate = closedV01Validator(webhook.event);
      expect(validate(webhook.payload), ajv.errorsText(validate.errors)).toBe(true);
    }
  });

  it('takes a JWT and the sandbox host, and each channel with its endpoints', async () => {
    const { vonage, sent } = createVonage();
    const messenger = {
      to: { type: 'messenger', id: '1234567890123456' },
      from: { type: 'messenger', id: '123456789012345' },
      message: { content: { type: 'image', image: { url: 'https://example.com/cat.jpg' } } },
    };
    const viber = {
      to: { type: 'viber_service_msg', number: '447700900123' },
      from: { type: 'viber_service_msg', id: '16273' },
      message: {
        content: { type: 'text', text: 'Hi' },
        viber_service_msg: { category: 'transaction', ttl: 600 },
      },
    };
    const whatsapp = {
      to: { type: 'whatsapp', number: '447700900123' },
      from: { type: 'whatsapp', number: '447700900001' },
      message: {
        content: { type: 'template', template: { name: 'ns:verify', parameters: ['Daisy'] } },
        whatsapp: { locale: 'en-GB', policy: 'deterministic' },
      },
    };
    const mms = {
      to: { type: 'mms', number: '14155550123' },
      from: { type: 'mms', number: '12345' },
      message: { content: { type: 'vcard', vcard: { url: 'https://example.com/me.vcf' } } },
    };
    const sandbox = 'https://messages-sandbox.nexmo.com/v0.1/messages';
    for (const [body, options] of [
      [messenger, { authorization: `Bearer ${jwt}` }],
      [viber, { url: sandbox }],
      [whatsapp, {}],
      [mms, {}],
    ] as const) {
      expect((await vonage.handle(post(body, options)))?.status, JSON.stringify(body)).toBe(202);
    }
    await vonage.settled();
    const firsts = sent.filter(({ webhook }) => webhook.payload.status === 'submitted');
    expect(firsts.map(({ webhook }) => [webhook.event, webhook.payload.to, webhook.payload.from])).toEqual([
      [
        'messages.status.submitted.messenger',
        { id: '1234567890123456', type: 'messenger' },
        { id: '123456789012345', type: 'messenger' },
      ],
      [
        'messages.status.submitted.viber_service',
        { number: '447700900123', type: 'viber_service_msg' },
        { id: '16273', type: 'viber_service_msg' },
      ],
      [
        'messages.status.submitted.whatsapp',
        { number: '447700900123', type: 'whatsapp' },
        { number: '447700900001', type: 'whatsapp' },
      ],
      [
        'messages.status.submitted.mms',
        { number: '14155550123', type: 'mms' },
        { number: '12345', type: 'mms' },
      ],
    ]);
  });

  it('ignores a webhook_url (v0.1 has none): statuses need the application status URL', async () => {
    const { vonage, sent } = createVonage({ webhooks: {} });
    expect((await vonage.handle(post({ ...sms, webhook_url: 'http://app.test/other' })))?.status).toBe(202);
    await vonage.settled();
    expect(sent).toEqual([]);
    expect(vonage.deliveries[0]).toMatchObject({ state: 'not_sent', url: null });
    expect(vonage.deliveries[0]?.reason).toMatch(/No URL for messages-status webhooks/);
  });

  it('answers the gateway 401 without credentials or with a malformed JWT', async () => {
    for (const authorization of [null, 'Bearer not-a-jwt']) {
      const { status, body } = await answer(sms, { authorization });
      expect(status).toBe(401);
      expect(body).toMatchObject({
        type: 'https://developer.nexmo.com/api-errors#unauthorized',
        title: 'Unauthorized',
      });
    }
  });

  it('answers 400 InvalidParams with the trace id as instance when the body is not JSON', async () => {
    const { vonage } = createVonage();
    const response = await vonage.handle(post('{"to":'));
    expect(response?.status).toBe(400);
    const body = (await response?.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      type: 'https://www.nexmo.com/messages/Errors#InvalidParams',
      title: "Your request parameters didn't validate.",
      detail: 'Found errors validating 1 of your submitted parameters.',
      instance: response?.headers.get('x-nexmo-trace-id'),
      invalid_parameters: [{ name: 'body', reason: expect.stringMatching(/^must be a JSON object/) }],
    });
    expect(vonage.lifecycles).toEqual([]);
  });

  it('lists every missing part in one answer, counted in the detail', async () => {
    const { body } = await answer({ client_ref: 'x'.repeat(41) });
    expect(body.detail).toBe('Found errors validating 4 of your submitted parameters.');
    expect(body.invalid_parameters).toEqual([
      { name: 'to', reason: 'is required.' },
      { name: 'from', reason: 'is required.' },
      { name: 'message', reason: 'is required.' },
      { name: 'client_ref', reason: 'must be a string of up to 40 characters.' },
    ]);
  });

  it('checks the channel types of to and from', async () => {
    expect(await problemsOf({ ...sms, to: { type: 'rcs', number: '447700900123' } })).toEqual(['to.type']);
    expect(await problemsOf({ ...sms, to: '447700900123' })).toEqual(['to']);
    expect(await problemsOf({ ...sms, from: { number: '447700900001' } })).toEqual(['from.type']);
    const { body } = await answer({ ...sms, from: { type: 'whatsapp', number: '447700900001' } });
    expect(body.invalid_parameters).toEqual([
      { name: 'from.type', reason: 'must be the same as to.type (sms).' },
    ]);
  });

  it('checks the number or id each channel takes', async () => {
    expect(await problemsOf({ ...sms, to: { type: 'sms', number: '00447700' } })).toEqual(['to.number']);
    expect(await problemsOf({ ...sms, from: { type: 'sms', number: 'Far too long a name' } })).toEqual([
      'from.number',
    ]);
    expect((await answer({ ...sms, from: { type: 'sms', number: 'Acme' } })).status).toBe(202);
    expect(
      await problemsOf({
        to: { type: 'messenger', number: '447700900123' },
        from: { type: 'messenger', id: 'x'.repeat(51) },
        message: { content: { type: 'text', text: 'Hi' } },
      }),
    ).toEqual(['to.id', 'from.id']);
    expect(
      await problemsOf({
        to: { type: 'viber_service_msg', number: '447700900123' },
        from: { type: 'viber_service_msg', number: '447700900001' },
        message: { content: { type: 'text', text: 'Hi' } },
      }),
    ).toEqual(['from.id']);
  });

  it('checks the content type against the channel, naming the types it sends', async () => {
    const { body } = await answer({
      to: { type: 'mms', number: '14155550123' },
      from: { type: 'mms', number: '14155550100' },
      message: { content: { type: 'text', text: 'Hi' } },
    });
    expect(body.invalid_parameters).toEqual([
      { name: 'message.content.type', reason: 'must be one of image, vcard for mms.' },
    ]);
    expect(await problemsOf({ ...sms, message: {} })).toEqual(['message.content']);
    expect(await problemsOf({ ...sms, message: { content: { text: 'Hi' } } })).toEqual([
      'message.content.type',
    ]);
    expect(messagesV01SendTypes.sms).toEqual(['text']);
  });

  it('checks the content each type needs and the text limits of the spec', async () => {
    const content = (value: object) => ({ ...sms, message: { content: value } });
    expect(await problemsOf(content({ type: 'text' }))).toEqual(['message.content.text']);
    expect(await problemsOf(content({ type: 'text', text: 'x'.repeat(1001) }))).toEqual([
      'message.content.text',
    ]);
    const whatsapp = (message: object) => ({
      to: { type: 'whatsapp', number: '447700900123' },
      from: { type: 'whatsapp', number: '447700900001' },
      message,
    });
    expect((await answer(whatsapp({ content: { type: 'text', text: 'x'.repeat(4096) } }))).status).toBe(202);
    expect(
      await problemsOf(whatsapp({ content: { type: 'image', image: { url: 'ftp://x/y.jpg' } } })),
    ).toEqual(['message.content.image.url']);
    expect(await problemsOf(whatsapp({ content: { type: 'file', file: {} } }))).toEqual([
      'message.content.file.url',
    ]);
    expect(
      await problemsOf(whatsapp({ content: { type: 'template', template: { parameters: [1] } } })),
    ).toEqual(['message.content.template.name', 'message.content.template.parameters', 'message.whatsapp']);
  });

  it('checks the channel options: WhatsApp locale and policy, Viber category and ttl, Messenger tag', async () => {
    const template = { type: 'template', template: { name: 'ns:verify' } };
    const whatsapp = {
      to: { type: 'whatsapp', number: '447700900123' },
      from: { type: 'whatsapp', number: '447700900001' },
    };
    expect(
      await problemsOf({ ...whatsapp, message: { content: template, whatsapp: { policy: 'fallback' } } }),
    ).toEqual(['message.whatsapp.locale', 'message.whatsapp.policy']);
    expect(
      await problemsOf({
        to: { type: 'viber_service_msg', number: '447700900123' },
        from: { type: 'viber_service_msg', id: '16273' },
        message: {
          content: { type: 'text', text: 'Hi' },
          viber_service_msg: { category: 'marketing', ttl: 10 },
        },
      }),
    ).toEqual(['message.viber_service_msg.category', 'message.viber_service_msg.ttl']);
    expect(
      await problemsOf({
        to: { type: 'messenger', id: '1234567890123456' },
        from: { type: 'messenger', id: '123456789012345' },
        message: { content: { type: 'text', text: 'Hi' }, messenger: { category: 'message_tag' } },
      }),
    ).toEqual(['message.messenger.tag']);
  });
});

describe('webhook_version on POST /v1/messages', () => {
  const v1 = (extra: object) =>
    post(
      { channel: 'sms', message_type: 'text', to: '447700900123', from: 'Acme', text: 'Hi', ...extra },
      { url: 'https://api.nexmo.com/v1/messages' },
    );

  it('sends v0.1 statuses when the request asks for v0.1, v1 ones otherwise', async () => {
    const { vonage, sent } = createVonage();
    expect((await vonage.handle(v1({ webhook_version: 'v0.1', client_ref: 'r-1' })))?.status).toBe(202);
    await vonage.settled();
    expect(sent.length).toBeGreaterThan(0);
    for (const { webhook } of sent) {
      expect(webhook.payload).toMatchObject({
        to: { number: '447700900123', type: 'sms' },
        client_ref: 'r-1',
      });
      const validate = closedV01Validator(webhook.event);
      expect(validate(webhook.payload), ajv.errorsText(validate.errors)).toBe(true);
    }
    sent.length = 0;
    for (const extra of [{ webhook_version: 'v1' }, {}]) {
      await vonage.handle(v1(extra));
      await vonage.settled();
      expect(sent.map(({ webhook }) => webhook.payload.channel)).toEqual(['sms', 'sms']);
      sent.length = 0;
    }
  });
});
