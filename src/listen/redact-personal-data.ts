// Personal data out of a recorded webhook (issue 12, decision 112): `vws listen --record` writes
// real traffic to files meant to be shared in a bug report, so every phone number, name, text,
// media URL and email in a payload is replaced before it is written. Replacements are deterministic
// within a session (one redactor per listener) and shaped like the original, so a conversation
// stays readable: the same number is the same fake number in every record.

/** Replaces personal data in payloads; one per recording session. */
export interface PersonalDataRedactor {
  /**
   * A deep copy of the payload with personal data replaced (the input is not changed). The fields at
   * `unknownFields` (paths as key lists, from the drift check) are replaced whole: a field the
   * catalog does not know may hold anything, so its strings become `[value 1: 12 chars]`.
   */
  redact(payload: unknown, unknownFields?: readonly (readonly string[])[]): unknown;
  /** A path with every query value replaced (`/answer?to=[redacted]`): GET webhooks carry the payload there. */
  redactPath(path: string): string;
}

type Kind = 'number' | 'name' | 'text' | 'url' | 'email' | 'id' | 'opaque';

// Key names compared without case, `_` or `-` (`caller_name`, `callerName`, `caller-name` are one).
const numberKeys = new Set([
  'msisdn',
  'to',
  'from',
  'number',
  'callerid',
  'phone',
  'phonenumber',
  'cli',
  'nationalformatnumber',
  'internationalformatnumber',
]);
// A person's id on a channel: a WhatsApp user id (`JP.8079...`), a Client SDK user; and the
// account's API key (the SMS API's `api-key`), which names whose account it is.
const idKeys = new Set(['userid', 'parentuserid', 'waid', 'fromuser', 'username', 'psid', 'apikey']);
// Where someone is: coordinates are kept to one decimal (about 11 km).
const coordinateKeys = new Set(['lat', 'latitude', 'long', 'longitude', 'lng']);
const nameKeys = new Set([
  'name',
  'firstname',
  'lastname',
  'callername',
  'displayname',
  'fullname',
  'nickname',
]);
// Texts: message bodies, keywords, captions, transcripts, speech results, DTMF input.
const textKeys = new Set([
  'text',
  'keyword',
  'body',
  'message',
  'caption',
  'transcript',
  'transcription',
  'content',
  'digits',
  'data',
  'udh',
  'title',
  'description',
  'address',
  'street',
  'city',
  'zip',
  'postcode',
  'postalcode',
]);
const emailKeys = new Set(['email', 'emailaddress']);
// Keys whose digit strings are times, ids or prices, never phone numbers (the shape check skips them).
// Ids (`id`, `message_id`, `waba_id`, `referral.source_id`, `conversationId`) are an account's, a
// message's or an ad's, not a person's: kept. A person's id on a channel is in `idKeys`, checked first.
const notNumberKey = /timestamp|time|date|nonce|uuid|price|rate|duration|size|count|code/;
function isIdKey(key: string): boolean {
  return /(?:^|[_-])id$/i.test(key) || /[a-z0-9]I[dD]$/.test(key);
}
// Signatures: an SMS `sig` is a hash over the parameters and the secret, so it goes as the JWT does
// (and would no longer match the redacted payload anyway).
const signatureKeys = new Set(['sig', 'signature']);

// A bare phone number: E.164-like, 7 to 15 digits, an optional `+`.
const phoneShape = /^\+?\d{7,15}$/;
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const digitRun = /\+?\d{7,15}/g;

function normalise(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, '');
}

function kindOfKey(key: string): Kind | undefined {
  const name = normalise(key);
  if (numberKeys.has(name)) return 'number';
  if (nameKeys.has(name)) return 'name';
  if (idKeys.has(name)) return 'id';
  if (textKeys.has(name)) return 'text';
  if (emailKeys.has(name)) return 'email';
  // `region_url` is Vonage's region endpoint, no one's data; every other URL may point at media.
  if (name === 'regionurl') return undefined;
  if (name === 'url' || name.endsWith('url') || name === 'uri' || name === 'link') return 'url';
  return undefined;
}

/**
 * A fake number as long as the original, from a range reserved for fiction where it fits: UK
 * 07700 900xxx (Ofcom's drama numbers) as 447700900xxx for 12 digits; longer numbers (13 to 15
 * digits) start 447700900 too, the counter padded to the length (4477009000001): no UK number
 * is longer than 12 digits (44 and 10), so these reach no one. North American 555-01xx for 11 and
 * 10, else `555` and the counter. Past a range's room, the counter alone.
 */
function fakeNumber(digits: number, index: number): string {
  const prefix =
    digits >= 12 ? '447700900' : digits === 11 ? '120155501' : digits === 10 ? '20155501' : '555';
  const room = digits - prefix.length;
  const counter = String(index);
  if (room > 0 && counter.length <= room) return `${prefix}${counter.padStart(room, '0')}`;
  return counter.padStart(digits, '0').slice(-digits);
}

