// The webhook settings of an application and the account, with where each lives in the Applications
// API shape and its default method: small, so that the CLI's start-up can read the defaults.

/** An HTTP method an application webhook may use. */
export type WebhookMethod = 'GET' | 'POST';

/** The URL settings of {@link WebhookSettings}, in the order the banner of `vws serve` lists them. */
export const webhookUrlSettings = [
  'answerUrl',
  'eventUrl',
  'fallbackAnswerUrl',
  'inboundUrl',
  'statusUrl',
  'verifyStatusUrl',
  'rtcEventUrl',
  'smsInboundUrl',
  'smsDlrUrl',
] as const;
/** One of {@link webhookUrlSettings}. */
export type WebhookUrlSetting = (typeof webhookUrlSettings)[number];

/** Where each application setting lives in the Applications API shape, and its default method. */
export const applicationPaths = {
  answerUrl: { capability: 'voice', webhook: 'answer_url', method: 'GET', methods: ['GET', 'POST'] },
  eventUrl: { capability: 'voice', webhook: 'event_url', method: 'POST', methods: ['GET', 'POST'] },
  fallbackAnswerUrl: {
    capability: 'voice',
    webhook: 'fallback_answer_url',
    method: 'POST',
    methods: ['GET', 'POST'],
  },
  inboundUrl: { capability: 'messages', webhook: 'inbound_url', method: 'POST', methods: ['POST'] },
  statusUrl: { capability: 'messages', webhook: 'status_url', method: 'POST', methods: ['POST'] },
  verifyStatusUrl: { capability: 'verify', webhook: 'status_url', method: 'POST', methods: ['POST'] },
  rtcEventUrl: { capability: 'rtc', webhook: 'event_url', method: 'POST', methods: ['GET', 'POST'] },
} as const satisfies Record<
  Exclude<WebhookUrlSetting, 'smsInboundUrl' | 'smsDlrUrl'>,
  { capability: string; webhook: string; method: WebhookMethod; methods: readonly WebhookMethod[] }
>;

/** An application setting (not an account one). */
export type ApplicationUrlSetting = keyof typeof applicationPaths;

/** The method Vonage sends a setting's webhook with when the application sets none. */
export function toDefaultMethod(setting: ApplicationUrlSetting): WebhookMethod {
  return applicationPaths[setting].method;
}
