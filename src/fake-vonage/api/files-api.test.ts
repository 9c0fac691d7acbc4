import { describe, expect, it } from 'vitest';
import { createCredentialCheck } from '../account/credentials.js';
import { createIdSource } from '../account/id-source.js';
import { createFakeState, type FakeState } from '../account/state.js';
import { createRecordingAudio, createTranscript, storeFile, toJsonFile } from '../engine/recordings.js';
import type { ApiContext } from './api-context.js';
import { handleGetFile } from './files-api.js';
import { readApiRequest } from './read-request.js';
import { findRoute } from './routes.js';

const API_KEY = 'a1b2c3d4';
const API_SECRET = 'Secret123';
const APP_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';
const OTHER_APP_ID = 'bbbbbbbb-cccc-4ddd-8eee-0123456789ab';
const FILE_ID = '87b8851a-dbfa-4142-bc01-82a7854ac4fd';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const bearer = (applicationId: string, alg = 'RS256') =>
  `Bearer ${part({ alg, typ: 'JWT' })}.${part({ application_id: applicationId })}.c2ln`;
const basic = `Basic ${Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64')}`;

function createState(): FakeState {
  return createFakeState({
    balance: 10,
    applications: [],
    defaultApplicationId: APP_ID,
    account: { smsInboundUrl: null, smsDlrUrl: null },
  });
}

async function createContext(state: FakeState, id: string, authorization?: string): Promise<ApiContext> {
  const request = await readApiRequest(
    new Request(`https://api.nexmo.com/v1/files/${id}`, {
      headers: authorization === undefined ? {} : { authorization },
    }),
  );
  const ids = createIdSource(1);
  return {
    request,
    auth: createCredentialCheck({
      pairs: [{ apiKey: API_KEY, apiSecret: API_SECRET }],
      applicationIds: [APP_ID, OTHER_APP_ID],
    }),
    ids,
    traceId: ids.traceId(),
    state,
    hasVoiceEventUrl: () => false,
    smsSigning: { secret: undefined, method: 'md5hash' },
    verifyCode: () => '1234',
  };
}

async function getFile(state: FakeState, id: string, authorization?: string) {
  const context = await createContext(state, id, authorization);
  return { context, reply: handleGetFile(context, { params: { id } }) };
}

describe('handleGetFile', () => {
  it('answers 200 with the stored bytes and content type to the JWT of the recording application', async () => {
    const state = createState();
    const audio = createRecordingAudio({ format: 'mp3', seconds: 2 });
    storeFile(state, FILE_ID, { ...audio, applicationId: APP_ID });
    const { reply } = await getFile(state, FILE_ID, bearer(APP_ID));
    expect(reply.status).toBe(200);
    expect(reply.body).toBeNull();
    expect(reply.raw?.contentType).toBe('audio/mpeg');
    expect(reply.raw?.body).toEqual(audio.body);
    // The bytes make a fetch Response as they are (no copy; ArrayBuffer-backed, typed Uint8Array for older TypeScript).
    const response = new Response(reply.raw?.body as Uint8Array<ArrayBuffer> | undefined, {
      headers: { 'content-type': reply.raw?.contentType ?? '' },
    });
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(audio.body);
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
  });

  it('serves a transcript as application/json bytes that parse back to the transcript', async () => {
    const state = createState();
    const transcript = createTranscript({
      recordingUuid: '2e7855d6-b952-45ac-bd92-c0a99103095f',
      conversationUuid: 'CON-181f3e7e-c343-44b4-8439-29a2dd415cb4',
      words: 'Is 2212.',
      seconds: 3,
    });
    storeFile(state, FILE_ID, toJsonFile(transcript));
    const { reply } = await getFile(state, FILE_ID, bearer(OTHER_APP_ID));
    expect(reply.status).toBe(200);
    expect(reply.raw?.contentType).toBe('application/json');
    expect(JSON.parse(new TextDecoder().decode(reply.raw?.body))).toEqual(transcript);
  });

  it('answers 401 without credentials, with Basic auth or with an unsigned JWT', async () => {
    const state = createState();
    storeFile(state, FILE_ID, createRecordingAudio({ format: 'wav', seconds: 1 }));
    for (const authorization of [undefined, basic, bearer(APP_ID, 'none')]) {
      const { context, reply } = await getFile(state, FILE_ID, authorization);
      expect(reply.status).toBe(401);
      expect(reply.raw).toBeUndefined();
      expect(reply.body).toEqual({
        type: 'https://developer.nexmo.com/api-errors#unauthorized',
        title: 'Unauthorized',
        detail: 'You did not provide correct credentials.',
        instance: context.traceId,
      });
    }
  });

  it("answers 401 to another application's JWT for a file kept for one application", async () => {
    const state = createState();
    storeFile(state, FILE_ID, {
      ...createRecordingAudio({ format: 'mp3', seconds: 1 }),
      applicationId: APP_ID,
    });
    const { reply } = await getFile(state, FILE_ID, bearer(OTHER_APP_ID));
    expect(reply.status).toBe(401);
    expect(reply.raw).toBeUndefined();
  });

  it('answers 404 with a problem naming the id for a file it does not have', async () => {
    const state = createState();
    const { context, reply } = await getFile(state, FILE_ID, bearer(APP_ID));
    expect(reply.status).toBe(404);
    expect(reply.raw).toBeUndefined();
    expect(reply.body).toEqual({
      type: 'https://developer.nexmo.com/api-errors#not-found',
      title: 'Not Found',
      detail: `File ${FILE_ID} was not found.`,
      instance: context.traceId,
    });
  });

  it('checks credentials before telling whether a file exists', async () => {
    const { reply } = await getFile(createState(), FILE_ID);
    expect(reply.status).toBe(401);
  });
});

describe('findRoute for /v1/files/:id', () => {
  it('routes GET on the Voice hosts to handleGetFile with the id', () => {
    const found = findRoute('api', 'GET', `/v1/files/${FILE_ID}`);
    expect(found).toEqual({
      kind: 'handler',
      api: 'voice',
      handler: handleGetFile,
      match: { params: { id: FILE_ID } },
    });
  });

  it('answers method-not-allowed for POST, listing GET', () => {
    expect(findRoute('api', 'POST', `/v1/files/${FILE_ID}`)).toEqual({
      kind: 'method-not-allowed',
      api: 'voice',
      allowed: ['GET'],
    });
  });

  it('is not served on the REST or sandbox hosts, nor without an id', () => {
    expect(findRoute('rest', 'GET', `/v1/files/${FILE_ID}`)).toEqual({ kind: 'not-found' });
    expect(findRoute('sandbox', 'GET', `/v1/files/${FILE_ID}`)).toEqual({ kind: 'not-found' });
    expect(findRoute('api', 'GET', '/v1/files/')).toEqual({ kind: 'not-found' });
  });
});
