// The two ends of a Messages API send, in each channel's id forms (reference messages.md#inbound-message, messages.md#message-status).
import type { Faker } from '@faker-js/faker';
import {
  createMessengerPageId,
  createMessengerPsid,
  createRcsAgentId,
  createViberServiceId,
} from '../fixtures/messages/ids.js';
import type { MessagesChannel } from '../fixtures/messages/types.js';
import { createPhoneNumber, findCountry, type PhoneNumber } from '../fixtures/shared/phone.js';
import type { MessagesSendParams } from './messages-send-types.js';
import { createAlphanumericSender, toPhoneNumber } from './phone-of.js';
import { checkParam } from './scenario-context.js';

/** A number as the Messages API writes it: E.164 without `+`. */
export const msisdn = /^[1-9][0-9]{6,14}$/;
const unitedStates = findCountry('US');

/** The two ends of a send in the channel's id forms. */
export interface Parties {
  readonly to: string;
  readonly from: string;
  /** The recipient's number facts, on channels whose statuses carry them (network, price, WhatsApp ids). */
  readonly recipient: PhoneNumber | undefined;
}

function recipientNumber(
  faker: Faker,
  to: string | undefined,
  country?: PhoneNumber['country'],
): PhoneNumber {
  return to === undefined ? createPhoneNumber(faker, country) : toPhoneNumber(faker, to, 'to');
}

/** `value` checked against `pattern`, or a drawn one when absent. */
export function checkedOr(
  value: string | undefined,
  pattern: RegExp,
  label: string,
  example: string,
  draw: () => string,
) {
  return value === undefined ? draw() : checkParam(value, pattern, label, example);
}

/** The parties in each channel's id forms (reference messages.md#inbound-message, messages.md#message-status), from the params or drawn. */
export function createParties(
  faker: Faker,
  channel: MessagesChannel,
  params: Partial<MessagesSendParams>,
  answered: boolean,
): Parties {
  const anyId = /^.{1,50}$/s;
  switch (channel) {
    case 'sms': {
      const recipient = recipientNumber(faker, params.to);
      // Alphanumeric sender ids are not allowed in the US: a US recipient sees one of your numbers. A
      // recipient who answers needs a number too: an alphanumeric sender cannot receive messages.
      const from = checkedOr(params.from, /^[A-Za-z0-9 ]{1,15}$/, 'from', 'AcmeInc', () =>
        recipient.country.iso2 === 'US' || answered
          ? createPhoneNumber(faker, recipient.country).msisdn
          : createAlphanumericSender(faker),
      );
      return { to: recipient.msisdn, from, recipient };
    }
    case 'mms': {
      const recipient = recipientNumber(faker, params.to, unitedStates);
      // A number or a US short code: v0.1's MMS `from.number` is "A US shortcode" ('12345', spec-msg0).
      const from = checkedOr(
        params.from,
        /^[1-9][0-9]{4,14}$/,
        'from',
        '14155550100',
        () => createPhoneNumber(faker, unitedStates).msisdn,
      );
      return { to: recipient.msisdn, from, recipient };
    }
    case 'whatsapp': {
      const recipient = recipientNumber(faker, params.to);
      const from = checkedOr(
        params.from,
        msisdn,
        'from',
        '447700900000',
        () => createPhoneNumber(faker).msisdn,
      );
      return { to: recipient.msisdn, from, recipient };
    }
    case 'rcs':
    case 'viber_service': {
      const to = checkedOr(params.to, msisdn, 'to', '447700900123', () => createPhoneNumber(faker).msisdn);
      const from = checkedOr(params.from, anyId, 'from', channel === 'rcs' ? 'Vonage' : '12345', () =>
        channel === 'rcs' ? createRcsAgentId(faker) : createViberServiceId(faker),
      );
      return { to, from, recipient: undefined };
    }
    case 'messenger': {
      const to = checkedOr(params.to, /^[0-9]{1,50}$/, 'to', '1234567890123456', () =>
        createMessengerPsid(faker),
      );
      const from = checkedOr(params.from, /^[0-9]{1,50}$/, 'from', '123456789012345', () =>
        createMessengerPageId(faker),
      );
      return { to, from, recipient: undefined };
    }
  }
}
