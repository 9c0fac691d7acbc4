import {
  DEFAULT_RETRY_MODE,
  DEFAULT_TIME_SCALE,
  type RetryMode,
  retryModes,
} from '../delivery/sender-types.js';
import { VwsError } from '../errors.js';
import { toEpochMillis } from '../fixtures/shared/context.js';
import type { TransportFormat } from '../fixtures/shared/define-event.js';
import { DEFAULT_SEED } from '../fixtures/shared/types.js';
import { findClosest } from '../internal/closest.js';
import { isScenarioName, scenarioNames, scenarioParamNames } from '../scenarios/create-scenario.js';
import type { ChaosOptions } from '../scenarios/types.js';
import { isSmsSignatureMethod, type SmsSignatureMethod } from '../signing/sms-signature.js';
import { type AcceptedCredentials, toAcceptedCredentials } from './account/credentials.js';
import { createUuidStream } from './account/id-source.js';
import { toWebhookConfig, type WebhookConfig } from './account/webhook-config.js';
import { DEFAULT_SMS_WEBHOOK_FORMAT } from './defaults.js';
import { type ClockMode, clockModes } from './engine/clock.js';
import type { EndUserScript } from './engine/end-user-script.js';
import { toEndUsers } from './lifecycles/end-users.js';
import { createDefaultScenario } from './lifecycles/inbound-lifecycles.js';
import {
  type CreateScenario,
  type DeliverWebhook,
  type FakeVonageOptions,
  type SmsWebhookFormat,
  smsWebhookFormats,
} from './types.js';

/** How many API calls, webhooks and lifecycles each record keeps by default (`recordLimit`). */
export const DEFAULT_RECORD_LIMIT = 10_000;

const smsFormats: Readonly<Record<SmsWebhookFormat, TransportFormat>> = {
  GET: 'query',
  POST: 'form',
  'POST-JSON': 'json',
};

/** The default verify code: the first `length` digits of 1234567890. */
const defaultVerifyCode = (_requestId: string, length: number): string => '1234567890'.slice(0, length);

function invalid(message: string): VwsError {
  return new VwsError('VWS_ERR_INVALID_OPTION', message);
}

/**
 * The options of {@link FakeVonageOptions} checked and resolved once, when the fake is created: every
 * default filled in, so the rest of the fake reads settings, never options.
 */
export interface FakeVonageConfig {
  readonly seed: number;
  readonly timeScale: number;
  readonly clock: ClockMode;
  /** `refDate` in epoch milliseconds, when given. */
  readonly refDate: number | undefined;
  readonly now: () => number;
  /** The `now` clock when the fake was created. */
  readonly createdAt: number;
  /** The default application and the account's SMS settings the options describe. */
  readonly webhooks: WebhookConfig;
  readonly balance: number;
  readonly recordLimit: number;
  readonly smsWebhookFormat: SmsWebhookFormat;
  /** How SMS webhooks go on the wire, after {@link FakeVonageConfig.smsWebhookFormat}. */
  readonly smsFormat: TransportFormat;
  readonly createScenario: CreateScenario;
  readonly credentials: AcceptedCredentials;
  readonly signatureSecret: string | undefined;
  readonly smsSignatureMethod: SmsSignatureMethod | undefined;
  /** The account's API key: the `api_key` claim and `api-key` field. */
  readonly accountApiKey: string;
  readonly applicationId: string | undefined;
  /** The code a Verify v2 request accepts. */
  readonly verifyCode: (requestId: string, length: number) => string;
  readonly retries: RetryMode;
  /** The `endUsers` scripts by number, without `+`. */
  readonly endUsers: ReadonlyMap<string, EndUserScript>;
  /** `scenario.params`: extra params per scenario name. */
  readonly scenarioParams: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly chaos: ChaosOptions | undefined;
  /** The `deliver` option; the fake's own sender when not given. */
  readonly deliver: DeliverWebhook | undefined;
}

function checkScenarioParams(options: FakeVonageOptions): void {
  const given: Readonly<Record<string, object>> = options.scenario?.params ?? {};
  for (const [name, params] of Object.entries(given)) {
    // The inbound pushes check their own params when they start (docs/decisions/103).
    if (name === 'sms.inbound' || name === 'messages.inbound') continue;
    if (!isScenarioName(name)) {
      throw invalid(
        `Unknown scenario "${name}" in scenario.params: use ${[...scenarioNames, 'sms.inbound', 'messages.inbound'].join(', ')}.`,
      );
    }
    const known = scenarioParamNames[name];
    const unknown = Object.keys(params).find((key) => !known.includes(key));
    if (unknown !== undefined) {
      const hint = findClosest(unknown, known);
      throw invalid(
        `Unknown param "${unknown}" in scenario.params["${name}"].${hint.length > 0 ? ` Did you mean "${hint[0]}"?` : ''} Use ${known.join(', ')}.`,
      );
    }
  }
}

