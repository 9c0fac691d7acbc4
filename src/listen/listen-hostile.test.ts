// createListener under hostile input (issue 11): it answers, reports and goes on.
import { afterEach, describe, expect, it } from 'vitest';
import { rawRequest } from '../../test/support/raw-request.js';
import {
  createListener,
  type Listener,
  type ListenerProblem,
  type ReceivedWebhook,
} from './create-listener.js';

// 10 KB kills `vws listen` at its default stack; 200 KB overflows any handler's stack in a test worker too.
const deepJson = '['.repeat(100_000) + ']'.repeat(100_000);
const normal = JSON.stringify({ msisdn: '447700900001', to: '447700900000', text: 'hi' });
const json = { 'content-type': 'application/json' };

let listener: Listener | undefined;
afterEach(async () => {
  await listener?.close();
  listener = undefined;
});

async function start(
  onWebhook: (webhook: ReceivedWebhook) => unknown,
  extra: { maxBodyBytes?: number } = {},
): Promise<{ url: string; problems: ListenerProblem[] }> {
  const problems: ListenerProblem[] = [];
  listener = await createListener({
    port: 0,
    onWebhook: onWebhook as (webhook: ReceivedWebhook) => void,
    onError: (problem) => problems.push(problem),
    ...extra,
  });
  return { url: listener.url, problems };
}

async function stillAnswers(url: string): Promise<void> {
  const answer = await rawRequest(url, {
    path: '/inbound',
    headers: json,
    body: normal,
    contentLength: true,
  });
  expect(answer).toEqual({ status: 200, body: '' });
}

describe('createListener under hostile input (issue 11)', () => {
  it('answers 500 and reports one line when onWebhook throws, then goes on (issue 11)', async () => {
    const { url, problems } = await start((webhook) => {
      if (webhook.path === '/boom') throw new Error('handler exploded');
    });
    const answer = await rawRequest(url, { path: '/boom', headers: json, body: normal, contentLength: true });
    expect(answer.status).toBe(500);
    expect(answer.body).toContain('handler exploded');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ method: 'POST', path: '/boom', status: 500 });
    expect(problems[0]?.message).toMatch(/^onWebhook threw on POST \/boom: handler exploded/);
    expect(problems[0]?.message).not.toContain('\n');
    await stillAnswers(url);
  });

  it('survives a deeply nested JSON body whose handler overflows the stack (issue 11)', async () => {
    const { url, problems } = await start((webhook) => JSON.stringify(webhook.payload));
    const answer = await rawRequest(url, {
      path: '/deep',
      headers: json,
      body: deepJson,
      contentLength: true,
    });
    expect(answer.status).toBe(500);
    expect(problems[0]?.message).toMatch(/Maximum call stack size exceeded/);
    await stillAnswers(url);
  });

  it('reports a rejected promise from an async onWebhook instead of crashing (issue 11)', async () => {
    const { url, problems } = await start(async (webhook) => {
      if (webhook.path === '/later') throw new Error('async failure');
    });
    const answer = await rawRequest(url, {
      path: '/later',
      headers: json,
      body: normal,
      contentLength: true,
    });
    expect(answer.status).toBe(200);
    await stillAnswers(url);
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^onWebhook rejected on POST \/later: async failure/),
    ]);
  });

  it('answers an unparsable JSON body as usual, naming the problem in the webhook (issue 11)', async () => {
    const received: ReceivedWebhook[] = [];
    const { url } = await start((webhook) => received.push(webhook));
    const answer = await rawRequest(url, { headers: json, body: '{"a":', contentLength: true });
    expect(answer.status).toBe(200);
    expect(received[0]?.identification.errors).toEqual(['the body is not valid JSON']);
    await stillAnswers(url);
  });

  it('answers 413 past maxBodyBytes, declared or streamed, without calling onWebhook (issue 11)', async () => {
    const received: ReceivedWebhook[] = [];
    const { url, problems } = await start((webhook) => received.push(webhook), { maxBodyBytes: 1000 });
    const declared = await rawRequest(url, {
      path: '/big',
      headers: json,
      body: 'x'.repeat(1001),
      contentLength: true,
    });
    expect(declared.status).toBe(413);
    expect(declared.body).toMatch(/over the listener's limit of 1000 bytes/);
    // Chunked, 4 MiB: the listener answers as soon as the limit is passed.
    const streamed = await rawRequest(url, {
      path: '/stream',
      body: Buffer.alloc(4 * 1024 * 1024, 120),
      chunkBytes: 512,
    });
    expect(streamed.status).toBe(413);
    const exact = await rawRequest(url, { path: '/exact', body: 'x'.repeat(1000), contentLength: true });
    expect(exact.status).toBe(200);
    expect(received.map((webhook) => webhook.path)).toEqual(['/exact']);
    expect(problems.map((problem) => [problem.path, problem.status])).toEqual([
      ['/big', 413],
      ['/stream', 413],
    ]);
    await stillAnswers(url);
  });

  it('takes a request target that is no relative URL, such as //, as a path (issue 11)', async () => {
    const received: ReceivedWebhook[] = [];
    const { url, problems } = await start((webhook) => received.push(webhook));
    const answer = await rawRequest(url, { path: '//', headers: json, body: normal, contentLength: true });
    expect(answer.status).toBe(200);
    expect(received.map((webhook) => webhook.path)).toEqual(['//']);
    expect(problems).toEqual([]);
  });

  it('limits bodies to 1 MiB by default (issue 11)', async () => {
    const { url } = await start(() => undefined);
    const over = await rawRequest(url, { body: Buffer.alloc(1024 * 1024 + 1, 120), contentLength: true });
    expect(over.status).toBe(413);
    const at = await rawRequest(url, { body: Buffer.alloc(1024 * 1024, 120), contentLength: true });
    expect(at.status).toBe(200);
  });

  it('refuses a maxBodyBytes that is not a positive integer (issue 11)', async () => {
    await expect(createListener({ port: 0, maxBodyBytes: 0, onWebhook: () => undefined })).rejects.toThrow(
      /maxBodyBytes must be a whole number of bytes, 1 or more/,
    );
  });
});
