// `vws serve` with the example app as an unmodified process whose Vonage traffic the built preload
// (dist/register/register.js) routes to the server, as a user would (setup:
// test/support/fake-vonage-server.ts).
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  API_KEY,
  API_SECRET,
  APPLICATION_ID,
  closers,
  closeServers,
  SIGNATURE_SECRET,
  serve,
} from './support/fake-vonage-server.js';

afterEach(closeServers);

// ---- an unmodified app process, routed by the built preload ----

const root = join(import.meta.dirname, '..');
const preload = join(root, 'dist', 'register', 'register.js');

// Loaded first in the app process: should routing fail, Vonage names resolve to loopback, so nothing
// can leave this machine (the test then fails on a refused connection).
const loopbackDns = `
const dns = require('node:dns');
dns.lookup = (host, options, callback) => {
  const done = typeof options === 'function' ? options : callback;
  if (options && typeof options === 'object' && options.all) done(null, [{ address: '127.0.0.1', family: 4 }]);
  else done(null, '127.0.0.1', 4);
};
`;

/** A port free a moment ago: the app must know its own port before the server is told its base URL. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe.skipIf(!existsSync(preload))(
  'vws serve with an unmodified app (node --import dist/register/register.js)',
  () => {
    it('answers the official SDK in the example app and delivers signed webhooks to it', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'vws-serve-app-'));
      writeFileSync(join(dir, 'loopback-dns.cjs'), loopbackDns);
      const { privateKey } = generateKeyPairSync('rsa', {
        modulusLength: 2048,
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
        publicKeyEncoding: { type: 'spki', format: 'pem' },
      });
      const appPort = await freePort();
      const appUrl = `http://127.0.0.1:${appPort}`;
      const server = await serve({ webhookBaseUrl: appUrl, smsSignatureMethod: 'sha256' });
      const child = spawn(
        process.execPath,
        [
          '--require',
          join(dir, 'loopback-dns.cjs'),
          '--import',
          pathToFileURL(preload).href,
          join(root, 'examples', 'app', 'server.js'),
        ],
        {
          cwd: root,
          env: {
            ...process.env,
            NODE_OPTIONS: '',
            VWS_FAKE_VONAGE_URL: server.url,
            PORT: String(appPort),
            VONAGE_API_KEY: API_KEY,
            VONAGE_API_SECRET: API_SECRET,
            VONAGE_APPLICATION_ID: APPLICATION_ID,
            VONAGE_PRIVATE_KEY: privateKey,
            VONAGE_SIGNATURE_SECRET: SIGNATURE_SECRET,
            VONAGE_SMS_SIGNATURE_METHOD: 'sha256',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk;
      });
      closers.push(async () => {
        child.kill('SIGTERM');
        rmSync(dir, { recursive: true, force: true });
      });
      await new Promise<void>((resolve, reject) => {
        let stdout = '';
        const timer = setTimeout(() => reject(new Error(`the app did not start: ${stderr}`)), 10_000);
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk;
          if (stdout.includes('listening on')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => reject(new Error(`the app exited with ${code}: ${stderr}`)));
      });

      const post = async (path: string, body: unknown) => {
        const response = await fetch(`${appUrl}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      const sms = await post('/send-sms', { to: '447700900123', text: 'Hello from the app' });
      const call = await post('/call', { to: '447700900123' });
      const message = await post('/send-message', { to: '447700900123', text: 'Hi', channel: 'sms' });
      expect([sms.status, call.status, message.status], stderr).toEqual([200, 200, 200]);
      await fetch(`${server.url}/_vws/inbound/sms`, { method: 'POST', body: '{"text":"STOP"}' });
      await server.fake.settled({ timeoutMs: 10_000 });

      expect(server.fake.requests.map((request) => [request.url, request.response.status])).toEqual([
        ['https://rest.nexmo.com/sms/json', 200],
        ['https://api.nexmo.com/v1/calls', 201],
        ['https://api.nexmo.com/v1/messages', 202],
      ]);
      const received = (await (await fetch(`${appUrl}/received`)).json()) as {
        path: string;
        params: Record<string, unknown>;
        rejected: string | null;
      }[];
      expect(received.filter((webhook) => webhook.rejected !== null)).toEqual([]);
      const paths = new Set(received.map((webhook) => webhook.path));
      expect([...paths].sort()).toEqual([
        '/webhooks/answer',
        '/webhooks/delivery-receipt',
        '/webhooks/event',
        '/webhooks/inbound-sms',
        '/webhooks/status',
      ]);
      const receipt = received.find((webhook) => webhook.path === '/webhooks/delivery-receipt');
      expect(receipt?.params.messageId).toBe((sms.body.messageIds as string[])[0]);
      const events = received.filter((webhook) => webhook.path === '/webhooks/event');
      expect(events.every((event) => event.params.uuid === call.body.uuid)).toBe(true);
      const statuses = received.filter((webhook) => webhook.path === '/webhooks/status');
      expect(statuses.every((status) => status.params.message_uuid === message.body.messageUuid)).toBe(true);
    });
  },
);
