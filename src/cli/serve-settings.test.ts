// `vws serve` configured like a Vonage account and application, here the webhook flags, the start-up
// lines and the help. In-process through runCli, with webhooks arriving at a node:http receiver on
// loopback (setup: test/support/start-serve.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { closeServeRuns, routeLines, startServe } from '../../test/support/start-serve.js';
import { runCli } from './run.js';
import type { CliIo } from './shared/io.js';

afterEach(closeServeRuns);

describe('vws serve webhook settings', () => {
  it('prints one aligned line per webhook setting with its method and URL from every flag', async () => {
    const base = 'http://127.0.0.1:3000';
    const started = await startServe([
      '--answer-url',
      `${base}/voice/answer`,
      '--answer-method',
      'POST',
      '--event-url',
      `${base}/voice/event`,
      '--event-method',
      'GET',
      '--fallback-answer-url',
      `${base}/voice/fallback`,
      '--fallback-answer-method',
      'GET',
      '--inbound-url',
      `${base}/msg/in`,
      '--status-url',
      `${base}/msg/status`,
      '--verify-status-url',
      `${base}/verify/status`,
      '--rtc-event-url',
      `${base}/rtc/event`,
      '--rtc-event-method',
      'GET',
      '--sms-inbound-url',
      `${base}/sms/in`,
      '--sms-dlr-url',
      `${base}/track-dlr`,
    ]);
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(routeLines(started.stderr())).toEqual([
      `  answer_url           POST       ${base}/voice/answer`,
      `  event_url            GET        ${base}/voice/event`,
      `  fallback_answer_url  GET        ${base}/voice/fallback`,
      `  inbound_url          POST       ${base}/msg/in`,
      `  status_url           POST       ${base}/msg/status`,
      `  verify_status_url    POST       ${base}/verify/status`,
      `  rtc_event_url        GET        ${base}/rtc/event`,
      `  sms_inbound_url      POST-JSON  ${base}/sms/in`,
      `  sms_dlr_url          POST-JSON  ${base}/track-dlr`,
    ]);
    expect(started.stderr()).toMatch(/^vws: fake Vonage listening on http:\S+ \(seed 777, time scale 0, /);
    expect(started.stderr()).not.toMatch(/webhooks to /);
  });

  it('says which settings are unset and whether a request can name their URL', async () => {
    const started = await startServe(['--sms-dlr-url', 'http://127.0.0.1:3000/track-dlr']);
    expect(routeLines(started.stderr())).toEqual([
      '  answer_url                      (not set: requests must name a URL)',
      '  event_url                       (not set: requests must name a URL)',
      '  fallback_answer_url             (not set: requests must name a URL)',
      '  inbound_url                     (not set: none sent)',
      '  status_url                      (not set: requests must name a URL)',
      '  verify_status_url               (not set: none sent)',
      '  rtc_event_url                   (not set: none sent)',
      '  sms_inbound_url                 (not set: none sent)',
      '  sms_dlr_url          POST-JSON  http://127.0.0.1:3000/track-dlr',
    ]);
  });

  it('dims the unset lines on a terminal and prints no colour codes with NO_COLOR', async () => {
    const coloured = await startServe([], { tty: true });
    expect(coloured.stderr()).toContain('\u001b[2m(not set: requests must name a URL)\u001b[22m');
    const plain = await startServe([], { tty: true, env: { NO_COLOR: '1' } });
    expect(plain.stderr()).toContain('  answer_url           (not set: requests must name a URL)\n');
    expect(plain.stderr()).not.toContain('\u001b[');
  });

  it('takes --sms-method as another name of --sms-webhook-format', async () => {
    const dlr = 'http://127.0.0.1:3000/track-dlr';
    const alias = await startServe(['--sms-method', 'GET', '--sms-dlr-url', dlr]);
    expect(routeLines(alias.stderr())).toContain(`  sms_dlr_url          GET  ${dlr}`);
    const long = await startServe(['--sms-webhook-format', 'POST', '--sms-dlr-url', dlr]);
    expect(routeLines(long.stderr())).toContain(`  sms_dlr_url          POST  ${dlr}`);
  });

  it('fills the settings no flag gives from --webhook-base-url', async () => {
    const base = 'http://127.0.0.1:3000/app';
    const started = await startServe([
      '--webhook-base-url',
      base,
      '--answer-url',
      'http://127.0.0.1:3001/answer',
      '--sms-method',
      'POST',
    ]);
    expect(routeLines(started.stderr())).toEqual([
      '  answer_url           GET   http://127.0.0.1:3001/answer',
      `  event_url            POST  ${base}/webhooks/event`,
      `  fallback_answer_url  POST  ${base}/webhooks/fallback`,
      `  inbound_url          POST  ${base}/webhooks/inbound`,
      `  status_url           POST  ${base}/webhooks/status`,
      `  verify_status_url    POST  ${base}/webhooks/verify`,
      `  rtc_event_url        POST  ${base}/webhooks/rtc/event`,
      `  sms_inbound_url      POST  ${base}/webhooks/inbound-sms`,
      `  sms_dlr_url          POST  ${base}/webhooks/delivery-receipt`,
    ]);
  });

  it('shows the three ways to set webhooks in its help', async () => {
    let stdout = '';
    const io: CliIo = {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: () => true },
      env: {},
      now: () => 0,
      randomSeed: () => 1,
      readFile: async () => '',
    };
    expect(await runCli(['serve', '--help'], io, { version: '0.0.0-test' })).toBe(0);
    expect(stdout).toContain('--sms-method, --sms-webhook-format <method>');
    expect(stdout).toContain('$ vws serve --webhook-base-url http://127.0.0.1:3000 --answer-url');
    expect(stdout).toContain('$ vws serve --application app.json');
    expect(stdout).toMatch(
      /curl -u KEY:SECRET -X PUT http:\/\/127\.0\.0\.1:4010\/v2\/applications\/\$APP_ID/,
    );
    expect(stdout).toMatch(/POST \/v2\/applications,\s+PUT \/v2\/applications\/:id/);
    expect(stdout).toMatch(/curl -u KEY:SECRET http:\/\/127\.0\.0\.1:4010\/account\/settings/);
  });
});
