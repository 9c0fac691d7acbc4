import { createSender } from '../delivery/create-sender.js';
import { DEFAULT_RETRY_MODE, DEFAULT_TIME_SCALE, type Sender } from '../delivery/sender-types.js';
import type {
  DeliverWebhook,
  FakeVonage,
  FakeVonageOptions,
  Lifecycle,
  RecordedDelivery,
} from '../fake-vonage/index.js';
import { toDeliverOptions } from '../fake-vonage/lifecycles/deliver-options.js';
import { type ServeLogEntry, toNotSentLogEntry, toSentLogEntry } from './serve-log.js';

/** Where the server's log entries go, and the time each one carries. */
export interface ServeLogger {
  readonly log: (entry: ServeLogEntry) => void;
  /** The present as ISO 8601, from the fake's `now`. */
  readonly at: () => string;
}

/** The fake's `deliver`, logging each result, and how to close the sender it made. */
export interface LoggingDeliver {
  readonly deliver: DeliverWebhook;
  /** Closes the sender made for the fake (none when `deliver` was given), aborting what is in flight. */
  close(): Promise<void>;
}

/**
 * The fake's own sender, replaced by one that also logs each result as it comes (the core has no
 * per-delivery hook); it is built with the options the core would give its own.
 */
export function createLoggingDeliver(fakeOptions: FakeVonageOptions, logger: ServeLogger): LoggingDeliver {
  let sender: Sender | undefined;
  const deliverInner: DeliverWebhook =
    fakeOptions.deliver ??
    ((parts, webhook) => {
      sender ??= createSender({
        timeScale: fakeOptions.timeScale ?? DEFAULT_TIME_SCALE,
        retries: fakeOptions.retries ?? DEFAULT_RETRY_MODE,
        ...(fakeOptions.signatureSecret ? { signatureSecret: fakeOptions.signatureSecret } : {}),
        ...(fakeOptions.apiKey === undefined ? {} : { apiKey: fakeOptions.apiKey }),
        ...(fakeOptions.applicationId === undefined ? {} : { applicationId: fakeOptions.applicationId }),
      });
      return sender.deliver(parts, undefined, toDeliverOptions(webhook));
    });
  return {
    deliver: async (parts, webhook) => {
      const result = await deliverInner(parts, webhook);
      logger.log(toSentLogEntry(logger.at(), webhook.lifecycle, webhook.event, parts, result));
      return result;
    },
    close: async () => {
      await sender?.close({ abort: true });
    },
  };
}

/**
 * Webhooks that are never handed to `deliver` (no URL, or a request that could not be built) are
 * logged once: those known at scheduling at once, the rest when their lifecycle is done. The
 * returned function looks for lifecycles it has not seen yet; call it after each API request.
 */
export function createNotSentLogger(fake: FakeVonage, logger: ServeLogger): () => void {
  const loggedNotSent = new WeakSet<RecordedDelivery>();
  const logNotSent = (lifecycle: number) => {
    for (const delivery of fake.deliveries) {
      if (delivery.lifecycle !== lifecycle || delivery.state !== 'not_sent') continue;
      if (loggedNotSent.has(delivery)) continue;
      loggedNotSent.add(delivery);
      logger.log(toNotSentLogEntry(logger.at(), delivery));
    }
  };
  const watched = new WeakSet<Lifecycle>();
  return () => {
    for (const lifecycle of fake.lifecycles) {
      if (watched.has(lifecycle)) continue;
      watched.add(lifecycle);
      logNotSent(lifecycle.index);
      void lifecycle.done.then(() => {
        // After a reset the index belongs to another lifecycle.
        if (fake.lifecycles.includes(lifecycle)) logNotSent(lifecycle.index);
      });
    }
  };
}
