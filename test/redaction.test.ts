// Credentials never printed (docs/decisions/102-credentials-never-printed.md): `vws serve` runs
// in-process with every credential flag, an app calls it with each way Vonage takes credentials,
// signed webhooks go to a loopback receiver, and every output is searched for the secrets.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenGenerate } from '@vonage/jwt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ServeLogEntry } from 'vonage-webhook-simulator';
import { startRecordingApp } from './support/recording-app.js';
import { startServeInProcess } from './support/serve-in-process.js';

const API_KEY = 'a1b2c3d4';
const API_SECRET = 'ApiSecretRedactionTest9';
const SIGNATURE_SECRET = 'SignatureSecretRedactionTest0123456789abcdef';
const APPLICATION_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';
const BASIC_CREDENTIAL = Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64');

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** An unsecured JWT (RFC 7519 §6): `alg: none` and no signature. */
const UNSECURED_JWT = `${part({ alg: 'none', typ: 'JWT' })}.${part({ application_id: APPLICATION_ID, jti: 'unsecured-1' })}.`;

/** Runs `vws serve` in-process with the given flags; resolves once it listens. */
async function startCli(args: readonly string[]) {
  const cli = await startServeInProcess(args, { env: {}, seed: 102 });
  expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  return cli;
}

const smsParams = { from: 'AcmeInc', to: '447700900123', text: 'Hi' };

/**
 * Makes one call of each kind that carries a credential, pushes inbound traffic, waits for every
 * webhook, and returns the bearer tokens it used and the private key the Applications API answered.
 */
