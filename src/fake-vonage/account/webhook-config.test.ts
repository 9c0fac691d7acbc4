import { describe, expect, it } from 'vitest';
import { toWebhookConfig } from './webhook-config.js';

const fallbackId = 'ffffffff-ffff-4fff-8fff-ffffffffffff';

describe('toWebhookConfig', () => {
  it('maps the flag names onto the application and the account', () => {
    const config = toWebhookConfig(
      {
        webhooks: {
          answerUrl: 'http://127.0.0.1:3000/answer',
          answerMethod: 'POST',
          eventUrl: new URL('http://127.0.0.1:3000/track-call'),
          statusUrl: 'http://127.0.0.1:3000/status',
          verifyStatusUrl: 'http://127.0.0.1:3000/verify',
          rtcEventUrl: 'http://127.0.0.1:3000/rtc',
          rtcEventMethod: 'GET',
          smsDlrUrl: 'http://127.0.0.1:3000/dlr',
        },
      },
      fallbackId,
    );
    expect(config.account).toEqual({ smsInboundUrl: null, smsDlrUrl: 'http://127.0.0.1:3000/dlr' });
    expect(config.application).toEqual({
      id: fallbackId,
      name: 'vws fake application',
      capabilities: {
        voice: {
          webhooks: {
            answer_url: { address: 'http://127.0.0.1:3000/answer', http_method: 'POST' },
            event_url: { address: 'http://127.0.0.1:3000/track-call', http_method: 'POST' },
          },
        },
        messages: {
          webhooks: { status_url: { address: 'http://127.0.0.1:3000/status', http_method: 'POST' } },
        },
        verify: {
          webhooks: { status_url: { address: 'http://127.0.0.1:3000/verify', http_method: 'POST' } },
        },
        rtc: { webhooks: { event_url: { address: 'http://127.0.0.1:3000/rtc', http_method: 'GET' } } },
      },
    });
  });

  it('takes the first release names, with their methods', () => {
    const config = toWebhookConfig(
      {
        webhooks: {
          voiceAnswer: { url: 'http://127.0.0.1:3000/a', method: 'POST' },
          smsInbound: 'http://127.0.0.1:3000/in',
          messagesStatus: 'http://127.0.0.1:3000/old-status',
          statusUrl: 'http://127.0.0.1:3000/new-status',
        },
      },
      fallbackId,
    );
    expect(config.account.smsInboundUrl).toBe('http://127.0.0.1:3000/in');
    expect(config.application.capabilities?.voice?.webhooks?.answer_url).toEqual({
      address: 'http://127.0.0.1:3000/a',
      http_method: 'POST',
    });
    // A flag name wins over an old one.
    expect(config.application.capabilities?.messages?.webhooks?.status_url?.address).toBe(
      'http://127.0.0.1:3000/new-status',
    );
  });

  it('keeps the application given, its id, and drops its private key', () => {
    const config = toWebhookConfig(
      {
        application: {
          id: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
          name: 'Acme',
          capabilities: {
            voice: { webhooks: { event_url: { address: 'https://x.test/e', socket_timeout: 3000 } } },
          },
          keys: {
            public_key: 'PUBLIC',
            private_key: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----',
          },
        },
      },
      fallbackId,
    );
    expect(config.application.id).toBe('aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab');
    expect(config.application.keys).toEqual({ public_key: 'PUBLIC' });
    expect(JSON.stringify(config)).not.toContain('PRIVATE KEY');
  });

  it('fills only what is unset from the base URL, under the application and the flags', () => {
    const config = toWebhookConfig(
      {
        webhookBaseUrl: 'http://127.0.0.1:3000/app/',
        application: {
          capabilities: { messages: { webhooks: { inbound_url: { address: 'https://x.test/in' } } } },
        },
        webhooks: { smsDlrUrl: 'http://127.0.0.1:3000/dlr' },
      },
      fallbackId,
    );
    expect(config.application.capabilities?.messages?.webhooks).toEqual({
      inbound_url: { address: 'https://x.test/in' },
      status_url: { address: 'http://127.0.0.1:3000/app/webhooks/status', http_method: 'POST' },
    });
    expect(config.account).toEqual({
      smsInboundUrl: 'http://127.0.0.1:3000/app/webhooks/inbound-sms',
      smsDlrUrl: 'http://127.0.0.1:3000/dlr',
    });
  });

  it('rejects a bad URL, method or application with the setting or JSON path to fix', () => {
    expect(() => toWebhookConfig({ webhooks: { inboundUrl: 'not a url' } }, fallbackId)).toThrow(
      /^Invalid webhooks\.inboundUrl "not a url": use an absolute http\(s\) URL/,
    );
    expect(() => toWebhookConfig({ webhooks: { eventMethod: 'PUT' as 'GET' } }, fallbackId)).toThrow(
      'Invalid webhooks.eventMethod "PUT": use GET or POST.',
    );
    expect(() =>
      toWebhookConfig(
        {
          application: {
            capabilities: {
              voice: { webhooks: { answer_url: { address: 'ftp://x', http_method: 'PATCH' } } },
            },
          },
        },
        fallbackId,
      ),
    ).toThrow(
      /^Invalid application: capabilities\.voice\.webhooks\.answer_url\.address must be an absolute http\(s\) URL\.; capabilities\.voice\.webhooks\.answer_url\.http_method must be one of GET, POST\./,
    );
    expect(() => toWebhookConfig({ application: { id: 'one' }, applicationId: 'two' }, fallbackId)).toThrow(
      /differs from applicationId "two"/,
    );
  });
});
