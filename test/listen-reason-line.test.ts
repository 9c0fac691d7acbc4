// `vws listen` prints why an identification is not certain, in place of the old "also matches" line (issue 12).
import { describe, expect, it } from 'vitest';
import { generate } from '../src/fixtures/generate.js';
import { runInProcess } from './support/cli-io.js';

/** Starts `vws listen` for `count` webhooks; resolves its URL once it listens, and its run once it stops. */
function startListen(count: number) {
  let announce: (url: string) => void = () => undefined;
  const listening = new Promise<string>((resolve) => {
    announce = resolve;
  });
  const run = runInProcess(['listen', '--port', '0', '--max-requests', String(count)], {
    stderr: {
      write: (text: string) => {
        const url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
        if (url) announce(url);
      },
    },
  });
  return { listening, run };
}

async function postJson(url: string, payload: unknown): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(5_000),
  });
  await response.arrayBuffer();
  return response.status;
}

/** The printed block of the webhook received on `path`: its first line up to the next webhook's. */
function blockOf(stdout: string, path: string): string {
  const blocks = stdout.split(/\n(?=\S)/);
  return blocks.find((block) => block.includes(` POST ${path} `)) ?? '';
}

describe('vws listen prints the reason of an identification that is not certain (issue 12)', () => {
  it('prints "likely:" or "unsure:" with the reason, nothing for a certain one, and never "also matches"', async () => {
    const { listening, run } = startListen(3);
    const url = await listening;
    const newCode = { ...generate('sms.delivery_receipt.delivered', { seed: 1 }), 'err-code': '9999' };
    // The same wire shape as an SMS receipt: the path /x tells them not apart.
    const shortCode = generate('short_codes.delivery_receipt.delivered', { seed: 1 });
    const status = generate('messages.status.read.whatsapp', { seed: 1 });
    expect(await postJson(`${url}/dr`, newCode)).toBe(200);
    expect(await postJson(`${url}/x`, shortCode)).toBe(200);
    expect(await postJson(`${url}/webhooks/status`, status)).toBe(200);
    const { code, stdout } = await run;
    expect(code).toBe(0);
    expect(blockOf(stdout, '/dr')).toContain(
      '\n  likely: closest is sms.delivery_receipt.delivered, but err-code "9999" is not one the catalog knows\n',
    );
    expect(blockOf(stdout, '/x')).toMatch(/\n {2}(unsure|likely): could be \S+ or \S+: same fields;/);
    const certain = blockOf(stdout, '/webhooks/status');
    expect(certain).toContain('messages.status.read.whatsapp  schema ok');
    expect(certain).not.toMatch(/\n {2}(certain|likely|unsure):/);
    expect(stdout).not.toContain('also matches');
  }, 20_000);
});