async function drive(base: string) {
  const tokens: string[] = [UNSECURED_JWT];
  const send = (path: string, init: RequestInit) => fetch(`${base}${path}`, { method: 'POST', ...init });

  const form = await send('/sms/json', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_key: API_KEY, api_secret: API_SECRET, ...smsParams }).toString(),
  });
  expect(form.status).toBe(200);
  const query = await send(`/sms/json?api_key=${API_KEY}&api_secret=${API_SECRET}`, {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(smsParams),
  });
  expect(query.status).toBe(200);
  const basic = await send('/sms/json', {
    headers: { 'content-type': 'application/json', authorization: `Basic ${BASIC_CREDENTIAL}` },
    body: JSON.stringify(smsParams),
  });
  expect(basic.status).toBe(200);

  const message = { message_type: 'text', channel: 'sms', to: '447700900123', from: 'AcmeInc', text: 'Hi' };
  const bearer = tokenGenerate(APPLICATION_ID, privateKey);
  tokens.push(bearer);
  const messages = await send('/v1/messages', {
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify(message),
  });
  expect(messages.status).toBe(202);

  // An unsecured JWT is refused with the gateway's 401 before any lifecycle starts.
  const unsecured = await send('/v1/messages', {
    headers: { 'content-type': 'application/json', authorization: `Bearer ${UNSECURED_JWT}` },
    body: JSON.stringify(message),
  });
  expect(unsecured.status).toBe(401);
  expect(await unsecured.json()).toMatchObject({
    type: 'https://developer.nexmo.com/api-errors#unauthorized',
    title: 'Unauthorized',
  });

  // The Applications API answers a new private key once: the caller gets it, no output shows it.
  const created = await send('/v2/applications', {
    headers: { 'content-type': 'application/json', authorization: `Basic ${BASIC_CREDENTIAL}` },
    body: JSON.stringify({ name: 'redaction-test', capabilities: { messages: {} } }),
  });
  expect(created.status).toBe(201);
  const application = (await created.json()) as { id: string; keys: { private_key: string } };
  expect(application.keys.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);

  // A JWT signed with that key is accepted as that application's (the fake checks no signature).
  const ownToken = tokenGenerate(application.id, application.keys.private_key);
  tokens.push(ownToken);
  const own = await send('/v1/messages', {
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ownToken}` },
    body: JSON.stringify(message),
  });
  expect(own.status).toBe(202);

  for (const [path, params] of [
    ['/_vws/inbound/sms', { text: 'STOP' }],
    ['/_vws/inbound/message', { channel: 'whatsapp' }],
  ] as const) {
    const pushed = await send(path, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
    });
    expect(pushed.status).toBe(202);
  }
  const settled = await fetch(`${base}/_vws/settled?timeoutMs=10000`);
  expect(settled.status).toBe(200);
  return { tokens, createdKey: application.keys.private_key };
}

/** Every secret string of a run: the values, their encodings, each token and its signature. */
function secretsOf(tokens: readonly string[], keys: readonly string[]): string[] {
  const jwtParts = tokens.flatMap((token) => {
    const signature = token.split('.')[2] ?? '';
    return signature === '' ? [token] : [token, signature];
  });
  // A line from the middle of each PEM body: a leak of part of a key counts.
  const keyLines = keys.map((key) => key.split('\n')[5] ?? '');
  return [API_SECRET, SIGNATURE_SECRET, BASIC_CREDENTIAL, 'PRIVATE KEY', ...jwtParts, ...keyLines].filter(
    (secret) => secret.length >= 8,
  );
}

function expectNoSecret(outputs: Readonly<Record<string, string>>, secrets: readonly string[]): void {
  const found = Object.entries(outputs).flatMap(([name, text]) =>
    secrets.filter((secret) => text.includes(secret)).map((secret) => `${name}: ${secret.slice(0, 24)}…`),
  );
  expect(found).toEqual([]);
}

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A loopback app that answers every webhook 200 and keeps its URL and `Authorization` header. */
async function receiver() {
  const app = await startRecordingApp({ answer: () => ({ status: 200 }) });
  closers.push(() => app.close());
  return {
    url: app.url,
    get seen(): { url: string; authorization: string }[] {
      return app.received.map(({ target, headers }) => ({
        url: target,
        authorization: headers.authorization ?? '',
      }));
    },
  };
}

const serveFlags = (appUrl: string) => [
  '--port',
  '0',
  '--time-scale',
  '0',
  '--seed',
  '102',
  '--webhook-base-url',
  appUrl,
  '--api-key',
  API_KEY,
  '--api-secret',
  API_SECRET,
  '--signature-secret',
  SIGNATURE_SECRET,
  '--sms-signature-method',
  'sha256',
  '--sms-webhook-format',
  'GET',
];

describe('vws serve redaction', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vws-redaction-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows no credential in --json stdout, stderr, the --log file or /_vws/requests|deliveries|lifecycles', async () => {
    const app = await receiver();
    const logFile = join(dir, 'serve.ndjson');
    const cli = await startCli([...serveFlags(app.url), '--json', '--log', logFile]);
    let stopped = false;
    closers.push(async () => {
      if (!stopped) await cli.stop();
    });
    const { tokens, createdKey } = await drive(cli.url);
    const control = Object.fromEntries(
      await Promise.all(
        ['requests', 'deliveries', 'lifecycles'].map(
          async (name) => [`/_vws/${name}`, await (await fetch(`${cli.url}/_vws/${name}`)).text()] as const,
        ),
      ),
    );
    stopped = true;
    expect(await cli.stop()).toBe(0);
    const { stdout, stderr } = cli.output();
    const log = readFileSync(logFile, 'utf8');

    // The run did what it must for the search to mean something: signed webhooks (JWT and sig) went out.
    const webhookJwts = app.seen.flatMap(({ authorization }) =>
      authorization.startsWith('Bearer ') ? [authorization.slice('Bearer '.length)] : [],
    );
    expect(webhookJwts.length).toBeGreaterThanOrEqual(2);
    expect(app.seen.some(({ url }) => /[?&]sig=[0-9a-f]{64}(&|$)/i.test(url))).toBe(true);
    const entries = log
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ServeLogEntry);
    expect(entries.filter((entry) => entry.direction === 'in')).toHaveLength(7);
    expect(entries.filter((entry) => entry.direction === 'out' && entry.state === 'sent').length).toBe(
      app.seen.length,
    );

    expectNoSecret(
      { stdout, stderr, log, ...control },
      secretsOf([...tokens, ...webhookJwts], [privateKey, createdKey]),
    );

    // Redacted in place, the rest as sent.
    expect(log).toContain('api_secret=[REDACTED]&from=AcmeInc');
    expect(log).toContain('/sms/json?api_key=a1b2c3d4&api_secret=[REDACTED]');
    expect(log).toContain('"authorization":"Basic [REDACTED]"');
    expect(log).toContain('\\"private_key\\":\\"[REDACTED]\\"');
    expect(log).toContain('["authorization","Bearer [REDACTED]"]');
    expect(stdout).toBe(log);
    expect(control['/_vws/requests']).toContain('"authorization": "Bearer [REDACTED]"');
    expect(control['/_vws/deliveries']).toContain('"Bearer [REDACTED]"');
  });

  it('shows no credential in the human stdout lines', async () => {
    const app = await receiver();
    const cli = await startCli(serveFlags(app.url));
    let stopped = false;
    closers.push(async () => {
      if (!stopped) await cli.stop();
    });
    const { tokens, createdKey } = await drive(cli.url);
    stopped = true;
    expect(await cli.stop()).toBe(0);
    const { stdout, stderr } = cli.output();
    const webhookJwts = app.seen.map(({ authorization }) => authorization.replace(/^Bearer /, ''));
    expectNoSecret({ stdout, stderr }, secretsOf([...tokens, ...webhookJwts], [privateKey, createdKey]));
    expect(stdout).toMatch(
      /^→ POST https:\/\/rest\.nexmo\.com\/sms\/json\?api_key=a1b2c3d4&api_secret=\[REDACTED\] 200 lifecycle #1$/m,
    );
  });
});
