import { messagesV01Schemas } from '../../../src/fixtures/messages/v0-1-schema.js';
import {
  type MessagesV01ConvertibleChannel,
  messagesV01InboundTypes,
} from '../../../src/fixtures/messages/v0-1-types.js';
import { componentSchema } from '../official-specs.js';
import type { OfficialMapping } from './types.js';

const file = 'messages-olympus.v0.yml';
const inbound = componentSchema('inbound-message');

// Branch order of `inbound-message` in messages-olympus.v0.yml: SMS, WhatsApp, Viber, Messenger, MMS;
// inside a channel, the content types in the order the spec lists them.
const branches: Readonly<Record<MessagesV01ConvertibleChannel, readonly string[] | null>> = {
  sms: null,
  whatsapp: ['text', 'image', 'video', 'audio', 'file', 'location', 'unsupported'],
  viber_service: ['text', 'unsupported'],
  messenger: ['text', 'image', 'video', 'audio', 'file', 'unsupported'],
  mms: null,
};
const channelIndex: Readonly<Record<MessagesV01ConvertibleChannel, number>> = {
  sms: 0,
  whatsapp: 1,
  viber_service: 2,
  messenger: 3,
  mms: 4,
};

function inboundPointer(channel: MessagesV01ConvertibleChannel, v1Type: string): string {
  const own = messagesV01InboundTypes[channel] as readonly string[];
  const content = own.includes(v1Type) ? v1Type : 'unsupported';
  // Viber image is defined (`imageMessageViberInbound`) but not listed among the inbound branches.
  if (channel === 'viber_service' && content === 'image') return componentSchema('imageMessageViberInbound');
  const types = branches[channel];
  const base = `${inbound}/oneOf/${channelIndex[channel]}`;
  if (types === null) return base;
  const index = types.indexOf(content);
  if (index < 0) throw new Error(`no v0.1 spec branch for ${channel} ${content}`);
  return `${base}/oneOf/${index}`;
}

const keys = Object.keys(messagesV01Schemas);
const byPointer = new Map<string, string[]>();
for (const key of keys) {
  const name = key.slice(0, -'@v0.1'.length);
  const [, kind, first, second] = name.split('.');
  const pointer =
    kind === 'inbound'
      ? inboundPointer(first as MessagesV01ConvertibleChannel, second ?? '')
      : componentSchema('MessageStatus');
  byPointer.set(pointer, [...(byPointer.get(pointer) ?? []), key]);
}

/** Mappings of `<event>@v0.1` shapes to `messages-olympus.v0.yml`. */
export const messagesV01Official: readonly OfficialMapping[] = [...byPointer].map(([pointer, events]) => ({
  events,
  file,
  pointer,
}));
