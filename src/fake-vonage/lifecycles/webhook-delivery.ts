import { type ToRequestOptions, toRequestParts } from '../../delivery/to-request.js';
import { getEvent } from '../../fixtures/catalog.js';
import type { FakeState } from '../account/state.js';
import type { OutgoingWebhook } from '../types.js';
import {
  type DeliveryEntry,
  finishDelivery,
  type Generation,
  type LifecycleRunner,
  type Mutable,
} from './lifecycle-runner.js';
import type { LifecycleStart } from './lifecycle-start.js';

/** What Vonage's own records learn from a webhook when it is due: call states, finished verifications. */
function observe(state: FakeState, payload: Record<string, unknown>): void {
  const status = payload.status;
  const uuid = payload.uuid ?? payload.call_uuid;
  if (typeof status === 'string' && typeof uuid === 'string') {
    const call = state.calls.get(uuid);
    if (call !== undefined) {
      call.status = status;
      for (const key of ['rate', 'price', 'duration', 'start_time', 'end_time', 'network'] as const) {
        if (typeof payload[key] === 'string') call[key] = payload[key] as string;
      }
    }
  }
  if (payload.type === 'summary' && typeof payload.request_id === 'string') {
    const verification = state.verifications.get(payload.request_id);
    if (verification !== undefined) verification.active = false;
  }
}

/** How one webhook is built and signed: its URL, format and the account's or application's credentials. */
function toRequestOptions(
  runner: LifecycleRunner,
  entry: DeliveryEntry,
  url: string,
  start: LifecycleStart,
  nonce: () => string,
): ToRequestOptions {
  const { config } = runner;
  const catalog = getEvent(entry.event);
  const requestOptions: Mutable<ToRequestOptions> = {
    url,
    format: entry.format,
    now: config.now,
    createId: nonce,
  };
  if (catalog.signing === 'jwt' && config.signatureSecret !== undefined) {
    requestOptions.signatureSecret = config.signatureSecret;
    requestOptions.apiKey = start.apiKey ?? config.accountApiKey;
    const applicationId = start.applicationId ?? config.applicationId;
    if (applicationId !== undefined) requestOptions.applicationId = applicationId;
  }
  if (
    catalog.signing === 'sms-signature' &&
    config.signatureSecret !== undefined &&
    config.smsSignatureMethod !== undefined
  ) {
    requestOptions.signatureSecret = config.signatureSecret;
    requestOptions.signatureMethod = config.smsSignatureMethod;
  }
  return requestOptions;
}

/** The webhook as the `deliver` function receives it. */
function toOutgoingWebhook(entry: DeliveryEntry, url: string): OutgoingWebhook {
  return {
    event: entry.event,
    target: entry.target,
    url,
    payload: entry.payload,
    atMs: entry.atMs,
    lifecycle: entry.lifecycle,
    ...(entry.fallbackUrl === undefined ? {} : { fallbackUrl: entry.fallbackUrl }),
    ...(entry.timeout === undefined ? {} : { timeout: entry.timeout }),
    ...(entry.response === undefined ? {} : { response: entry.response }),
  };
}

/** Builds, signs and delivers one webhook, recording what came of it. */
export async function deliverEntry(
  runner: LifecycleRunner,
  entry: DeliveryEntry,
  start: LifecycleStart,
  nonce: () => string,
  owner: Generation,
): Promise<void> {
  observe(owner.state, entry.payload);
  if (entry.state !== 'pending' || entry.url === null) {
    finishDelivery(runner, entry);
    return;
  }
  const url = entry.url;
  const requestOptions = toRequestOptions(runner, entry, url, start, nonce);
  try {
    entry.request = toRequestParts({ name: entry.event, payload: entry.payload }, requestOptions);
  } catch (error) {
    entry.state = 'not_sent';
    entry.reason = (error as Error).message;
    finishDelivery(runner, entry);
    return;
  }
  const webhook = toOutgoingWebhook(entry, url);
  const { deliver } = runner;
  try {
    const result = await deliver(entry.request, webhook);
    if (entry.state === 'pending') {
      entry.result = result;
      entry.state = 'sent';
    }
  } catch (error) {
    if (entry.state === 'pending') {
      entry.state = 'not_sent';
      entry.reason = `The deliver function failed: ${(error as Error).message}`;
    }
  }
  finishDelivery(runner, entry);
}
