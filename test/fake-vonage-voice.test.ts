// The fake Vonage REST API end to end (the Voice API): API requests in, Vonage's answers out, lifecycles
// delivered to a real loopback server and checked with the package's own verifiers, all through the
// public entry (setup: test/support/fake-vonage-app.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { verifyWebhookJwt } from 'vonage-webhook-simulator';
import {
  appJwt,
  basic,
  call,
  closeFakeVonageApps,
  fake,
  post,
  problemShape,
  SIGNATURE_SECRET,
  startApp,
} from './support/fake-vonage-app.js';

afterEach(closeFakeVonageApps);

describe('createFakeVonage: Voice API', () => {
  const createCall = (fields: Record<string, unknown> = {}, authorization = `Bearer ${appJwt()}`) =>
    post(
      'https://api.nexmo.com/v1/calls',
      {
        to: [{ type: 'phone', number: '447700900123' }],
        from: { type: 'phone', number: '447700900000' },
        ...fields,
      },
      { authorization },
    );

  it('answers 401 without a JWT (Basic is not enough) and 400 with invalid_parameters', async () => {
    const vonage = fake({ webhooks: { voiceEvent: 'http://127.0.0.1:9/event' } });
    expect(await call(vonage, createCall({ answer_url: ['https://example.com/a'] }, basic))).toMatchObject({
      status: 401,
      body: { title: 'Unauthorized' },
    });
    const invalid = await call(vonage, createCall({ to: [], answer_url: 'https://example.com/a' }));
    expect(invalid).toMatchObject({ status: 400, body: { ...problemShape, title: 'Bad Request' } });
    const names = (invalid.body as { invalid_parameters: { name: string }[] }).invalid_parameters.map(
      (p) => p.name,
    );
    expect(names).toEqual(['to', 'answer_url']);
  });

  it('requires event_url when the application has no event URL', async () => {
    const vonage = fake();
    const answer = await call(vonage, createCall({ answer_url: ['https://example.com/a'] }));
    expect(answer.body).toMatchObject({ invalid_parameters: [{ name: 'event_url' }] });
  });

  it('creates the call, requests the answer URL by answer_method and sends signed events', async () => {
    const app = await startApp();
    const vonage = fake();
    const answer = await call(
      vonage,
      createCall({ answer_url: [`${app.url}/answer`], event_url: [`${app.url}/event`] }),
    );
    expect(answer.status).toBe(201);
    const created = answer.body as Record<string, string>;
    expect(created).toEqual({
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'started',
      direction: 'outbound',
      conversation_uuid: expect.stringMatching(/^CON-[0-9a-f-]{36}$/),
    });
    await vonage.settled();
    const answerRequest = app.received.find((request) => request.path === '/answer');
    expect(answerRequest).toMatchObject({ method: 'GET', query: { uuid: created.uuid, to: '447700900123' } });
    expect(
      verifyWebhookJwt(answerRequest?.headers.authorization, { secret: SIGNATURE_SECRET, body: '' }).valid,
    ).toBe(true);
    const events = app.received.filter((request) => request.path === '/event');
    expect(events.map((request) => JSON.parse(request.body).status)).toEqual([
      'started',
      'ringing',
      'answered',
      'completed',
    ]);
    for (const event of events) {
      expect(
        verifyWebhookJwt(event.headers.authorization, { secret: SIGNATURE_SECRET, body: event.body }).valid,
      ).toBe(true);
      expect(JSON.parse(event.body)).toMatchObject({
        uuid: created.uuid,
        conversation_uuid: created.conversation_uuid,
      });
    }

    const jwt = { authorization: `Bearer ${appJwt()}` };
    const details = await call(
      vonage,
      new Request(`https://api.nexmo.com/v1/calls/${created.uuid}`, { headers: jwt }),
    );
    expect(details).toMatchObject({
      status: 200,
      body: { uuid: created.uuid, status: 'completed', direction: 'outbound' },
    });
    const talk = await call(
      vonage,
      new Request(`https://api.nexmo.com/v1/calls/${created.uuid}/talk`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...jwt },
        body: JSON.stringify({ text: 'Hello' }),
      }),
    );
    expect(talk).toEqual({
      status: 400,
      body: expect.objectContaining({ detail: `Call ${created.uuid} is not in progress.` }),
    });
    const missing = await call(
      vonage,
      new Request('https://api.nexmo.com/v1/calls/00000000-0000-4000-8000-000000000000', { headers: jwt }),
    );
    expect(missing).toMatchObject({ status: 404, body: { title: 'Not Found' } });
  });

  it('answers talk, stream and dtmf on a live call', async () => {
    const vonage = fake({ timeScale: 1, webhooks: { voiceEvent: 'http://127.0.0.1:9/event' } });
    const created = (await call(vonage, createCall({ ncco: [{ action: 'talk', text: 'Hi' }] }))).body as {
      uuid: string;
    };
    const put = (path: string, body: unknown) =>
      call(
        vonage,
        new Request(`https://api.nexmo.com/v1/calls/${created.uuid}/${path}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${appJwt()}` },
          body: JSON.stringify(body),
        }),
      );
    expect(await put('talk', { text: 'Hello' })).toEqual({
      status: 200,
      body: { message: 'Talk started', uuid: created.uuid },
    });
    expect(await put('stream', { stream_url: ['https://example.com/a.mp3'] })).toEqual({
      status: 200,
      body: { message: 'Stream started', uuid: created.uuid },
    });
    expect(await put('dtmf', { digits: '1713' })).toEqual({
      status: 200,
      body: { message: 'DTMF sent', uuid: created.uuid },
    });
    expect((await put('dtmf', {})).status).toBe(400);
    vonage.reset();
    expect(vonage.deliveries).toEqual([]);
  });

  it('requests no answer URL for a call created with an inline NCCO, and says so', async () => {
    const app = await startApp();
    const vonage = fake({ webhooks: { voiceEvent: `${app.url}/event` } });
    await call(vonage, createCall({ ncco: [{ action: 'talk', text: 'Hi' }] }));
    await vonage.settled();
    expect(vonage.deliveries.some((delivery) => delivery.target === 'voice-answer')).toBe(false);
    // The inline NCCO ran: Vonage said its text (issue 9).
    expect(vonage.lifecycles[0]?.transcript).toContainEqual(
      expect.objectContaining({ kind: 'said', text: 'Hi' }),
    );
    expect(app.received.length).toBeGreaterThan(0);
    expect(app.received.every((request) => request.path === '/event')).toBe(true);
  });
});
