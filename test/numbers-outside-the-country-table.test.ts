// Numbers of any assigned calling code through the fake, as a user sends them (docs/decisions/104):
// the SMS API answers, and the lifecycle's delivery receipts follow with the same network and price.
import { describe, expect, it } from 'vitest';
import { createFakeVonage } from 'vonage-webhook-simulator';
import { createRecordingDeliver } from './support/recording-deliver.js';

const dlrUrl = 'http://127.0.0.1:9/dlr';

const recorder = createRecordingDeliver;

function sendSms(to: string, text: string): Request {
  return new Request('https://rest.nexmo.com/sms/json', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ api_key: 'abcd1234', api_secret: 'secret', from: 'Acme', to, text }),
  });
}

interface SmsAnswer {
  readonly 'message-count': string;
  readonly messages: readonly Record<string, string>[];
}

describe('createFakeVonage with numbers outside the country table', () => {
  it.each([
    ['Brazilian', '5511987654321'],
    ['Nigerian', '2348031234567'],
    ['Nigerian, written with +,', '+2348031234567'],
    ['Kenyan', '254712345678'],
  ])('delivers the receipts of an SMS to a %s number', async (_label, to) => {
    const { sent, deliver } = recorder();
    const vonage = createFakeVonage({ timeScale: 0, deliver, webhooks: { smsDlrUrl: dlrUrl } });
    try {
      const response = await vonage.handle(sendSms(to, 'x'.repeat(200)));
      const answer = (await response?.json()) as SmsAnswer;
      await vonage.settled();
      expect(vonage.lifecycles.map((lifecycle) => lifecycle.error)).toEqual([null]);
      expect(answer['message-count']).toBe('2');
      const msisdn = to.replace('+', '');
      expect(sent.map(({ webhook }) => webhook.event)).toEqual([
        'sms.delivery_receipt.delivered',
        'sms.delivery_receipt.delivered',
      ]);
      sent.forEach(({ parts, webhook }, index) => {
        const message = answer.messages[index];
        expect(parts.url.startsWith(dlrUrl)).toBe(true);
        expect(webhook.payload).toMatchObject({
          msisdn,
          messageId: message?.['message-id'],
          'network-code': message?.network,
          price: message?.['message-price'],
        });
      });
      if (msisdn.startsWith('55')) {
        expect(answer.messages[0]?.network).toMatch(/^724/);
      } else {
        // The specs' example values, as the fake answered before it sent receipts for such numbers.
        expect(answer.messages[0]).toMatchObject({ network: '12345', 'message-price': '0.03330000' });
      }
    } finally {
      await vonage.close();
    }
  });

  it('answers a number of an unassigned calling code and says why no receipt follows', async () => {
    const { sent, deliver } = recorder();
    const vonage = createFakeVonage({ timeScale: 0, deliver, webhooks: { smsDlrUrl: dlrUrl } });
    try {
      await vonage.handle(sendSms('2801234567', 'Hi'));
      await expect(vonage.settled()).rejects.toThrow(/"2801234567": it starts with no assigned/);
      expect(vonage.lifecycles[0]?.error?.message).toContain('"447700900123"');
      expect(sent).toEqual([]);
    } finally {
      await vonage.close();
    }
  });
});
