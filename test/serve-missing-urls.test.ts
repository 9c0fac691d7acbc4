// Issue 11: a webhook with no URL says what sets one in the words of its reader: `vws serve`'s
// flags on the CLI, the fake's options in the library.
import { describe, expect, it } from 'vitest';
import { createFakeVonage } from '../src/index.js';
import { startServeInProcess } from './support/serve-in-process.js';

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('a webhook without a URL (issue 11)', () => {
  it('vws serve names its flags, not the library options, and says so at start-up (issue 11)', async () => {
    const serve = await startServeInProcess(['--port', '0'], { env: {}, seed: 1 });
    try {
      expect(serve.url).toMatch(/^http:/);
      expect(serve.output().stderr).toMatch(
        /vws: no webhook has a URL: start with --webhook-base-url URL .*--application FILE/,
      );
      const answer = await fetch(`${serve.url}/_vws/inbound/sms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(answer.status).toBe(202);
      await until(() => serve.output().stdout.includes('not sent'));
      const line =
        serve
          .output()
          .stdout.split('\n')
          .find((text) => text.includes('not sent')) ?? '';
      expect(line).toMatch(/--sms-inbound-url URL or --webhook-base-url URL/);
      expect(line).not.toMatch(/webhooks\.smsInboundUrl|option/);
    } finally {
      await serve.stop();
    }
  });

  it('the library names its options, not the CLI flags (issue 11)', async () => {
    const vonage = createFakeVonage({ clock: 'manual' });
    try {
      vonage.pushInboundSms();
      await vonage.settled();
      const reason = vonage.deliveries[0]?.reason ?? '';
      expect(reason).toMatch(/webhooks\.smsInboundUrl or webhookBaseUrl option/);
      expect(reason).not.toMatch(/--sms-inbound-url|vws serve/);
    } finally {
      await vonage.close();
    }
  });
});
