// Issue 11: GET /_vws/settled counts only the webhooks sent (delivered or attempted); those never
// sent are counted apart: for want of a URL (notSent) and on purpose (skipped).
import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY, API_SECRET, closeServers, json, receiver, serve } from './support/fake-vonage-server.js';

afterEach(closeServers);

describe('GET /_vws/settled (issue 11)', () => {
  it('counts only webhooks sent, and the unsent ones apart (issue 11)', async () => {
    const app = await receiver();
    const server = await serve({ webhooks: { smsInboundUrl: `${app.url}/inbound-sms` } });
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    // Sent: the account has an inbound SMS URL.
    expect((await post('/_vws/inbound/sms', { text: 'STOP' })).status).toBe(202);
    // Not sent, no URL: the application has no inbound_url.
    expect((await post('/_vws/inbound/message', {})).status).toBe(202);
    // Skipped on purpose: the send asks for no delivery receipt.
    const send = await post('/sms/json', {
      api_key: API_KEY,
      api_secret: API_SECRET,
      from: 'AcmeInc',
      to: '447700900123',
      text: 'Hi',
      'status-report-req': 0,
    });
    expect(send.status).toBe(200);
    const settled = await json(await fetch(`${server.url}/_vws/settled?timeoutMs=5000`));
    expect(settled).toMatchObject({ settled: true, deliveries: 1, notSent: 1, skipped: 1 });
    expect((settled as { note?: string }).note).toMatch(/^1 webhook\(s\) not sent \(no URL/);
    expect(app.received).toHaveLength(1);
  });

  it('says nothing extra when every webhook was sent (issue 11)', async () => {
    const app = await receiver();
    const server = await serve({ webhookBaseUrl: app.url });
    await fetch(`${server.url}/_vws/inbound/sms`, { method: 'POST', body: '{"text":"hi"}' });
    const settled = await json(await fetch(`${server.url}/_vws/settled?timeoutMs=5000`));
    expect(settled).toEqual({ settled: true, deliveries: 1, notSent: 0, skipped: 0 });
  });
});
