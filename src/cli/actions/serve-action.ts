// Loaded only when `vws serve` runs: it brings in the fake, its scenarios and undici.
import { type FileHandle, open } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { VwsError } from '../../errors.js';
import {
  createFakeVonageServer,
  type FakeVonageServerOptions,
} from '../../serve/create-fake-vonage-server.js';
import type { ServeLogEntry } from '../../serve/serve-log.js';
import type { ServeCliOptions } from '../commands/serve.js';
import type { CliIo } from '../io.js';
import { createStyle } from '../style.js';

/** One human line per log entry: an API call in, a webhook out. */
function describe(entry: ServeLogEntry, io: CliIo): string {
  const style = createStyle(io);
  if (entry.direction === 'in') {
    const status = entry.status < 400 ? style.ok(String(entry.status)) : style.bad(String(entry.status));
    const lifecycle = entry.lifecycle === null ? '' : style.dim(` lifecycle #${entry.lifecycle}`);
    return `→ ${entry.method} ${entry.url} ${status}${lifecycle}`;
  }
  const head = `← #${entry.lifecycle} ${style.bold(entry.event)}`;
  if (entry.state === 'not_sent')
    return `${head} ${style.dim(`not sent: ${entry.reason ?? 'no reason given'}`)}`;
  const result = entry.result;
  if (result === null) return `${head} ${entry.url ?? ''}`;
  const verdict = result.ok
    ? style.ok(String(result.status))
    : style.bad(`${result.outcome}${result.status === null ? '' : ` ${result.status}`}`);
  const why = result.ok || result.message === null ? '' : ` ${style.dim(result.message)}`;
  return `${head} ${result.method} ${result.url} ${verdict} ${style.dim(`${result.durationMs.toFixed(1)} ms`)}${why}`;
}

async function openLog(path: string): Promise<{ file: FileHandle; stream: Writable }> {
  let file: FileHandle;
  try {
    file = await open(path, 'w');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'its folder does not exist' : (error as Error).message;
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Cannot write --log ${path}: ${reason}. Give a writable file path.`,
    );
  }
  return { file, stream: file.createWriteStream() };
}

/** Runs `vws serve` until interrupted: prints each call and webhook, writes `--log`. */
export async function runServe(io: CliIo, options: ServeCliOptions): Promise<void> {
  const signatureSecret = options.signatureSecret ?? io.env.VONAGE_SIGNATURE_SECRET;
  const apiKey = options.apiKey ?? io.env.VONAGE_API_KEY;
  const apiSecret = options.apiSecret ?? io.env.VONAGE_API_SECRET;
  const applicationId = options.applicationId ?? io.env.VONAGE_APPLICATION_ID;
  const set = (value: string | undefined) => value !== undefined && value !== '';
  if (options.smsSignatureMethod !== undefined && !set(signatureSecret)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      '--sms-signature-method needs the secret it signs with: pass --signature-secret or set VONAGE_SIGNATURE_SECRET.',
    );
  }
  if (set(apiSecret) && !set(apiKey)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      '--api-secret needs its key: pass --api-key too or set VONAGE_API_KEY.',
    );
  }
  const seed = options.seed ?? io.randomSeed();
  const log = options.log === undefined ? undefined : await openLog(options.log);
  const serverOptions: FakeVonageServerOptions = {
    port: options.port,
    host: options.host,
    seed,
    timeScale: options.timeScale,
    now: io.now,
    ...(options.refDate === undefined ? {} : { refDate: options.refDate }),
    ...(options.webhookBaseUrl === undefined ? {} : { webhookBaseUrl: options.webhookBaseUrl }),
    ...(set(signatureSecret) ? { signatureSecret: signatureSecret as string } : {}),
    ...(options.smsSignatureMethod === undefined ? {} : { smsSignatureMethod: options.smsSignatureMethod }),
    ...(options.smsWebhookFormat === undefined ? {} : { smsWebhookFormat: options.smsWebhookFormat }),
    ...(set(apiKey) ? { apiKey: apiKey as string } : {}),
    ...(set(apiSecret) ? { apiSecret: apiSecret as string } : {}),
    ...(set(applicationId) ? { applicationId: applicationId as string } : {}),
    onLog: (entry) => {
      io.stdout.write(options.json ? `${JSON.stringify(entry)}\n` : `${describe(entry, io)}\n`);
      log?.stream.write(`${JSON.stringify(entry)}\n`);
    },
  };
  let server: Awaited<ReturnType<typeof createFakeVonageServer>>;
  try {
    server = await createFakeVonageServer(serverOptions);
  } catch (error) {
    await log?.file.close();
    throw error;
  }
  const webhooks =
    options.webhookBaseUrl === undefined
      ? 'webhooks only to URLs the requests name'
      : `webhooks to ${options.webhookBaseUrl}/webhooks/...`;
  io.stderr.write(
    `vws: fake Vonage listening on ${server.url} (seed ${seed}, time scale ${options.timeScale}, ${signatureSecret ? 'signing webhooks' : 'unsigned webhooks: no signature secret'}); ${webhooks}\n` +
      `vws: route an app to it: VWS_FAKE_VONAGE_URL=${server.url} node --import vonage-webhook-simulator/register app.js; Ctrl-C to stop\n`,
  );
  io.onInterrupt?.(() => void server.close());
  await server.closed;
  if (log !== undefined) {
    await new Promise<void>((resolve) => log.stream.end(() => resolve()));
  }
}
