// Issue 11: a reply that is not HTTP and a TLS mismatch (either way) each say so in one line,
// through the sender and through `vws send`, with none of OpenSSL's internals.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type Server } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { createSender } from '../src/index.js';
import { runInProcess } from './support/cli-io.js';
import { oneLine } from './support/expect-one-line.js';

const tlsOptions = {
  key: readFileSync(new URL('./support/test-tls-key.pem', import.meta.url)),
  cert: readFileSync(new URL('./support/test-tls-cert.pem', import.meta.url)),
};

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

/** A TCP server that answers anything with `reply` (or greets with it, as SSH does). */
function tcpServer(reply: string, greet = false): Server {
  return createTcpServer((socket) => {
    socket.on('error', () => {});
    if (greet) socket.write(reply);
    socket.once('data', () => (greet ? socket.end() : socket.end(reply)));
  });
}

function plainHttpServer(): Server {
  return createHttpServer((request, response) => {
    request.resume();
    response.writeHead(200).end();
  });
}

function tlsServer(): Server {
  const server = createTlsServer(tlsOptions, (socket) => {
    socket.on('error', () => {});
    socket.end('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n');
  });
  server.on('tlsClientError', () => {});
  return server;
}

async function deliverTo(url: string) {
  const sender = createSender();
  try {
    const result = await sender.deliver(
      { method: 'POST', url, headers: [['content-type', 'application/json']], body: '{}' },
      undefined,
      { event: 'sms.inbound' },
    );
    return result.error;
  } finally {
    await sender.close();
  }
}

const noOpenSsl = /SSL routines|ssl3_|openssl|:error:/i;

describe('sender: replies that are not HTTP (issue 11)', () => {
  it.each([
    ['garbage', tcpServer('garbage\r\n\r\n'), 'garbage'],
    ['an SSH banner', tcpServer('SSH-2.0-OpenSSH_9.6\r\n', true), 'SSH-2.0-OpenSSH_9.6'],
  ])('says a server answering %s is not HTTP, in one line (issue 11)', async (_, server, seen) => {
    const port = await listen(server);
    const error = await deliverTo(`http://127.0.0.1:${port}/in`);
    expect(error?.code).toBe('VWS_ERR_DELIVERY_NETWORK');
    expect(error?.message).toMatch(
      /answered with something that is not HTTP .*check that the port is the app's HTTP port/,
    );
    expect(error?.message).toContain(seen);
    expect(error?.message).not.toMatch(/host name/);
    oneLine(error?.message ?? '');
  });
});

describe('sender: TLS mismatches (issue 11)', () => {
  it('says an https:// URL met a plain HTTP server, in one line without OpenSSL text (issue 11)', async () => {
    const port = await listen(plainHttpServer());
    const error = await deliverTo(`https://127.0.0.1:${port}/in`);
    expect(error?.code).toBe('VWS_ERR_DELIVERY_NETWORK');
    expect(error?.message).toMatch(
      /TLS mismatch: the URL says https but the server speaks plain HTTP .*use http:\/\//,
    );
    expect(error?.message).not.toMatch(noOpenSsl);
    oneLine(error?.message ?? '');
  });

  it('says an http:// URL to a TLS server may need https://, in one line (issue 11)', async () => {
    const port = await listen(tlsServer());
    const error = await deliverTo(`http://127.0.0.1:${port}/in`);
    expect(error?.code).toBe('VWS_ERR_DELIVERY_CONNECTION_RESET');
    expect(error?.message).toMatch(
      /without sending a byte .*If the port serves TLS \(https\), use https:\/\//,
    );
    expect(error?.message).not.toMatch(noOpenSsl);
    oneLine(error?.message ?? '');
  });

  it('says a self-signed certificate was not accepted, in one line (issue 11)', async () => {
    const port = await listen(tlsServer());
    const error = await deliverTo(`https://127.0.0.1:${port}/in`);
    expect(error?.code).toBe('VWS_ERR_DELIVERY_NETWORK');
    expect(error?.message).toMatch(/TLS certificate was not accepted \(DEPTH_ZERO_SELF_SIGNED_CERT/);
    oneLine(error?.message ?? '');
  });
});

describe('vws send: protocol mismatches (issue 11)', () => {
  it.each([
    ['a garbage reply', () => tcpServer('garbage\r\n\r\n'), 'http', /is not HTTP/],
    ['https:// to plain HTTP', plainHttpServer, 'https', /TLS mismatch: the URL says https/],
  ])('reports %s in one line, exit 1, no OpenSSL text (issue 11)', async (_, make, scheme, expected) => {
    const port = await listen(make());
    const { code, stdout, stderr } = await runInProcess([
      'send',
      'sms.inbound',
      '--url',
      `${scheme}://127.0.0.1:${port}/in`,
    ]);
    expect(code).toBe(1);
    expect(`${stdout}${stderr}`).toMatch(expected);
    expect(`${stdout}${stderr}`).not.toMatch(noOpenSsl);
    expect(`${stdout}${stderr}`).not.toMatch(/check the host name/);
    oneLine(stdout);
    // The seed line, then the summary: the failure itself adds no line of its own.
    expect(stderr.trimEnd().split('\n')).toHaveLength(2);
  });
});