function extensionOf(url: string): string {
  const match = /\.([A-Za-z0-9]{1,5})(?:[?#]|$)/.exec(url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, ''));
  return match === null ? '' : `.${match[1]}`;
}

/** The payload with the fields at `fields` (key paths) passed through `scrub`; the input is not changed. */
function scrubFields(
  payload: unknown,
  fields: readonly (readonly string[])[],
  scrub: (value: unknown) => unknown,
): unknown {
  if (fields.length === 0) return payload;
  const copy = structuredClone(payload) as unknown;
  for (const field of fields) {
    const steps = [...field];
    const last = steps.pop();
    let parent: unknown = copy;
    for (const step of steps) {
      parent =
        parent !== null && typeof parent === 'object' && Object.hasOwn(parent, step)
          ? (parent as Record<string, unknown>)[step]
          : undefined;
    }
    if (parent === null || typeof parent !== 'object' || last === undefined || !Object.hasOwn(parent, last))
      continue;
    const record = parent as Record<string, unknown>;
    record[last] = scrub(record[last]);
  }
  return copy;
}

/** A path with every query value replaced: GET webhooks carry their payload there. */
function redactPath(path: string): string {
  const question = path.indexOf('?');
  if (question < 0) return path;
  const query = path
    .slice(question + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      return equals < 0 || equals === pair.length - 1 ? pair : `${pair.slice(0, equals)}=[redacted]`;
    })
    .join('&');
  return `${path.slice(0, question)}?${query}`;
}

/**
 * A redactor for one session. Numbers keep their length (and a leading `+`) and come from ranges
 * reserved for fiction where they fit ({@link fakeNumber}), names become `Name 1`, texts `[text 1: 42 chars]`, media URLs `https://media.example.invalid/1.jpg`, emails
 * `person1@example.invalid`, a person's id on a channel `[id 1]`, coordinates rounded to one
 * decimal; the same value always gets the same replacement. Fields found by key
 * name (`msisdn`, `to`, `from`, `number`, `first_name`, `caller_name`, `text`, `keyword`, `url`...)
 * at any depth, and phone numbers and emails by their shape under any other key. Digit runs of 7 to
 * 15 inside a URI (`sip:+447700900123@...`) are replaced too. Ids under `id` and `*_id` keys are
 * kept (an account's, a message's: no one's data); signatures (`sig`, `signature`) become
 * `[REDACTED]`.
 */
export function createPersonalDataRedactor(): PersonalDataRedactor {
  const seen = new Map<string, string>();
  const counters = new Map<Kind, number>();

  const replace = (kind: Kind, value: string): string => {
    const key = `${kind}\u0000${value}`;
    const known = seen.get(key);
    if (known !== undefined) return known;
    const index = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, index);
    let replacement: string;
    if (kind === 'number') {
      const plus = value.startsWith('+') ? '+' : '';
      replacement = `${plus}${fakeNumber(value.length - plus.length, index)}`;
    } else if (kind === 'name') replacement = `Name ${index}`;
    else if (kind === 'email') replacement = `person${index}@example.invalid`;
    else if (kind === 'url') replacement = `https://media.example.invalid/${index}${extensionOf(value)}`;
    else if (kind === 'id') replacement = `[id ${index}]`;
    else if (kind === 'opaque') replacement = `[value ${index}: ${value.length} chars]`;
    else replacement = `[text ${index}: ${value.length} chars]`;
    seen.set(key, replacement);
    return replacement;
  };

  const redactString = (kind: Kind | undefined, key: string, value: string): string => {
    if (value === '') return value;
    if (kind === 'number') {
      if (phoneShape.test(value)) return replace('number', value);
      const digits = value.replace(/\D/g, '');
      if (/^[\d\s().+-]+$/.test(value) && digits.length >= 7 && digits.length <= 15) {
        // A formatted number (`020 7946 0018`): the digits replaced in place, the layout kept.
        const fake = replace('number', digits);
        let at = 0;
        return value.replace(/\d/g, () => fake[at++] ?? '0');
      }
      if (emailShape.test(value)) return replace('email', value);
      // An alphanumeric sender, a channel's user id, a SIP URI: the digits go, the shape stays.
      return /^[a-z][a-z0-9+.-]*:/i.test(value)
        ? value.replace(digitRun, (run) => replace('number', run))
        : replace('name', value);
    }
    if (kind === 'url') {
      return /^(sip|tel|sips):/i.test(value)
        ? value.replace(digitRun, (run) => replace('number', run))
        : replace('url', value);
    }
    if (kind !== undefined) return replace(kind, value);
    if (emailShape.test(value)) return replace('email', value);
    if (!notNumberKey.test(normalise(key)) && !isIdKey(key) && phoneShape.test(value))
      return replace('number', value);
    return value;
  };

  const walk = (value: unknown, key: string, inherited: Kind | undefined): unknown => {
    if (Array.isArray(value)) return value.map((item) => walk(item, key, inherited));
    if (value !== null && typeof value === 'object') {
      const result: Record<string, unknown> = {};
      for (const [childKey, child] of Object.entries(value as Record<string, unknown>)) {
        // A number field holding an object (`to: { type: 'phone', number }`) is walked by its own keys.
        const kind = kindOfKey(childKey) ?? (inherited === 'opaque' ? 'opaque' : undefined);
        const secret = signatureKeys.has(normalise(childKey)) && child !== null && child !== '';
        Object.defineProperty(result, childKey, {
          value: secret ? '[REDACTED]' : walk(child, childKey, kind),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return result;
    }
    if (typeof value === 'string') return redactString(inherited, key, value);
    if (typeof value === 'number' && coordinateKeys.has(normalise(key))) return Math.round(value * 10) / 10;
    if (typeof value === 'number' && inherited === 'number' && Number.isSafeInteger(value)) {
      const digits = String(Math.abs(value));
      if (digits.length >= 7) return Number(replace('number', digits));
    }
    return value;
  };

  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') return value === '' ? value : replace('opaque', value);
    if (typeof value === 'number' && Number.isSafeInteger(value) && String(Math.abs(value)).length >= 7)
      return Number(replace('number', String(Math.abs(value))));
    if (Array.isArray(value)) return value.map(scrub);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, scrub(item)]),
      );
    }
    return value;
  };

  return {
    redact: (payload, unknownFields = []) => walk(scrubFields(payload, unknownFields, scrub), '', undefined),
    redactPath,
  };
}
