// The WhatsApp facts every status of one message repeats (reference messages.md#message-status): business account,
// conversation, pricing category and the recipient's ids.
import type { Faker } from '@faker-js/faker';
import { createBsuid, createWabaId } from '../fixtures/messages/ids.js';
import { messagesWhatsAppConversationTypes } from '../fixtures/messages/types.js';
import { createHex32 } from '../fixtures/shared/ids.js';
import type { PhoneNumber } from '../fixtures/shared/phone.js';

/** The WhatsApp facts every status of one message repeats: account, conversation, recipient ids. */
export interface WhatsAppStory {
  readonly wabaId: string;
  readonly category: (typeof messagesWhatsAppConversationTypes)[number];
  readonly conversationId: string;
  readonly userId: string;
  readonly profileName: string;
}

/** The WhatsApp facts of one message to `recipient`, drawn once. */
export function createWhatsAppStory(faker: Faker, recipient: PhoneNumber): WhatsAppStory {
  return {
    wabaId: createWabaId(faker),
    category: faker.helpers.arrayElement(messagesWhatsAppConversationTypes),
    conversationId: createHex32(faker),
    userId: createBsuid(faker, recipient.country.iso2),
    profileName: faker.person.fullName(),
  };
}

/** The WhatsApp fields of a status, from the story, where the generated status has them. */
export function whatsAppOverrides(
  base: Readonly<Record<string, unknown>>,
  story: WhatsAppStory,
  recipient: PhoneNumber | undefined,
) {
  const details = (base.whatsapp ?? {}) as Record<string, unknown>;
  return {
    whatsapp: {
      recipient:
        details.recipient === undefined || recipient === undefined
          ? undefined
          : { user_id: story.userId, parent_user_id: undefined, wa_id: recipient.msisdn },
      waba_id: story.wabaId,
      conversation:
        details.conversation === undefined
          ? undefined
          : { id: story.conversationId, origin: { type: story.category } },
      pricing:
        details.pricing === undefined
          ? undefined
          : { type: 'regular', pricing_model: 'CBP', category: story.category },
    },
    profile: base.profile === undefined ? undefined : { name: story.profileName, username: undefined },
  };
}
