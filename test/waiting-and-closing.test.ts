// Issue 8: tests that wait and assert. `close()` returns quickly even when the app never answers;
// suites with fake timers need no clock advancing (the fake keeps its own clock); records stay bounded.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeVonage, type FakeVonage } from 'vonage-webhook-simulator';

// Taken before any test fakes the timers, so `within` measures real time.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const basic = `Basic ${Buffer.from('a1b2c3d4:Secret123').toString('base64')}`;
const servers: Server[] = [];
let fake: FakeVonage | undefined;

/** An app on 127.0.0.1 that answers each webhook by `answer` (or never, when it returns false). */
async function startApp(answer: (path: string) => number | false): Promise<{ url: string; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    request.resume();
    const status = answer(request.url ?? '');
    if (status !== false) response.writeHead(status).end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

function sendSms(vonage: FakeVonage, to = '447700900123', text = 'Hi'): Promise<Response | undefined> {
  return vonage.handle(
    new Request('https://rest.nexmo.com/sms/json', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basic },
      body: JSON.stringify({ from: 'Acme', to, text }),
    }),
  );
}

/** Resolves `true` when `promise` settles within `ms` of real time. */
function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = realSetTimeout(() => resolve(false), ms);
    const done = () => {
      realClearTimeout(timer);
      resolve(true);
    };
    promise.then(done, done);
  });
}

afterEach(async () => {
  vi.useRealTimers();
  await fake?.close();
  fake = undefined;
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

describe('close (issue 8)', () => {
  it('aborts a webhook in flight and returns within a second when the app never answers', async () => {
    const app = await startApp(() => false);
    fake = createFakeVonage({ timeScale: 0, webhooks: { smsDlrUrl: `${app.url}/dlr` } });
    await sendSms(fake);
    // The receipt reaches the app, which holds it (Vonage would wait 15 s for it).
    await vi.waitFor(() => expect(app.paths).toEqual(['/dlr']), { timeout: 5000 });
    const closing = fake.close();
    expect(await within(closing, 1000)).toBe(true);
    fake = undefined;
  });
});

describe('fake timers (issue 8)', () => {
  it('delivers while vi.useFakeTimers() holds the clock, without advancing it', async () => {
    const app = await startApp(() => 200);
    vi.useFakeTimers();
    fake = createFakeVonage({ timeScale: 0, webhooks: { smsDlrUrl: `${app.url}/dlr` } });
    await sendSms(fake);
    await fake.settled({ strict: true, timeoutMs: 5000 });
    expect(app.paths).toEqual(['/dlr']);
  });

  it('still gives up at timeoutMs under fake timers instead of hanging', async () => {
    const app = await startApp(() => 200);
    vi.useFakeTimers();
    // Real time: the receipt is due seconds after the send.
    fake = createFakeVonage({ timeScale: 1, webhooks: { smsDlrUrl: `${app.url}/dlr` } });
    await sendSms(fake);
    const settling = fake.settled({ timeoutMs: 50 });
    expect(await within(settling, 2000)).toBe(true);
    await expect(settling).rejects.toThrow(/settled\(\) gave up after 50 ms with 1 webhook\(s\) pending/);
  });
});

describe('bounded records (issue 8)', () => {
  it('keeps at most recordLimit API calls, webhooks and lifecycles, dropping the oldest', async () => {
    const app = await startApp(() => 200);
    fake = createFakeVonage({ timeScale: 0, recordLimit: 3, webhooks: { smsDlrUrl: `${app.url}/dlr` } });
    for (let index = 0; index < 5; index++) await sendSms(fake, `44770090012${index}`);
    await fake.settled({ strict: true, timeoutMs: 5000 });
    expect(app.paths).toHaveLength(5);
    expect(fake.requests).toHaveLength(3);
    expect(fake.deliveries.map((delivery) => delivery.lifecycle)).toEqual([2, 3, 4]);
    expect(fake.lifecycles.map((lifecycle) => lifecycle.index)).toEqual([2, 3, 4]);
    expect(() => createFakeVonage({ recordLimit: 0 })).toThrow(/Invalid recordLimit 0: use a whole number/);
  });
});

describe('scenario params (issue 8)', () => {
  it('refuses an unknown scenario name or param instead of ignoring it', () => {
    // Typed per scenario (issue 13): refused when compiling too, and at run time for JavaScript callers.
    // @ts-expect-error not a scenario name
    expect(() => createFakeVonage({ scenario: { params: { 'sms.sned': { status: 'failed' } } } })).toThrow(
      /^Unknown scenario "sms\.sned" in scenario\.params: use voice\.outbound/,
    );
    // @ts-expect-error not an sms.send param
    expect(() => createFakeVonage({ scenario: { params: { 'sms.send': { stauts: 'failed' } } } })).toThrow(
      'Unknown param "stauts" in scenario.params["sms.send"]. Did you mean "status"? Use to, from, text, clientRef, messageIds, status, apiKey.',
    );
  });
});
