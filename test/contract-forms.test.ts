// vws contract sends every form of real traffic and the defensive variants (issue 12,
// docs/decisions/112): receivers that parse one form, demand an optional field or refuse unknown
// fields fail exactly the checks that name what they cannot take.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ContractConfig,
  type ContractRun,
  parseContractConfig,
  runContract,
} from 'vonage-webhook-simulator';
import { getSchema } from '../src/schemas/index.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

/** The fields of a webhook: its query, and its JSON or form body. */
async function fieldsOf(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const query = Object.fromEntries(new URL(request.url ?? '/', 'http://x').searchParams);
  if (text === '') return query;
  if ((request.headers['content-type'] ?? '').includes('json')) return { ...query, ...JSON.parse(text) };
  return { ...query, ...Object.fromEntries(new URLSearchParams(text)) };
}

/** A loopback receiver that answers each webhook with the status `judge` gives its fields (at most 400 requests). */
async function receiver(judge: (fields: Record<string, unknown>) => number): Promise<string> {
  let count = 0;
  const server = createServer((request, response) => {
    count += 1;
    if (count > 400) {
      response.writeHead(503).end();
      return;
    }
    fieldsOf(request).then(
      (fields) => response.writeHead(judge(fields)).end(),
      () => response.writeHead(500).end(),
    );
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function runWith(config: ContractConfig, judge: (fields: Record<string, unknown>) => number) {
  const baseUrl = await receiver(judge);
  return runContract({ config, baseUrl, seed: 7, now: () => Date.parse('2026-01-15T12:00:00.000Z') });
}

const failedChecks = (run: ContractRun): string[] =>
  run.checks.filter((check) => !check.passed).map((check) => `${check.event} ${check.check}`);

const messagesAndMore = parseContractConfig(
  {
    endpoints: [
      { path: '/status', events: ['messages.status.read.whatsapp', 'messages.status.delivered.sms'] },
      { path: '/inbound', events: ['messages.inbound.whatsapp.text'] },
      { path: '/sms', events: ['sms.inbound.text'] },
      { path: '/voice', events: ['voice.event.completed'] },
    ],
  },
  'inline',
);

const dashedUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('vws contract sends every form of real traffic (issue 12)', () => {
  it('fails exactly the timestamp=seconds checks of a receiver that parses only millisecond timestamps', async () => {
    const run = await runWith(messagesAndMore, (fields) =>
      typeof fields.timestamp === 'string' && !/\.\d{3}Z$/.test(fields.timestamp) ? 400 : 200,
    );
    expect(failedChecks(run)).toEqual([
      'messages.status.read.whatsapp delivers timestamp=seconds',
      'messages.status.delivered.sms delivers timestamp=seconds',
      'messages.inbound.whatsapp.text delivers timestamp=seconds',
    ]);
    const failure = run.checks.find((check) => !check.passed);
    expect(failure?.message).toMatch(
      /^answered 400 to timestamp=seconds \(2026-01-15T12:00:00Z; seen in .+\): real traffic has both forms of timestamp$/,
    );
    expect(failure?.message).toContain('Vonage.Test');
  });

  it('fails exactly the leg-id=hex32 checks of a receiver that takes only dashed leg ids', async () => {
    const run = await runWith(messagesAndMore, (fields) =>
      typeof fields.uuid === 'string' && !dashedUuid.test(fields.uuid) ? 400 : 200,
    );
    const failed = failedChecks(run);
    expect(failed).toContain('voice.event.completed delivers leg-id=hex32');
    expect(failed.every((name) => name.endsWith(' delivers leg-id=hex32'))).toBe(true);
    expect(run.checks.find((check) => !check.passed)?.message).toMatch(
      /^answered 400 to leg-id=hex32 \([0-9a-f]{32}; seen in .+\): real traffic has both forms of leg-id$/,
    );
  });

  it('fails exactly the without-optional-fields checks of a receiver that demands an optional field', async () => {
    // WhatsApp's `profile` is optional: a receiver that reads profile.name unguarded breaks without it.
    const run = await runWith(messagesAndMore, (fields) =>
      fields.channel === 'whatsapp' && typeof (fields.profile as { name?: unknown })?.name !== 'string'
        ? 400
        : 200,
    );
    expect(failedChecks(run)).toEqual([
      'messages.status.read.whatsapp delivers without optional fields',
      'messages.inbound.whatsapp.text delivers without optional fields',
    ]);
    expect(run.checks.find((check) => !check.passed)?.message).toBe(
      'answered 400 when optional fields were absent: Vonage leaves out fields it has no value for; parse defensively',
    );
  });

  it('fails exactly the unknown-field checks of a strict receiver that refuses keys it does not know', async () => {
    const events = ['messages.status.read.whatsapp', 'messages.status.delivered.sms'];
    const known = new Set(events.flatMap((event) => Object.keys(getSchema(event).properties as object)));
    const config = parseContractConfig({ endpoints: [{ path: '/status', events }] }, 'inline');
    const run = await runWith(config, (fields) =>
      Object.keys(fields).every((key) => known.has(key)) ? 200 : 422,
    );
    expect(failedChecks(run)).toEqual(events.map((event) => `${event} delivers with an unknown field`));
    expect(run.checks.find((check) => !check.passed)?.message).toBe(
      'answered 422 to a payload with an unknown field (vws_unknown_field): Vonage adds fields over time; ignore the ones you do not know',
    );
  });

  it('passes every check of a tolerant receiver, forms and defensive checks included', async () => {
    const run = await runWith(messagesAndMore, () => 200);
    expect(run.failed).toBe(0);
    const names = new Set(run.checks.map((check) => check.check));
    for (const name of [
      'delivers',
      'delivers timestamp=seconds',
      'delivers api-key=without-key',
      'delivers message-id=long-hex',
      'delivers leg-id=hex32',
      'delivers without optional fields',
      'delivers with an unknown field',
    ]) {
      expect(names, name).toContain(name);
    }
  });
});

describe('the forms and defensive keys of vws.config.json (issue 12)', () => {
  const millisOnly = (fields: Record<string, unknown>) =>
    typeof fields.timestamp === 'string' && !/\.\d{3}Z$/.test(fields.timestamp) ? 400 : 200;

  it('sends no form check with "documented" and no defensive check with defensive false', async () => {
    const config = parseContractConfig(
      { forms: 'documented', defensive: false, endpoints: messagesAndMore.endpoints },
      'inline',
    );
    const run = await runWith(config, millisOnly);
    expect(run.failed).toBe(0);
    expect(run.checks.every((check) => check.check === 'delivers')).toBe(true);
  });

  it('uses named forms in every check of the events that have the group, and lets an endpoint choose its own', async () => {
    const config = parseContractConfig(
      {
        forms: { timestamp: 'seconds' },
        defensive: false,
        endpoints: [
          { path: '/status', events: ['messages.status.read.whatsapp', 'sms.inbound.text'] },
          {
            path: '/inbound',
            events: ['messages.inbound.whatsapp.text'],
            forms: 'documented',
            defensive: true,
          },
        ],
      },
      'inline',
    );
    const run = await runWith(config, millisOnly);
    // The named form is in the check's name and its failure, so the failure is not blamed elsewhere.
    expect(failedChecks(run)).toEqual(['messages.status.read.whatsapp delivers (timestamp=seconds)']);
    const failed = run.checks.find((check) => !check.passed);
    expect(failed?.message).toMatch(/\(sent with timestamp=seconds, as the config's "forms" asks\)$/);
    expect(run.checks.filter((check) => check.endpoint === '/inbound').map((check) => check.check)).toEqual([
      'delivers',
      'delivers without optional fields',
      'delivers with an unknown field',
    ]);
  });

  it('sends the defensive checks but no form check to a v0.1 endpoint (forms apply to the default shape)', async () => {
    const config = parseContractConfig(
      { endpoints: [{ path: '/legacy', events: ['messages.status.read.whatsapp'], webhookVersion: 'v0.1' }] },
      'inline',
    );
    const run = await runWith(config, () => 200);
    expect(run.checks.map((check) => check.check)).toEqual([
      'delivers',
      'delivers without optional fields',
      'delivers with an unknown field',
    ]);
  });

  it('names the event and its groups in one line for an unknown group or form', () => {
    const endpoints = [{ path: '/s', events: ['messages.status.read.whatsapp'] }];
    expect(() =>
      parseContractConfig({ forms: { timestmp: 'seconds' }, endpoints }, 'vws.config.json'),
    ).toThrow(
      'Invalid config vws.config.json at $.forms: no event of the config has the form group "timestmp"; messages.status.read.whatsapp has timestamp (milliseconds, seconds). Run "vws show messages.status.read.whatsapp --forms list".',
    );
    expect(() =>
      parseContractConfig(
        { endpoints: [{ ...endpoints[0], forms: { timestamp: 'secs' } }] },
        'vws.config.json',
      ),
    ).toThrow(
      'Invalid config vws.config.json at $.endpoints[0].forms.timestamp: "secs" is not a form of "timestamp"; messages.status.read.whatsapp has timestamp (milliseconds, seconds). Run "vws show messages.status.read.whatsapp --forms list".',
    );
    expect(() => parseContractConfig({ forms: 'all', endpoints }, 'vws.config.json')).toThrow(
      'Invalid config vws.config.json at $.forms: must be equal to one of the allowed values (every, documented). See schemas/vws.config.schema.json.',
    );
    expect(() => parseContractConfig({ defensive: 'yes', endpoints }, 'vws.config.json')).toThrow(
      /at \$\.defensive: must be boolean/,
    );
  });
});
