// Loaded only when `vws serve` runs: it brings in the fake, its scenarios and undici.
import { type FileHandle, open } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { VwsError } from '../../../errors.js';
import { createFakeVonageServer, type FakeVonageServer } from '../../../serve/create-fake-vonage-server.js';
import type { CliIo } from '../../shared/io.js';
import { createStyle } from '../../shared/style.js';
import {
  checkApplicationId,
  findUnroutedMethod,
  type ServeCliOptions,
  toServeCredentials,
  toServerOptions,
} from './options.js';
import { readApplication } from './read-application.js';
import { describeLogEntry, inCliWords, noRouteHint, toRoutesBanner } from './serve-output.js';

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
  const credentials = toServeCredentials(io, options);
  const application =
    options.application === undefined ? undefined : await readApplication(io, options.application);
  checkApplicationId(options, application, credentials);
  const seed = options.seed ?? io.randomSeed();
  const log = options.log === undefined ? undefined : await openLog(options.log);
  const serverOptions = toServerOptions(options, {
    seed,
    application,
    credentials,
    now: io.now,
    onLog: (logged) => {
      const entry = inCliWords(logged);
      io.stdout.write(options.json ? `${JSON.stringify(entry)}\n` : `${describeLogEntry(entry, io)}\n`);
      log?.stream.write(`${JSON.stringify(entry)}\n`);
    },
  });
  let server: FakeVonageServer;
  try {
    server = await createFakeVonageServer(serverOptions);
  } catch (error) {
    await log?.file.close();
    throw error;
  }
  const routes = server.fake.webhookRoutes();
  // A method flag applies to a URL from a flag, the file or the base URL; alone it would do nothing.
  const unrouted = findUnroutedMethod(options, routes);
  if (unrouted !== undefined) {
    await server.close();
    await log?.file.close();
    throw unrouted;
  }
  // Before the banner: a supervisor that stops the server once it reads the banner must not kill it.
  io.onInterrupt?.(() => void server.close());
  io.stderr.write(
    `vws: fake Vonage listening on ${server.url} (seed ${seed}, time scale ${options.timeScale}, ${credentials.signatureSecret ? 'signing webhooks' : 'unsigned webhooks: no signature secret'})\n` +
      `vws: where webhooks go when a request names no URL:\n${toRoutesBanner(routes, createStyle(io, 'stderr'))}${noRouteHint(routes)}` +
      `vws: route an app to it: VWS_FAKE_VONAGE_URL=${server.url} node --import vonage-webhook-simulator/register app.js; Ctrl-C to stop\n`,
  );
  await server.closed;
  if (log !== undefined) {
    await new Promise<void>((resolve) => log.stream.end(() => resolve()));
  }
}
