// `vws serve`'s control routes under names that are Object.prototype members (issue 11).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeVonageServer, type FakeVonageServer } from 'vonage-webhook-simulator';

let server: FakeVonageServer;

beforeAll(async () => {
  server = await createFakeVonageServer({ port: 0, timeScale: 0 });
});

afterAll(async () => {
  await server.close();
});

describe('vws serve control routes (issue 11)', () => {
  it.each(['constructor', 'tostring', 'valueof'])(
    'answers POST /_vws/inbound/%s as an unknown route, not a 500 (issue 11)',
    async (name) => {
      const response = await fetch(`${server.url}/_vws/inbound/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      const unknown = await fetch(`${server.url}/_vws/inbound/nosuch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBeLessThan(500);
      expect(response.status).toBe(unknown.status);
    },
  );
});
