// Loaded only when `vws serve` runs: it brings in the fake, its scenarios and undici.
import { type FileHandle, open } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { VwsError } from '../../errors.js';
import {
  findApplicationProblems,
  targetSettings,
  type VonageApplication,
  type WebhookSettings,
  type WebhookUrlSetting,
  webhookUrlSettings,
} from '../../fake-vonage/application.js';
import type { FakeVonage } from '../../fake-vonage/index.js';
import { redactUrl } from '../../fake-vonage/redact.js';
import {
  createFakeVonageServer,
  type FakeVonageServerOptions,
} from '../../serve/create-fake-vonage-server.js';
import type { ServeLogEntry } from '../../serve/serve-log.js';
import type { ServeCliOptions } from '../commands/serve.js';
import type { CliIo } from '../io.js';
import { createStyle, type Style } from '../style.js';

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

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads `--application <file>`: one application in the Applications API v2 shape, checked. */
async function readApplication(io: CliIo, path: string): Promise<VonageApplication> {
  const shape = 'as GET /v2/applications/:id returns it';
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Cannot read --application ${path}: ${reason}. Give the path of your application's JSON, ${shape}.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new VwsError(
      'VWS_ERR_INVALID_JSON',
      `Malformed JSON in --application ${path}: ${(error as Error).message}. Fix the file: it must hold one application object, ${shape}.`,
    );
  }
  if (!isRecord(parsed)) {
    throw new VwsError(
      'VWS_ERR_INVALID_JSON',
      `--application ${path} must hold one JSON object: an application ${shape}, e.g. {"name": "My app", "capabilities": {...}}.`,
    );
  }
  const problems = findApplicationProblems(parsed);
  if (parsed.id !== undefined && (typeof parsed.id !== 'string' || parsed.id === '')) {
    problems.push({ name: 'id', reason: 'must be the application id string.' });
  }
  if (problems.length > 0) {
    const list = problems.map((problem) => `${problem.name} ${problem.reason.replace(/\.$/, '')}`);
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Invalid application in --application ${path}: ${list.join('; ')}. Fix the file to the Applications API v2 shape.`,
    );
  }
  return parsed as VonageApplication;
}

const methodFlags = {
  answerMethod: ['--answer-method', 'answerUrl', '--answer-url'],
  eventMethod: ['--event-method', 'eventUrl', '--event-url'],
  fallbackAnswerMethod: ['--fallback-answer-method', 'fallbackAnswerUrl', '--fallback-answer-url'],
  rtcEventMethod: ['--rtc-event-method', 'rtcEventUrl', '--rtc-event-url'],
} as const satisfies Partial<Record<keyof WebhookSettings, readonly [string, WebhookUrlSetting, string]>>;

/** The webhook settings the flags give, by the fake's names; flags not given are left out. */
function toWebhookSettings(options: ServeCliOptions): WebhookSettings {
  const settings: Record<string, string> = {};
  for (const setting of webhookUrlSettings) {
    const value = options[setting];
    if (value !== undefined) settings[setting] = value;
  }
  for (const setting of Object.keys(methodFlags) as (keyof typeof methodFlags)[]) {
    const value = options[setting];
    if (value !== undefined) settings[setting] = value;
  }
  return settings as WebhookSettings;
}

// Settings a request can stand in for (answer_url in Create Call, callback in an SMS send...).
const namedByRequests = new Set(
  Object.values(targetSettings)
    .filter((target) => target.request !== undefined)
    .map((target) => target.setting),
);

/** The banner's table: one aligned line per webhook setting, its method and URL, or why none. */
function toRoutesBanner(routes: ReturnType<FakeVonage['webhookRoutes']>, style: Style): string {
  const label = (setting: WebhookUrlSetting) =>
    setting.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  const labelWidth = Math.max(...webhookUrlSettings.map((setting) => label(setting).length));
  const methodWidth = Math.max(...webhookUrlSettings.map((setting) => routes[setting]?.method.length ?? 0));
  return webhookUrlSettings
    .map((setting) => {
      const route = routes[setting];
      const where =
        route === null
          ? style.dim(
              namedByRequests.has(setting) ? '(not set: requests must name a URL)' : '(not set: none sent)',
            )
          : redactUrl(route.url);
      // An unset line says why in the URL column.
      const method = methodWidth === 0 ? '' : `${(route?.method ?? '').padEnd(methodWidth)}  `;
      return `  ${label(setting).padEnd(labelWidth)}  ${method}${where}\n`;
    })
    .join('');
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
  const application =
    options.application === undefined ? undefined : await readApplication(io, options.application);
  if (application?.id !== undefined && set(applicationId) && application.id !== applicationId) {
    const source = options.applicationId === undefined ? 'VONAGE_APPLICATION_ID' : '--application-id';
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `--application ${options.application} has id "${application.id}" but ${source} is "${applicationId}": make them equal or drop ${source}.`,
    );
  }
  const webhooks = toWebhookSettings(options);
  const seed = options.seed ?? io.randomSeed();
  const log = options.log === undefined ? undefined : await openLog(options.log);
  const serverOptions: FakeVonageServerOptions = {
    port: options.port,
    host: options.host,
    seed,
    timeScale: options.timeScale,
    retries: options.retries,
    now: io.now,
    ...(options.refDate === undefined ? {} : { refDate: options.refDate }),
    ...(options.webhookBaseUrl === undefined ? {} : { webhookBaseUrl: options.webhookBaseUrl }),
    ...(application === undefined ? {} : { application }),
    ...(Object.keys(webhooks).length === 0 ? {} : { webhooks }),
    ...(set(signatureSecret) ? { signatureSecret: signatureSecret as string } : {}),
    ...(options.smsSignatureMethod === undefined ? {} : { smsSignatureMethod: options.smsSignatureMethod }),
    ...(options.smsWebhookFormat === undefined ? {} : { smsWebhookFormat: options.smsWebhookFormat }),
    ...(set(apiKey) ? { apiKey: apiKey as string } : {}),
    ...(set(apiSecret) ? { apiSecret: apiSecret as string } : {}),
    ...(set(applicationId) ? { applicationId: applicationId as string } : {}),
    ...(options.endUser === undefined ? {} : { endUsers: options.endUser }),
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
  const routes = server.fake.webhookRoutes();
  // A method flag applies to a URL from a flag, the file or the base URL; alone it would do nothing.
  for (const [setting, [flag, urlSetting, urlFlag]] of Object.entries(methodFlags)) {
    const value = options[setting as keyof typeof methodFlags];
    if (value === undefined || routes[urlSetting] !== null) continue;
    await server.close();
    await log?.file.close();
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `${flag} ${value} has no URL to apply to: add ${urlFlag} <url>, --webhook-base-url or an --application that sets it.`,
    );
  }
  // Before the banner: a supervisor that stops the server once it reads the banner must not kill it.
  io.onInterrupt?.(() => void server.close());
  io.stderr.write(
    `vws: fake Vonage listening on ${server.url} (seed ${seed}, time scale ${options.timeScale}, ${signatureSecret ? 'signing webhooks' : 'unsigned webhooks: no signature secret'})\n` +
      `vws: where webhooks go when a request names no URL:\n${toRoutesBanner(routes, createStyle(io, 'stderr'))}` +
      `vws: route an app to it: VWS_FAKE_VONAGE_URL=${server.url} node --import vonage-webhook-simulator/register app.js; Ctrl-C to stop\n`,
  );
  await server.closed;
  if (log !== undefined) {
    await new Promise<void>((resolve) => log.stream.end(() => resolve()));
  }
}
