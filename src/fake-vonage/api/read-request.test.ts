import { describe, expect, it } from 'vitest';
import { readApiRequest, toFlatParams } from './read-request.js';

describe('readApiRequest', () => {
  it('reads form and JSON bodies and the query', async () => {
    const form = await readApiRequest(
      new Request('https://rest.nexmo.com/sms/json?api_key=k', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
        body: 'to=447700900123&text=a+b',
      }),
    );
    expect(form).toMatchObject({
      query: { api_key: 'k' },
      parsed: { to: '447700900123', text: 'a b' },
      jsonError: null,
    });
    const json = await readApiRequest(
      new Request('https://api.nexmo.com/v1/messages', { method: 'POST', body: '{"ttl":600,"flag":true}' }),
    );
    expect(json.parsed).toEqual({ ttl: 600, flag: true });
    expect(toFlatParams(json)).toEqual({ ttl: '600', flag: 'true' });
  });

  it('keeps the parse error of a broken JSON body', async () => {
    const broken = await readApiRequest(
      new Request('https://api.nexmo.com/v1/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"channel":',
      }),
    );
    expect(broken.parsed).toBeUndefined();
    expect(broken.jsonError).toMatch(/JSON/);
    expect(broken.body).toBe('{"channel":');
  });

  it('lets body fields win over query parameters', async () => {
    const request = await readApiRequest(
      new Request('https://rest.nexmo.com/sms/json?to=1&from=A', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"to":"447700900123"}',
      }),
    );
    expect(toFlatParams(request)).toEqual({ to: '447700900123', from: 'A' });
  });
});
