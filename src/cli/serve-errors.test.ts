// `vws serve` configured like a Vonage account and application, here the errors of the flags and of
// --application. In-process through runCli (setup: test/support/start-serve.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID, closeServeRuns, startServe } from '../../test/support/start-serve.js';

afterEach(closeServeRuns);

describe('vws serve webhook settings', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vws-serve-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  type ErrorCase = readonly [label: string, args: () => string[], message: RegExp];
  const errorCases: readonly ErrorCase[] = [
    [
      'a missing --application file',
      () => ['--application', join(dir, 'missing.json')],
      /^vws: Cannot read --application \S+missing\.json: no such file\. Give the path of your application's JSON, as GET \/v2\/applications\/:id returns it\.$/,
    ],
    [
      'an --application that is a folder',
      () => ['--application', dir],
      /^vws: Cannot read --application \S+: it is a folder\. Give the path/,
    ],
    [
      'an --application file of malformed JSON',
      () => {
        writeFileSync(join(dir, 'bad.json'), '{"name": "Acme",');
        return ['--application', join(dir, 'bad.json')];
      },
      /^vws: Malformed JSON in --application \S+bad\.json: .+\. Fix the file: it must hold one application object/,
    ],
    [
      'an --application file that is not an object',
      () => {
        writeFileSync(join(dir, 'list.json'), '[]');
        return ['--application', join(dir, 'list.json')];
      },
      /^vws: --application \S+list\.json must hold one JSON object: an application as GET/,
    ],
    [
      'an application the Applications API would refuse, naming each JSON path',
      () => {
        const application = {
          name: 'Acme',
          capabilities: {
            voice: { webhooks: { answer_url: { address: 'ftp://127.0.0.1/answer', http_method: 'PUT' } } },
          },
        };
        writeFileSync(join(dir, 'refused.json'), JSON.stringify(application));
        return ['--application', join(dir, 'refused.json')];
      },
      /^vws: Invalid application in --application \S+refused\.json: capabilities\.voice\.webhooks\.answer_url\.address must be an absolute http\(s\) URL; capabilities\.voice\.webhooks\.answer_url\.http_method must be one of GET, POST\. Fix the file to the Applications API v2 shape\.$/,
    ],
    [
      'an application id other than --application-id',
      () => {
        writeFileSync(join(dir, 'other-id.json'), JSON.stringify({ id: APPLICATION_ID, name: 'Acme' }));
        return ['--application', join(dir, 'other-id.json'), '--application-id', 'another-id'];
      },
      /^vws: --application \S+other-id\.json has id "aaaaaaaa-[^"]+" but --application-id is "another-id": make them equal or drop --application-id\.$/,
    ],
    [
      'a webhook URL that is not absolute',
      () => ['--answer-url', 'localhost:3000/answer'],
      /^vws: option '--answer-url <url>' argument 'localhost:3000\/answer' is invalid\. Use an absolute http\(s\) URL of your app/,
    ],
    [
      'a webhook URL that is not http(s)',
      () => ['--sms-dlr-url', 'ftp://127.0.0.1/dlr'],
      /^vws: option '--sms-dlr-url <url>' argument 'ftp:\/\/127\.0\.0\.1\/dlr' is invalid\./,
    ],
    [
      'a base URL with a query',
      () => ['--webhook-base-url', 'http://127.0.0.1:3000/?x=1'],
      /^vws: option '--webhook-base-url <url>' argument '\S+' is invalid\. Use your app's absolute http\(s\) base URL without query/,
    ],
    [
      'a webhook method Vonage does not use',
      () => ['--answer-method', 'PUT'],
      /^vws: option '--answer-method <method>' argument 'PUT' is invalid\. Allowed choices are GET, POST\./,
    ],
    [
      'an SMS method that is not a dashboard choice',
      () => ['--sms-method', 'JSON'],
      /^vws: option '--sms-method, --sms-webhook-format <method>' argument 'JSON' is invalid\. Allowed choices are GET, POST, POST-JSON\./,
    ],
    [
      'a method flag without any URL to apply to',
      () => ['--event-method', 'GET'],
      /^vws: --event-method GET has no URL to apply to: add --event-url <url>, --webhook-base-url or an --application that sets it\.$/,
    ],
  ];

  it.each(errorCases)('exits 2 with one line and no stack for %s', async (_label, args, message) => {
    const started = await startServe(args());
    expect(started.url).toBeUndefined();
    expect(await started.exit).toBe(2);
    const stderr = started.stderr();
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.trimEnd()).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(started.stdout()).toBe('');
  });

  it('names VONAGE_APPLICATION_ID when it differs from the application file', async () => {
    const file = join(dir, 'env-id.json');
    writeFileSync(file, JSON.stringify({ id: APPLICATION_ID }));
    const started = await startServe(['--application', file], { env: { VONAGE_APPLICATION_ID: 'env-id' } });
    expect(await started.exit).toBe(2);
    expect(started.stderr()).toMatch(
      /but VONAGE_APPLICATION_ID is "env-id": make them equal or drop VONAGE_APPLICATION_ID\.\n$/,
    );
  });
});
