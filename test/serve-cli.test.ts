// `vws serve`: the fake Vonage over HTTP, run in-process through runCli and driven with fetch
// (setup: test/support/fake-vonage-server.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ServeLogEntry } from 'vonage-webhook-simulator';
import {
  API_KEY,
  API_SECRET,
  closeServers,
  receiver,
  SIGNATURE_SECRET,
  serve,
  smsBody,
} from './support/fake-vonage-server.js';
import { startServeInProcess } from './support/serve-in-process.js';

afterEach(closeServers);

/** Runs `vws serve` in-process; resolves once it listens, with a way to stop it. */
const startCli = (args: readonly string[]) =>
  startServeInProcess(args, { env: { VONAGE_SIGNATURE_SECRET: SIGNATURE_SECRET }, seed: 777 });

describe('vws serve', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vws-serve-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves until interrupted, printing each call and webhook and writing --log as NDJSON', async () => {
    const app = await receiver();
    const logFile = join(dir, 'serve.ndjson');
    const cli = await startCli([
      '--port',
      '0',
      '--time-scale',
      '0',
      '--webhook-base-url',
      app.url,
      '--api-key',
      API_KEY,
      '--api-secret',
      API_SECRET,
      '--seed',
      '5',
      '--log',
      logFile,
    ]);
    expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${cli.url}/sms/json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: smsBody(),
    });
    expect(response.status).toBe(200);
    await fetch(`${cli.url}/_vws/settled`);
    expect(await cli.stop()).toBe(0);

    const { stdout, stderr } = cli.output();
    expect(stderr).toMatch(/seed 5, time scale 0, signing webhooks/);
    expect(stdout).toMatch(/^→ POST https:\/\/rest\.nexmo\.com\/sms\/json 200 lifecycle #0$/m);
    expect(stdout).toMatch(
      /^← #0 sms\.delivery_receipt\.delivered POST http:\/\/127\.0\.0\.1:\d+\/webhooks\/delivery-receipt 200 /m,
    );
    const lines = readFileSync(logFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ServeLogEntry);
    expect(lines.map((line) => line.direction)).toEqual(['in', 'out']);
    expect(app.received.map((webhook) => webhook.path)).toEqual(['/webhooks/delivery-receipt']);
  });

  it('exits 2 with one line when the port is in use', async () => {
    const first = await serve();
    const cli = await startCli(['--port', String(first.port)]);
    expect(cli.url).toBe(
      `exited 2: vws: Port ${first.port} on 127.0.0.1 is in use: stop what holds it or pick another with --port, e.g. --port ${first.port + 1}.\n`,
    );
  });

  it('exits 2 for a negative --time-scale and an unwritable --log', async () => {
    const scale = await startCli(['--time-scale', '-1']);
    expect(scale.url).toMatch(/^exited 2: vws: option '--time-scale <x>' argument '-1' is invalid/);
    const log = await startCli(['--port', '0', '--log', join(dir, 'missing', 'x.ndjson')]);
    expect(log.url).toMatch(/^exited 2: vws: Cannot write --log .*: its folder does not exist/);
  });
});
