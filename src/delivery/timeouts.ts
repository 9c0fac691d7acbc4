import { VwsError } from '../errors.js';
import type { WebhookKind } from '../fixtures/shared/define-event.js';

/** How long Vonage waits for a webhook: the TCP connect and then the whole response. */
export interface WebhookTimeouts {
  /** Connect timeout in milliseconds (Vonage's `connection_timeout`). */
  readonly connectMs: number;
  /** Response timeout in milliseconds, from the request being sent to the end of the response (`socket_timeout`). */
  readonly responseMs: number;
}

const VOICE_ANSWER = { connectMs: 1000, responseMs: 5000 } as const;
const VOICE_EVENT = { connectMs: 1000, responseMs: 10_000 } as const;
const MESSAGING = { connectMs: 3000, responseMs: 15_000 } as const;

/**
 * Vonage's default timeouts per webhook kind (reference delivery.md). Voice defaults are documented per
 * application (✅ spec-app); SMS 3 s / 15 s is from the support KB (🟡 kb-timeout). For Messages,
 * Dispatch, Verify, Number Insight and short codes no figure is published (❓): they take the SMS
 * values, the messaging platform's only documented ones; RTC takes the Voice event values
 * (docs/decisions/066-timeouts-per-webhook-kind.md).
 *
 * @see https://developer.vonage.com/voice/voice-api/guides/troubleshooting
 * @example
 * ```ts
 * import { vonageTimeouts } from 'vonage-webhook-simulator';
 * const { connectMs, responseMs } = vonageTimeouts['voice-answer']; // 1000, 5000
 * ```
 */
export const vonageTimeouts: Readonly<Record<WebhookKind, WebhookTimeouts>> = Object.freeze({
  'voice-answer': VOICE_ANSWER,
  'voice-event': VOICE_EVENT,
  'voice-fallback': VOICE_ANSWER,
  'sms-inbound': MESSAGING,
  'sms-delivery-receipt': MESSAGING,
  'short-code-inbound': MESSAGING,
  'short-code-delivery-receipt': MESSAGING,
  'number-insight': MESSAGING,
  'messages-inbound': MESSAGING,
  'messages-status': MESSAGING,
  'dispatch-status': MESSAGING,
  'rtc-event': VOICE_EVENT,
  'verify-status': MESSAGING,
});

/** The timeouts used when the event (and so its webhook kind) is not known: the messaging values. */
export const DEFAULT_TIMEOUTS: WebhookTimeouts = MESSAGING;

/** Per-kind replacements of {@link vonageTimeouts}, each value partial. */
export type TimeoutOverrides = Readonly<Partial<Record<WebhookKind, Partial<WebhookTimeouts>>>>;

/**
 * The timeouts for one delivery: Vonage's value for the webhook kind, then the per-kind override,
 * then the per-call one. Throws `VWS_ERR_INVALID_OPTION` for a value that is not a positive finite number.
 *
 * @example
 * ```ts
 * import { toTimeouts } from 'vonage-webhook-simulator';
 * const fast = toTimeouts('voice-event', {}, { responseMs: 50 }); // { connectMs: 1000, responseMs: 50 }
 * ```
 */
export function toTimeouts(
  kind: WebhookKind | undefined,
  overrides: TimeoutOverrides = {},
  call: Partial<WebhookTimeouts> = {},
): WebhookTimeouts {
  const base = kind === undefined ? DEFAULT_TIMEOUTS : vonageTimeouts[kind];
  const perKind = kind === undefined ? undefined : overrides[kind];
  const connectMs = call.connectMs ?? perKind?.connectMs ?? base.connectMs;
  const responseMs = call.responseMs ?? perKind?.responseMs ?? base.responseMs;
  for (const [name, value] of [
    ['connectMs', connectMs],
    ['responseMs', responseMs],
  ] as const) {
    if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
      throw new VwsError(
        'VWS_ERR_INVALID_OPTION',
        `Invalid timeout ${name} ${String(value)}: use a positive number of milliseconds, e.g. { ${name}: 500 }.`,
      );
    }
  }
  return connectMs === base.connectMs && responseMs === base.responseMs ? base : { connectMs, responseMs };
}
