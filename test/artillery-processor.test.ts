// The Artillery processor's hooks without Artillery (issue 14): each request is a signed Vonage
// webhook, virtual users differ and repeat with their seed, and answers are judged by Vonage's rule.
import { verifySignature } from '@vonage/jwt';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  type ArtilleryContext,
  type ArtilleryRequestParams,
  toVonageVerdict,
  vonageAcceptance,
  vonageWebhook,
} from '../src/artillery/index.js';
import { getEvent } from '../src/fixtures/catalog.js';
import { runInProcess } from './support/cli-io.js';

const secret = 'processor-secret-0123456789abcdef';

function context(vonage: unknown, vars: Record<string, unknown> = {}): ArtilleryContext {
  return { vars: { vonage, $env: {}, ...vars } };
}

function send(vuContext: ArtilleryContext): ArtilleryRequestParams {
  const params: ArtilleryRequestParams = {
    url: 'http://127.0.0.1:9/webhooks/status',
    method: 'POST',
    json: { a: 1 },
  };
  let failure: unknown = null;
  vonageWebhook(params, vuContext, { emit: () => true }, (error) => {
    failure = error ?? null;
  });
  if (failure !== null) throw failure;
  return params;
}

describe('vonageWebhook (issue 14)', () => {
  const settings = { events: ['messages.status.read'], seed: 3, signatureSecret: secret, apiKey: 'a1b2c3d4' };

  it('replaces the request with a signed webhook as Vonage sends it, redirects not followed', () => {
    const params = send(context(settings));
    expect(params.method).toBe('POST');
    expect(params.json).toBeUndefined();
    expect(params.followRedirect).toBe(false);
    const headers = params.headers as Record<string, string>;
    expect(headers['content-type']).toBe('application/json');
    expect(verifySignature(String(headers.authorization).replace(/^Bearer /, ''), secret)).toBe(true);
    expect(JSON.parse(String(params.body))).toHaveProperty('message_uuid');
  });

  it('gives each virtual user its own payloads, moving on per request, and repeats them from vonageSeed', () => {
    const first = context(settings, { vonageSeed: 11 });
    const same = context(settings, { vonageSeed: 11 });
    const a1 = JSON.parse(String(send(first).body));
    const a2 = JSON.parse(String(send(first).body));
    const b1 = JSON.parse(String(send(same).body));
    expect(a1.message_uuid).not.toBe(a2.message_uuid);
    expect(b1.message_uuid).toBe(a1.message_uuid);
    const others = [context(settings), context(settings)].map(
      (vu) => JSON.parse(String(send(vu).body)).message_uuid,
    );
    expect(new Set([a1.message_uuid, ...others]).size).toBe(3);
  });

  it('refuses a scenario without config.variables.vonage in one line', () => {
    expect(() => send(context(undefined))).toThrow(/config\.variables\.vonage/);
    expect(() => send(context({ events: ['sms.nope'] }))).toThrow(/sms\.nope/);
  });
});

describe('vonageAcceptance (issue 14)', () => {
  const answer = getEvent('voice.answer');
  it('judges by Vonage rule: 200-205, a valid NCCO where one is read', () => {
    const ncco = JSON.stringify([{ action: 'talk', text: 'hi' }]);
    const json = { 'content-type': 'application/json' };
    expect(toVonageVerdict(answer, { statusCode: 200, headers: json, body: ncco })).toBe('accepted');
    expect(toVonageVerdict(answer, { statusCode: 200, headers: json, body: '{"action":"talk"}' })).toBe(
      'invalidNcco',
    );
    expect(toVonageVerdict(answer, { statusCode: 302, headers: { location: '/x' }, body: '' })).toBe(
      'rejected',
    );
    expect(toVonageVerdict(getEvent('sms.inbound'), { statusCode: 205, headers: {}, body: '' })).toBe(
      'accepted',
    );
    expect(toVonageVerdict(getEvent('sms.inbound'), { statusCode: 206, headers: {}, body: '' })).toBe(
      'rejected',
    );
  });

  it('emits the three counters, 1 for the verdict and 0 for the others', () => {
    const vu = context({ events: ['sms.inbound'] });
    const params = send(vu);
    const emitted: [string, string, number | undefined][] = [];
    vonageAcceptance(
      params,
      { statusCode: 500, headers: {}, body: '' },
      vu,
      { emit: (...args) => emitted.push(args as never) },
      () => {},
    );
    expect(emitted).toEqual([
      ['counter', 'vonage.accepted', 0],
      ['counter', 'vonage.rejected', 1],
      ['counter', 'vonage.invalid_ncco', 0],
    ]);
  });
});

describe('vws export artillery (issue 14)', () => {
  it('writes a scenario whose settings the processor reads, with the payload and signing flags', async () => {
    const { code, stdout, stderr } = await runInProcess([
      'export',
      'artillery',
      'sms.inbound',
      '--url',
      'http://127.0.0.1:3000/webhooks/inbound-sms?x=1',
      '--rate',
      '20',
      '--duration',
      '30',
      '--seed',
      '5',
      '--set',
      'keyword=STOP',
      '--format',
      'form',
      '--signature-method',
      'sha512',
      '--signature-secret',
      secret,
    ]);
    expect(code).toBe(0);
    // On stdout, the processor file the scenario names is not written: stderr says what it holds.
    expect(stderr).toContain(
      `loads ./vws-artillery-processor.mjs: put it beside the scenario with the line "export * from 'vonage-webhook-simulator/artillery';"`,
    );
    const scenario = parse(stdout);
    expect(scenario.config.target).toBe('http://127.0.0.1:3000');
    expect(scenario.config.phases).toEqual([{ duration: 30, arrivalRate: 20, name: 'vws sms.inbound.text' }]);
    expect(scenario.config.plugins).toEqual({ ensure: {} });
    expect(scenario.scenarios[0].flow).toEqual([{ post: { url: '/webhooks/inbound-sms?x=1' } }]);
    expect(scenario.scenarios[0].beforeRequest).toBe('vonageWebhook');
    expect(scenario.config.variables.vonage).toEqual({
      events: ['sms.inbound.text'],
      seed: 5,
      overrides: { keyword: 'STOP' },
      format: 'form',
      signatureSecret: secret,
      signatureMethod: 'sha512',
    });
    const params = send(context(scenario.config.variables.vonage));
    expect(new URLSearchParams(String(params.body)).get('keyword')).toBe('STOP');
  });

  it.each([
    [['sms.inbound', '--rate', '1', '--duration', '1'], /needs --url/],
    [['sms.nope', '--url', 'http://x', '--rate', '1', '--duration', '1'], /sms\.nope/],
    [['sms.inbound', '--url', 'http://x', '--rate', '0', '--duration', '1'], /--rate/],
    [['sms.inbound', '--url', 'ftp://x', '--rate', '1', '--duration', '1'], /http\(s\)/],
    [['sms.inbound', '--url', 'http://x', '--rate', '1', '--duration', '1', '--parts', '2'], /--parts/],
    [
      [
        'messages.status.read',
        '--url',
        'http://x',
        '--rate',
        '1',
        '--duration',
        '1',
        '--signature-method',
        'sha256',
      ],
      /JWT/,
    ],
  ])('refuses bad input in one line, exit 2: %j', async (args, message) => {
    const { code, stdout, stderr } = await runInProcess(['export', 'artillery', ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n').at(-1)).toMatch(message);
  });
});
