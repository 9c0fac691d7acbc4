// A real Artillery 2 run (issue 14): `vws export artillery` writes the scenario, Artillery sends it
// through the processor (the built dist/bundle/artillery/index.js) to a loopback sink, the sink
// verifies every request with the official SDK verifiers, and Artillery's report must count every
// verified request as vonage.accepted (and every refused one as vonage.rejected / invalid_ncco).
// Artillery (~590 MB) is not a devDependency: .ci/run installs it into ~/.cache/vws-artillery.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { verifySignature } from '@vonage/jwt';
import { SMS } from '@vonage/sms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPayloadHash } from '../src/signing/jwt.js';
import { runInProcess } from './support/cli-io.js';

const artilleryHome = process.env.VWS_ARTILLERY_HOME ?? join(homedir(), '.cache', 'vws-artillery');
const artillery = join(artilleryHome, 'node_modules', '.bin', 'artillery');
const bundle = resolve(import.meta.dirname, '..', 'dist', 'bundle', 'artillery', 'index.js');
const hasArtillery = existsSync(artillery) && existsSync(bundle);
if (!hasArtillery) {
  console.warn(
    `NOTICE: the real Artillery run is skipped: ${existsSync(artillery) ? `build first (npm run build writes ${bundle})` : `install Artillery with PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "${artilleryHome}" --no-audit --no-fund artillery@2.0.21`}.`,
  );
}

const secret = 'artillery-secret-0123456789abcdef';
const sdk = new SMS({ apiKey: 'k', apiSecret: 's' });
type Algorithm = Parameters<SMS['verifySignature']>[3];

interface Hit {
  readonly method: string;
  readonly path: string;
  readonly verified: boolean;
  readonly kind: 'jwt' | 'sms' | 'none';
}

/** Verifies a request as the official SDKs do: the JWT (and its payload_hash), or the SMS signature. */
function verify(request: IncomingMessage, body: Buffer): Pick<Hit, 'verified' | 'kind'> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const token = authorization.replace(/^Bearer /, '');
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      payload_hash?: string;
    };
    const hashOk = claims.payload_hash === undefined || claims.payload_hash === toPayloadHash(body);
    return { kind: 'jwt', verified: verifySignature(token, secret) && hashOk };
  }
  const query = new URL(request.url ?? '/', 'http://sink').searchParams;
  const json = request.headers['content-type']?.startsWith('application/json') === true;
  const params: Record<string, string> = json
    ? (JSON.parse(body.toString('utf8')) as Record<string, string>)
    : Object.fromEntries(request.method === 'GET' ? query : new URLSearchParams(body.toString('utf8')));
  if (params.sig === undefined) return { kind: 'none', verified: false };
  return {
    kind: 'sms',
    verified: sdk.verifySignature(params.sig, params, secret, 'SHA256HMAC' as Algorithm),
  };
}

/** The app under load on 127.0.0.1: answers as `answer` says, at most 200 requests. */
async function startSink(answer: (hit: Hit, index: number, response: ServerResponse) => void) {
  const hits: Hit[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const hit = { method: request.method ?? '', path: request.url ?? '', ...verify(request, body) };
      hits.push(hit);
      if (hits.length > 200) return response.destroy();
      answer(hit, hits.length - 1, response);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

const ncco = JSON.stringify([{ action: 'talk', text: 'Hello from the load test' }]);

/** Answers as a healthy app: an NCCO to answer webhooks (GET), 200 otherwise. */
function healthy(hit: Hit, _index: number, response: ServerResponse): void {
  if (hit.method === 'GET') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(ncco);
  } else {
    response.writeHead(200);
    response.end();
  }
}

interface Report {
  readonly aggregate: { readonly counters: Record<string, number | undefined> };
}

/** Exports the scenario with vws, runs Artillery on it and reads its report. */
async function runArtillery(sinkUrl: string, events: readonly string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'vws-artillery-'));
  // Artillery loads config.processor with import() for .mjs (int-core/lib/runner.js): re-export the build.
  writeFileSync(join(dir, 'processor.mjs'), `export * from ${JSON.stringify(pathToFileURL(bundle).href)};\n`);
  const exported = await runInProcess([
    'export',
    'artillery',
    ...events,
    '--url',
    `${sinkUrl}/webhooks/load`,
    '--rate',
    '5',
    '--duration',
    '2',
    '--seed',
    '42',
    '--signature-secret',
    secret,
    ...(events.includes('sms.inbound') ? ['--signature-method', 'sha256'] : []),
    '--api-key',
    'a1b2c3d4',
    '--out',
    join(dir, 'scenario.yml'),
    '--processor',
    './processor.mjs',
  ]);
  expect(exported.code, exported.stderr).toBe(0);
  const run = await new Promise<{ code: number; output: string }>((done) => {
    execFile(
      artillery,
      ['run', 'scenario.yml', '--output', 'report.json'],
      {
        cwd: dir,
        timeout: 90_000,
        env: { ...process.env, ARTILLERY_DISABLE_TELEMETRY: 'true', NO_COLOR: '1' },
      },
      (error, stdout, stderr) =>
        done({ code: error === null ? 0 : Number(error.code ?? 1), output: `${stdout}${stderr}` }),
    );
  });
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
  return { ...run, counters: report.aggregate.counters };
}