function checkSmsOptions(options: FakeVonageOptions): void {
  const { smsWebhookFormat, smsSignatureMethod } = options;
  if (
    smsWebhookFormat !== undefined &&
    !(smsWebhookFormats as readonly string[]).includes(smsWebhookFormat)
  ) {
    throw invalid(
      `Invalid smsWebhookFormat "${String(smsWebhookFormat)}": use ${smsWebhookFormats.join(', ')}.`,
    );
  }
  if (smsSignatureMethod !== undefined) {
    if (!isSmsSignatureMethod(smsSignatureMethod)) {
      throw invalid(
        `Invalid smsSignatureMethod "${String(smsSignatureMethod)}": use md5hash, md5, sha1, sha256 or sha512.`,
      );
    }
    if (options.signatureSecret === undefined || options.signatureSecret === '') {
      throw invalid(
        'smsSignatureMethod needs the signature secret that signs with it: pass signatureSecret too.',
      );
    }
  }
}

function checkOptions(options: FakeVonageOptions): void {
  const { seed, timeScale, balance, retries, recordLimit } = options;
  if (recordLimit !== undefined && !(Number.isSafeInteger(recordLimit) && recordLimit >= 1)) {
    throw invalid(
      `Invalid recordLimit ${String(recordLimit)}: use a whole number of 1 or more, such as 10000.`,
    );
  }
  checkScenarioParams(options);
  if (seed !== undefined && (!Number.isSafeInteger(seed) || seed < 0)) {
    throw invalid(`Invalid seed ${String(seed)}: use a non-negative integer such as 42.`);
  }
  if (timeScale !== undefined && !(Number.isFinite(timeScale) && timeScale >= 0)) {
    throw invalid(
      `Invalid timeScale ${String(timeScale)}: use 0 (as fast as possible), 1 (real time) or a factor between.`,
    );
  }
  if (balance !== undefined && !Number.isFinite(balance)) {
    throw invalid(`Invalid balance ${String(balance)}: use an amount in EUR such as 10.`);
  }
  checkSmsOptions(options);
  if (options.clock !== undefined && !(clockModes as readonly string[]).includes(options.clock)) {
    throw invalid(`Invalid clock "${String(options.clock)}": use ${clockModes.join(' or ')}.`);
  }
  if (retries !== undefined && !(retryModes as readonly string[]).includes(retries)) {
    throw invalid(`Invalid retries "${String(retries)}": use ${retryModes.join(' or ')}.`);
  }
}

/** The code check of the `verifyCode` option. */
function toVerifyCode(verifyCode: FakeVonageOptions['verifyCode']): FakeVonageConfig['verifyCode'] {
  if (verifyCode === undefined) return defaultVerifyCode;
  return typeof verifyCode === 'string' ? () => verifyCode : (requestId) => verifyCode(requestId);
}

/**
 * Checks the options (`VWS_ERR_INVALID_OPTION` naming the first wrong one) and resolves them into the
 * fake's {@link FakeVonageConfig}.
 */
export function toFakeVonageConfig(options: FakeVonageOptions): FakeVonageConfig {
  checkOptions(options);
  const seed = options.seed ?? DEFAULT_SEED;
  const refDate = options.refDate === undefined ? undefined : toEpochMillis(options.refDate);
  // The default application's id when neither the application nor applicationId names one.
  const webhooks = toWebhookConfig(options, createUuidStream(seed, 0x617070)());
  const credentials = toAcceptedCredentials({
    ...options,
    // An application given by file is accepted as well as `applicationId`.
    applicationId: options.applicationId ?? options.application?.id,
  });
  // The account's API key: the `api_key` claim and `api-key` field; drawn from the seed when not given.
  const accountApiKey = options.apiKey ?? createUuidStream(seed, 0x6b6579)().slice(0, 8);
  const endUsers = toEndUsers(options.endUsers);
  const now = options.now ?? Date.now;
  const smsWebhookFormat = options.smsWebhookFormat ?? DEFAULT_SMS_WEBHOOK_FORMAT;
  return {
    seed,
    timeScale: options.timeScale ?? DEFAULT_TIME_SCALE,
    clock: options.clock ?? 'auto',
    refDate,
    now,
    createdAt: now(),
    webhooks,
    balance: options.balance ?? 10,
    recordLimit: options.recordLimit ?? DEFAULT_RECORD_LIMIT,
    smsWebhookFormat,
    smsFormat: smsFormats[smsWebhookFormat],
    createScenario: options.createScenario ?? createDefaultScenario,
    credentials,
    signatureSecret: options.signatureSecret === '' ? undefined : options.signatureSecret,
    smsSignatureMethod: options.smsSignatureMethod,
    accountApiKey,
    applicationId: options.applicationId,
    verifyCode: toVerifyCode(options.verifyCode),
    // The sender's own default: one attempt.
    retries: options.retries ?? DEFAULT_RETRY_MODE,
    endUsers,
    scenarioParams: (options.scenario?.params ?? {}) as FakeVonageConfig['scenarioParams'],
    chaos: options.scenario?.chaos,
    deliver: options.deliver,
  };
}

/**
 * Epoch ms of a conversation that starts at virtual `startAt`: a manual clock's time, else as before
 * (refDate or now).
 */
export function toEpochAt(config: FakeVonageConfig, startAt: number): number {
  return config.clock === 'manual'
    ? (config.refDate ?? config.createdAt) + startAt
    : (config.refDate ?? config.now());
}
