// `vws serve` configured like a Vonage account and application, here where webhooks go from the flags
// and the --application file. In-process through runCli, with webhooks arriving at a node:http
// receiver on loopback (setup: test/support/start-serve.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  API_KEY,
  API_SECRET,
  APPLICATION_ID,
  applicationJson,
  basic,
  closeServeRuns,
  post,
  receiver,
  routeLines,
  settled,
  startServe,
} from '../../test/support/start-serve.js';

afterEach(closeServeRuns);

describe('vws serve webhook settings', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vws-serve-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('delivers SMS webhooks to --sms-dlr-url and --sms-inbound-url by --sms-method', async () => {
    const app = await receiver();
    const started = await startServe([
      '--sms-dlr-url',
      `${app.url}/track-dlr`,
      '--sms-inbound-url',
      `${app.url}/in-sms`,
      '--sms-method',
      'GET',
    ]);
    const url = started.url as string;
    const sent = await post(`${url}/sms/json`, {
      api_key: API_KEY,
      api_secret: API_SECRET,
      from: 'AcmeInc',
      to: '447700900123',
      text: 'Hi',
    });
    expect(sent.status).toBe(200);
    expect((await post(`${url}/_vws/inbound/sms`, { text: 'STOP' })).status).toBe(202);
    await settled(url);
    const dlr = app.received.find((request) => request.path === '/track-dlr');
    expect(dlr).toMatchObject({ method: 'GET', body: '' });
    expect(dlr?.query.get('messageId')).toMatch(/\S/);
    const inbound = app.received.find((request) => request.path === '/in-sms');
    expect(inbound).toMatchObject({ method: 'GET' });
    expect(inbound?.query.get('text')).toBe('STOP');
  });

  it('delivers Voice webhooks to --answer-url and --event-url by their methods, and Messages to --inbound-url', async () => {
    const app = await receiver();
    const started = await startServe([
      '--answer-url',
      `${app.url}/voice/answer`,
      '--answer-method',
      'POST',
      '--event-url',
      `${app.url}/voice/events`,
      '--event-method',
      'GET',
      '--inbound-url',
      `${app.url}/msg-in`,
    ]);
    const url = started.url as string;
    expect((await post(`${url}/_vws/inbound/call`, { from: '447700900556' })).status).toBe(202);
    expect((await post(`${url}/_vws/inbound/message`, { channel: 'whatsapp', text: 'Hello?' })).status).toBe(
      202,
    );
    await settled(url);
    const answer = app.received.find((request) => request.path === '/voice/answer');
    expect(answer?.method).toBe('POST');
    expect(answer?.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(answer?.body ?? '{}')).toMatchObject({ from: '447700900556' });
    const events = app.received.filter((request) => request.path === '/voice/events');
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((request) => request.method === 'GET' && request.query.has('status'))).toBe(true);
    const message = app.received.find((request) => request.path === '/msg-in');
    expect(message?.method).toBe('POST');
    expect(JSON.parse(message?.body ?? '{}')).toMatchObject({ channel: 'whatsapp', text: 'Hello?' });
  });

  it('serves the --application file as the account application, flags winning over it', async () => {
    const app = await receiver();
    const file = join(dir, 'application.json');
    writeFileSync(file, JSON.stringify(applicationJson(app.url), null, 2));
    const started = await startServe([
      '--application',
      file,
      '--api-key',
      API_KEY,
      '--api-secret',
      API_SECRET,
      '--status-url',
      `${app.url}/flag/status`,
    ]);
    expect(routeLines(started.stderr())).toEqual([
      `  answer_url           GET   ${app.url}/app/answer`,
      `  event_url            POST  ${app.url}/app/event`,
      `  fallback_answer_url  POST  ${app.url}/app/fallback-answer`,
      `  inbound_url          POST  ${app.url}/app/inbound`,
      `  status_url           POST  ${app.url}/flag/status`,
      `  verify_status_url    POST  ${app.url}/app/verify`,
      `  rtc_event_url        GET   ${app.url}/app/rtc`,
      '  sms_inbound_url            (not set: none sent)',
      '  sms_dlr_url                (not set: requests must name a URL)',
    ]);
    const url = started.url as string;
    const served = await fetch(`${url}/v2/applications/${APPLICATION_ID}`, {
      headers: { authorization: basic },
      signal: AbortSignal.timeout(5000),
    });
    expect(served.status).toBe(200);
    expect(await served.json()).toMatchObject({ id: APPLICATION_ID, name: 'Acme support line' });

    expect((await post(`${url}/_vws/inbound/call`, { from: '447700900556' })).status).toBe(202);
    await settled(url);
    const answer = app.received.find((request) => request.path === '/app/answer');
    expect(answer?.method).toBe('GET');
    expect(answer?.query.get('from')).toBe('447700900556');
    expect(app.received.some((request) => request.path === '/app/event')).toBe(true);
  });
});
