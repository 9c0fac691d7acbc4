// Where each catalog `reference` section is documented now: the pages of docs/reference/. The
// catalog keeps the section numbers of the research notes it was written from (a public field,
// `listEvents()[i].reference`); docs/events.md links them through this table, and a test proves
// that every section of the catalog has a page and every page anchor exists.
// Keep in step with the section table of docs/reference/README.md.

/** Catalog reference section → page of docs/reference/ (with its anchor). */
export const referencePages = {
  '1': 'sms.md',
  '1.0': 'sms.md#transport',
  '1.1': 'sms.md#inbound-sms',
  '1.2': 'sms.md#delivery-receipt',
  '2': 'short-codes.md',
  '3': 'voice.md',
  '3.0': 'voice.md#transport',
  '3.1': 'voice.md#answer-webhook',
  '3.2': 'voice.md#call-status-events',
  '3.3': 'voice.md#action-results-and-other-events',
  '3.3b': 'voice.md#fallback-answer-url',
  '3.4': 'ncco.md',
  '4': 'number-insight.md',
  '5': 'messages.md',
  '5.0': 'messages.md#transport',
  '5.1': 'messages.md#inbound-message',
  '5.2': 'messages.md#message-status',
  '6': 'dispatch.md',
  '7': 'rtc.md',
  '8': 'verify.md',
  '8a': 'verify.md#summary',
  '8b': 'verify.md#channel-event',
  '8c': 'verify.md#silent-auth',
  '9': 'signing.md',
  '9.1': 'signing.md#sms-signature',
  '9.2': 'signing.md#webhook-jwt',
  '10': 'delivery.md',
  '10b': 'delivery.md#wire-format-checklist',
} as const satisfies Record<string, string>;

/** A section of the catalog. */
export type ReferenceSection = keyof typeof referencePages;

/** The docs/reference page of a catalog section, e.g. `3.2` → `voice.md#call-status-events`. */
export function toReferencePage(section: string): string {
  const page = (referencePages as Record<string, string>)[section];
  if (page === undefined) throw new Error(`No docs/reference page for catalog section ${section}`);
  return page;
}

/**
 * The API families of the catalog, in catalog order, with the name a reader knows them by and a
 * summary of their transport and signing (the catalog has both per event; this is the README's digest).
 */
export const apiFamilies = [
  {
    prefix: 'sms',
    title: 'SMS API',
    page: 'sms.md',
    transport: 'POST JSON (also GET, form)',
    signing: 'SMS `sig`',
  },
  {
    prefix: 'short_codes',
    title: 'US short codes',
    page: 'short-codes.md',
    transport: 'GET (also POST JSON)',
    signing: 'none',
  },
  {
    prefix: 'voice',
    title: 'Voice API',
    page: 'voice.md',
    transport: 'answer GET, events POST JSON',
    signing: 'JWT',
  },
  {
    prefix: 'number_insight',
    title: 'Number Insight',
    page: 'number-insight.md',
    transport: 'POST JSON',
    signing: 'none',
  },
  { prefix: 'messages', title: 'Messages API', page: 'messages.md', transport: 'POST JSON', signing: 'JWT' },
  { prefix: 'dispatch', title: 'Dispatch', page: 'dispatch.md', transport: 'POST JSON', signing: 'JWT' },
  {
    prefix: 'rtc',
    title: 'Conversation API (RTC)',
    page: 'rtc.md',
    transport: 'POST JSON (also GET)',
    signing: 'JWT when `signed_callbacks` is on',
  },
  { prefix: 'verify', title: 'Verify v2', page: 'verify.md', transport: 'POST JSON', signing: 'JWT' },
] as const;
