import { VwsError } from '../errors.js';
import type { EventName } from '../events.js';
import { isEventName, listEvents } from '../fixtures/catalog.js';
import { generate } from '../fixtures/generate.js';
import type { FixtureOptions } from '../fixtures/shared/types.js';
import { toKeyword } from '../fixtures/sms/text.js';
import { createScenario, type ScenarioName } from '../scenarios/create-scenario.js';
import { splitSmsText, toSmsEncoding } from '../scenarios/sms-segments.js';
import type { Scenario, ScenarioOptions } from '../scenarios/types.js';
import type { CreateScenario } from './types.js';

type Payload = Record<string, unknown>;

// `generate` narrows its options by event name; these lifecycles pick the name at run time.
const generatePayload = generate as unknown as (name: EventName, options: FixtureOptions<Payload>) => Payload;

const optionalString = (params: Payload, key: string): string | undefined =>
  typeof params[key] === 'string' ? (params[key] as string) : undefined;

function withoutUndefined(values: Payload): Payload {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/**
 * One inbound SMS (reference 1.1). A text of more than one part is the `sms.inbound.concatenated`
 * lifecycle, one webhook per part; a single part is one `sms.inbound.text` or `.unicode` webhook at
 * once, with the given numbers, text, `messageId` and API key.
 */
function createInboundSmsScenario(options: ScenarioOptions<Payload>): Scenario {
  const params = options.params ?? {};
  const text = optionalString(params, 'text');
  if (text !== undefined && splitSmsText(text).length > 1) {
    return createScenario('sms.inbound.concatenated', options as ScenarioOptions<never>);
  }
  const event: EventName =
    text !== undefined && toSmsEncoding(text) === 'unicode' ? 'sms.inbound.unicode' : 'sms.inbound.text';
  const messageIds = params.messageIds;
  const messageId =
    Array.isArray(messageIds) && typeof messageIds[0] === 'string' ? messageIds[0] : undefined;
  const payload = generatePayload(event, {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.refDate === undefined ? {} : { refDate: options.refDate }),
    overrides: withoutUndefined({
      'api-key': optionalString(params, 'apiKey'),
      msisdn: optionalString(params, 'from'),
      to: optionalString(params, 'to'),
      messageId,
      text,
      keyword: text === undefined ? undefined : toKeyword(text),
    }),
  });
  return {
    name: 'sms.inbound',
    webhooks: [{ event, payload, target: 'sms-inbound', atMs: 0 }],
    ids: { messageIds: [String(payload.messageId)] },
  };
}

/** The message types the catalog has for inbound messages on a channel. */
function inboundTypes(channel: string): string[] {
  const prefix = `messages.inbound.${channel}.`;
  return listEvents({ api: 'messages' })
    .map((entry) => entry.name)
    .filter((name) => name.startsWith(prefix))
    .map((name) => name.slice(prefix.length));
}

/**
 * One inbound message on a Messages channel (reference 5.1): the catalog's
 * `messages.inbound.<channel>.<messageType>` (default `text`) at once, with the given numbers, text
 * and `message_uuid`.
 */
function createInboundMessageScenario(options: ScenarioOptions<Payload>): Scenario {
  const params = options.params ?? {};
  const channel = optionalString(params, 'channel') ?? 'sms';
  const messageType = optionalString(params, 'messageType') ?? 'text';
  const name = `messages.inbound.${channel}.${messageType}`;
  if (!isEventName(name)) {
    const types = inboundTypes(channel);
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      types.length === 0
        ? `Unknown Messages channel "${channel}": use sms, mms, rcs, whatsapp, messenger or viber_service.`
        : `Channel "${channel}" has no inbound "${messageType}" message: use one of ${types.join(', ')}.`,
    );
  }
  const event = name as EventName;
  const text = optionalString(params, 'text');
  const payload = generatePayload(event, {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.refDate === undefined ? {} : { refDate: options.refDate }),
    overrides: withoutUndefined({
      message_uuid: optionalString(params, 'messageUuid'),
      to: optionalString(params, 'to'),
      from: optionalString(params, 'from'),
      text: messageType === 'text' ? text : undefined,
    }),
  });
  return {
    name: 'messages.inbound',
    webhooks: [{ event, payload, target: 'messages-inbound', atMs: 0 }],
    ids: { message_uuid: String(payload.message_uuid) },
  };
}

/**
 * The lifecycles the fake starts: the `src/scenarios` generators, and the two single-webhook
 * inbound lifecycles they do not have (`sms.inbound` for one part, `messages.inbound`).
 */
export const createDefaultScenario: CreateScenario = (name, options) => {
  if (name === 'sms.inbound') return createInboundSmsScenario(options);
  if (name === 'messages.inbound') return createInboundMessageScenario(options);
  return createScenario(name as ScenarioName, options as ScenarioOptions<never>);
};