describe.skipIf(!hasArtillery)('a real Artillery run through the processor (issue 14)', () => {
  let sink: Awaited<ReturnType<typeof startSink>>;
  beforeAll(async () => {
    sink = await startSink(healthy);
  });
  afterAll(async () => {
    await sink?.close();
  });

  it('counts every request the SDKs verified as vonage.accepted, and the ensure check passes', async () => {
    const { code, output, counters } = await runArtillery(sink.url, [
      'sms.inbound',
      'messages.status.read',
      'voice.answer',
    ]);
    expect(code, output).toBe(0);
    expect(sink.hits.length).toBe(10);
    // Every request verified by the official SDK verifiers, with each scheme represented.
    expect(sink.hits.filter((hit) => !hit.verified)).toEqual([]);
    expect(new Set(sink.hits.map((hit) => hit.kind))).toEqual(new Set(['jwt', 'sms']));
    // GET (voice.answer) and POST webhooks alike reached the sink as Vonage sends them.
    expect(new Set(sink.hits.map((hit) => hit.method))).toEqual(new Set(['GET', 'POST']));
    expect(counters['http.requests']).toBe(sink.hits.length);
    expect(counters['vonage.accepted']).toBe(sink.hits.filter((hit) => hit.verified).length);
    expect(counters['vonage.rejected']).toBe(0);
    expect(counters['vonage.invalid_ncco']).toBe(0);
  }, 120_000);
});

describe.skipIf(!hasArtillery)('Vonage verdicts in the Artillery report (issue 14)', () => {
  it('counts 5xx and redirects as vonage.rejected, a bad NCCO as vonage.invalid_ncco, and ensure fails the run', async () => {
    const verdicts: string[] = [];
    const sink = await startSink((hit, index, response) => {
      const kind = index % 3;
      if (kind === 0) {
        verdicts.push('rejected');
        response.writeHead(index % 2 === 0 ? 500 : 302, { location: '/elsewhere' });
        response.end();
      } else if (kind === 1) {
        verdicts.push('invalid_ncco');
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"action":"talk"}');
      } else {
        verdicts.push('accepted');
        healthy(hit, index, response);
      }
    });
    try {
      // Answer webhooks only (GET, answered with an NCCO), so every third one can carry a bad NCCO.
      const { code, counters } = await runArtillery(sink.url, ['voice.answer']);
      expect(sink.hits.length).toBe(10);
      expect(sink.hits.filter((hit) => !hit.verified)).toEqual([]);
      const count = (verdict: string) => verdicts.filter((each) => each === verdict).length;
      expect([count('accepted'), count('rejected'), count('invalid_ncco')]).toEqual([3, 4, 3]);
      expect(counters['vonage.accepted']).toBe(count('accepted'));
      expect(counters['vonage.rejected']).toBe(count('rejected'));
      expect(counters['vonage.invalid_ncco']).toBe(count('invalid_ncco'));
      // The redirect was not followed: Vonage follows none.
      expect(sink.hits.some((hit) => hit.path === '/elsewhere')).toBe(false);
      expect(code).not.toBe(0);
    } finally {
      await sink.close();
    }
  }, 120_000);
});
