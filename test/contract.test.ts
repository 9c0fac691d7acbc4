import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ContractRun, parseContractConfig, runContract } from 'vonage-webhook-simulator';
import { createReceiver, type ReceiverMode } from '../examples/receiver/app.js';

const secret = 'contract-test-secret-0123456789';
const config = parseContractConfig(
  JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'examples', 'receiver', 'vws.config.json'), 'utf8'),
  ),
  'examples/receiver/vws.config.json',
);
const servers: { close: () => void }[] = [];

async function runAgainst(mode: ReceiverMode): Promise<ContractRun> {
  const receiver = createReceiver({ signatureSecret: secret, mode });
  servers.push(receiver);
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as AddressInfo;
  return runContract({ config, baseUrl: `http://127.0.0.1:${port}`, signatureSecret: secret, seed: 7 });
}

afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

describe('runContract against the example receiver', () => {
  it('passes every check, positive and negative, for the correct receiver', async () => {
    const run = await runAgainst('correct');
    const failures = run.checks
      .filter((check) => !check.passed)
      .map((check) => `${check.endpoint} ${check.event} ${check.check}: ${check.message}`);
    expect(failures).toEqual([]);
    expect(run.checks.filter((check) => check.check.startsWith('rejects')).length).toBeGreaterThanOrEqual(20);
    expect(
      run.checks.some((check) => check.event === 'voice.answer.inbound' && check.check === 'delivers'),
    ).toBe(true);
  });

  it('holds its contract with the form and defensive checks too (issue 12)', async () => {
    const run = await runAgainst('correct');
    const names = new Set(run.checks.map((check) => check.check));
    for (const name of [
      'delivers timestamp=seconds',
      'delivers api-key=without-key',
      'delivers message-id=long-hex',
      'delivers leg-id=hex32',
      'delivers without optional fields',
      'delivers with an unknown field',
    ]) {
      expect(names, name).toContain(name);
    }
    expect(
      run.checks.filter((check) => !check.passed).map((check) => `${check.event} ${check.check}`),
    ).toEqual([]);
  });

  it('fails the tampered-body checks of a receiver that checks the JWT but ignores payload_hash', async () => {
    const run = await runAgainst('ignore-payload-hash');
    const failed = run.checks.filter((check) => !check.passed);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((check) => check.check === 'rejects tampered-body')).toBe(true);
    expect(failed.map((check) => check.endpoint)).toEqual(
      expect.arrayContaining(['messages status', 'voice events']),
    );
    expect(failed[0]?.message).toContain('accepted a webhook whose body was changed after signing');
  });

  it('fails every negative check of a receiver that checks nothing', async () => {
    const run = await runAgainst('no-verification');
    const negative = run.checks.filter((check) => check.check.startsWith('rejects'));
    expect(negative.length).toBeGreaterThan(0);
    expect(negative.every((check) => !check.passed)).toBe(true);
    expect(run.checks.filter((check) => check.check === 'delivers').every((check) => check.passed)).toBe(
      true,
    );
  });

  it('reports a receiver that crashes on a negative case as a reset, and goes on with the other endpoints', async () => {
    const { createServer } = await import('node:http');
    const crashing = createServer((request, response) => {
      if (!request.headers.authorization) {
        request.socket.destroy();
        return;
      }
      response.writeHead(200).end();
    });
    servers.push(crashing);
    await new Promise<void>((resolve) => crashing.listen(0, '127.0.0.1', resolve));
    const { port } = crashing.address() as AddressInfo;
    const run = await runContract({
      config: parseContractConfig(
        {
          endpoints: [
            {
              name: 'status',
              path: '/s',
              events: ['messages.status.read.whatsapp'],
              verifiesSignature: true,
              negativeModes: ['unsigned'],
            },
            { name: 'events', path: '/e', events: ['voice.event.completed'] },
          ],
        },
        'inline',
      ),
      baseUrl: `http://127.0.0.1:${port}`,
      signatureSecret: secret,
      apiKey: 'k1',
    });
    const unsigned = run.checks.find((check) => check.check === 'rejects unsigned');
    expect(unsigned?.passed).toBe(false);
    expect(unsigned?.message).toContain('reset the connection');
    expect(run.checks.find((check) => check.endpoint === 'events')?.passed).toBe(true);
  });
});
