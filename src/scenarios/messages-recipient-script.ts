// Checks of the recipient's script of a Messages API send (docs/decisions/109): well-formed steps,
// and steps the channel and sender can carry.
import { VwsError } from '../errors.js';
import { eventNames } from '../fixtures/events.js';
import { type MessagesChannel, messagesChannels } from '../fixtures/messages/types.js';
import { isRecord } from '../internal/is-record.js';
import { msisdn } from './messages-send-parties.js';
import type { MessagesRecipientStep, MessagesSendOutcome } from './messages-send-types.js';

const recipientKinds = ['read', 'reply', 'tap', 'wait', 'ignore'] as const;

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Whether a value is one {@link MessagesRecipientStep} with the fields its kind needs. */
function isRecipientStep(value: unknown): value is MessagesRecipientStep {
  if (!isRecord(value) || !(recipientKinds as readonly unknown[]).includes(value.kind)) return false;
  switch (value.kind) {
    case 'reply':
      return isText(value.text);
    case 'tap':
      return isText(value.id);
    case 'wait':
      return typeof value.ms === 'number' && Number.isSafeInteger(value.ms) && value.ms > 0;
    default:
      return true;
  }
}

const stepsExample =
  `[{ kind: 'read' }, { kind: 'wait', ms: 10000 }, { kind: 'reply', text: 'STOP' }] ` +
  `(in the fake: endUsers: { '447700900001': 'read; wait 10s; reply "STOP"' })`;

/** Checks the `recipient` param: a list of chat steps, nothing after `ignore`. */
export function checkRecipient(value: unknown): readonly MessagesRecipientStep[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Invalid messages.send recipient ${JSON.stringify(value)}: give the recipient's steps as a list, e.g. ${stepsExample}.`,
    );
  }
  for (const [index, step] of value.entries()) {
    if (!isRecipientStep(step)) {
      throw new VwsError(
        'VWS_ERR_INVALID_OPTION',
        `Invalid messages.send recipient step ${JSON.stringify(step)}: use { kind: 'read' }, { kind: 'reply', text }, { kind: 'tap', id }, { kind: 'wait', ms } or { kind: 'ignore' }, e.g. ${stepsExample}.`,
      );
    }
    if (step.kind === 'ignore' && index < value.length - 1) {
      throw new VwsError(
        'VWS_ERR_INVALID_OPTION',
        `Invalid messages.send recipient: ${JSON.stringify(value[index + 1])} comes after { kind: 'ignore' }; nothing happens after the recipient ignores the message, so remove it.`,
      );
    }
  }
  return value as readonly MessagesRecipientStep[];
}

const hasEvent = (name: string): boolean => (eventNames as readonly string[]).includes(name);
/** The channels whose users can tap a suggestion or button: those with an inbound `reply` in the catalog. */
const tapChannels = messagesChannels.filter((each) => hasEvent(`messages.inbound.${each}.reply`));

/**
 * Refuses steps the channel cannot carry: a tap where the channel has nothing to tap (no inbound `reply`
 * or `button`), a reply to a sender that cannot receive one, and outcome `read` with a script that never
 * reads (decision 109).
 */
export function checkRecipientFits(
  steps: readonly MessagesRecipientStep[],
  channel: MessagesChannel,
  from: string,
  outcome: MessagesSendOutcome,
): void {
  const tap = steps.find((step) => step.kind === 'tap');
  if (tap !== undefined && !tapChannels.includes(channel)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `The recipient cannot tap ${JSON.stringify(tap.id)} on ${channel}: ${channel} messages have no suggestions or buttons to tap (no inbound reply or button message). Use a reply step instead, or send on ${tapChannels.map((each) => `"${each}"`).join(' or ')}.`,
    );
  }
  const answers = steps.some((step) => step.kind === 'reply' || step.kind === 'tap');
  if (answers && (channel === 'sms' || channel === 'mms') && !msisdn.test(from)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `The recipient cannot reply to ${channel} sender ${JSON.stringify(from)}: replies go to a number of 7 to 15 digits; an alphanumeric sender id cannot receive them, and replies to short codes are not simulated. Send from one of your numbers, e.g. "447700900000", or remove the reply step.`,
    );
  }
  if (outcome === 'read' && !steps.some((step) => step.kind !== 'wait' && step.kind !== 'ignore')) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Outcome "read" needs the recipient to read the message, but their script never does (${steps.map((step) => step.kind).join(', ')}): add a read, reply or tap step, or use outcome "delivered".`,
    );
  }
}
