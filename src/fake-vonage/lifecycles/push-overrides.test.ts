import { describe, expect, it } from 'vitest';
import { isVwsError } from '../../errors.js';
import { toInboundMessageParams, toInboundSmsParams, toIncomingCallParams } from './inbound-lifecycles.js';
import { applyOverrides, checkOverrides, foldParam, type OverrideTarget } from './push-overrides.js';

const reply: OverrideTarget = { event: 'messages.inbound.rcs.reply', fixedHint: 'pick another event' };

/** The message of the error `run` throws, after checking that it is the usage error pushes throw. */
function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isVwsError(error) && error.code).toBe('VWS_ERR_INVALID_OPTION');
    return (error as Error).message;
  }
  throw new Error('expected a VWS_ERR_INVALID_OPTION error, got none');
}

describe('checkOverrides', () => {
  it('returns the overrides when each field is one the payload can have, with a value of its kind', () => {
    const overrides = { reply: { id: 'brazil', title: 'Brazil', description: 'Samba' }, client_ref: 'r-1' };
    expect(checkOverrides(overrides, reply)).toBe(overrides);
    expect(checkOverrides(undefined, reply)).toBeUndefined();
  });

  it('takes any content in an object the payload leaves open (a WhatsApp button payload)', () => {
    const target: OverrideTarget = { event: 'messages.inbound.whatsapp.button', fixedHint: 'x' };
    const overrides = { button: { payload: { flow_token: 't', party_size: '2' }, text: 'Book' } };
    expect(checkOverrides(overrides, target)).toBe(overrides);
  });

  it('names a field the payload does not have, with its closest name and the fields it has', () => {
    expect(messageOf(() => checkOverrides({ reply: { idd: 'brazil' } }, reply))).toBe(
      'Invalid overrides for messages.inbound.rcs.reply: overrides.reply.idd is not a field of reply in messages.inbound.rcs.reply (did you mean "id"?); it has id, title, description. Overrides change fields the payload has, with values of their type; "vws show messages.inbound.rcs.reply" prints one.',
    );
  });

  it('names a value of the wrong kind, with the kind the field has and an example', () => {
    expect(messageOf(() => checkOverrides({ reply: { id: 7 } }, reply))).toContain(
      'overrides.reply.id is a string in messages.inbound.rcs.reply, not a number: give a string such as "slot_9am"',
    );
    expect(messageOf(() => checkOverrides({ reply: [] }, reply))).toContain(
      'overrides.reply is an object in messages.inbound.rcs.reply, not an array',
    );
  });

  it('takes null only where the payload has it', () => {
    const answered: OverrideTarget = { event: 'voice.event.answered', fixedHint: 'x' };
    expect(checkOverrides({ network: null, rate: null }, answered)).toEqual({ network: null, rate: null });
    expect(messageOf(() => checkOverrides({ from: null }, answered))).toContain(
      'overrides.from is a string in voice.event.answered, not null',
    );
  });

  it('refuses a value the event fixes, saying what to do instead', () => {
    expect(messageOf(() => checkOverrides({ message_type: 'image', channel: 'rcs' }, reply))).toContain(
      'overrides.message_type is always "reply" in messages.inbound.rcs.reply, as the event\'s name says: pick another event',
    );
  });

  it('refuses a field the push reserves, with the reason', () => {
    const target: OverrideTarget = { ...reply, reserved: { client_ref: 'set it with clientRef' } };
    expect(messageOf(() => checkOverrides({ client_ref: 'x' }, target))).toContain(
      'overrides.client_ref cannot be set on a push: set it with clientRef',
    );
  });

  it('checks each item of an array against the items of the field', () => {
    const content: OverrideTarget = { event: 'messages.inbound.mms.content', fixedHint: 'x' };
    const items = [{ type: 'image', url: 'https://example.com/a.jpg' }];
    expect(checkOverrides({ content: items }, content)).toEqual({ content: items });
    expect(messageOf(() => checkOverrides({ content: [{ type: 'image', link: 'x' }] }, content))).toContain(
      'overrides.content.0.link is not a field of content.0 in messages.inbound.mms.content',
    );
  });

  it('checks the v0.1 shape when the target names it', () => {
    const legacy: OverrideTarget = {
      event: 'messages.inbound.whatsapp.text',
      version: 'v0.1',
      fixedHint: 'x',
    };
    expect(checkOverrides({ from: { number: '447700900123' } }, legacy)).toBeDefined();
    expect(messageOf(() => checkOverrides({ from: '447700900123' }, legacy))).toContain(
      'overrides.from is an object in messages.inbound.whatsapp.text, not a string',
    );
  });

  it('lists every wrong field in one error', () => {
    const message = messageOf(() => checkOverrides({ reply: { id: 1 }, form: 'x' }, reply));
    expect(message).toContain('overrides.reply.id is a string');
    expect(message).toContain(
      'overrides.form is not a field of messages.inbound.rcs.reply (did you mean "from"?)',
    );
  });

  it('refuses overrides that are not an object, and values that are not JSON', () => {
    expect(messageOf(() => checkOverrides(['x'], reply))).toBe(
      'Invalid overrides (array) for messages.inbound.rcs.reply: give an object of payload fields, e.g. { "from": "447700900123" }.',
    );
    expect(messageOf(() => checkOverrides({ timestamp: new Date(0) }, reply))).toContain(
      'overrides.timestamp is a Date object, not a JSON value',
    );
    expect(messageOf(() => checkOverrides({ reply: { id: Number.NaN } }, reply))).toContain(
      'overrides.reply.id is NaN, not a JSON value',
    );
  });

  it('lets undefined remove a field the payload has, as generate does', () => {
    expect(checkOverrides({ client_ref: undefined }, reply)).toEqual({ client_ref: undefined });
  });
});

describe('foldParam', () => {
  it('gives the param or the override, and accepts both when they agree', () => {
    expect(foldParam({ from: 'a' }, 'from', undefined, ['from'])).toBe('a');
    expect(foldParam({}, 'from', { from: { number: 'b' } }, ['from', 'number'])).toBe('b');
    expect(foldParam({ from: 'c' }, 'from', { from: 'c' }, ['from'])).toBe('c');
    expect(foldParam({}, 'from', undefined, ['from'])).toBeUndefined();
  });

  it('refuses a param and an override that disagree, naming both', () => {
    expect(messageOf(() => foldParam({ from: 'a' }, 'from', { msisdn: 'b' }, ['msisdn']))).toBe(
      'from "a" and overrides.msisdn "b" set the same payload field: give it once (either way).',
    );
  });
});

describe('applyOverrides', () => {
  it('deep-merges objects, replaces arrays and removes a field set to undefined', () => {
    const payload = { a: { b: 1, c: 2 }, list: [1, 2, 3], gone: 'x' };
    expect(applyOverrides(payload, { a: { c: 3 }, list: [9], gone: undefined })).toEqual({
      a: { b: 1, c: 3 },
      list: [9],
    });
    expect(applyOverrides(payload, undefined)).toBe(payload);
  });
});

describe('toInboundMessageParams', () => {
  it('maps the convenience values to the fields of the asked shape', () => {
    expect(
      toInboundMessageParams('messenger', {
        webhookVersion: 'v0.1',
        from: '1234567890',
        overrides: { from: { id: '1234567890' } },
      }),
    ).toMatchObject({ channel: 'messenger', webhookVersion: 'v0.1', from: '1234567890' });
    expect(
      toInboundMessageParams('rcs', { overrides: { message_uuid: 'u-1', from: '447700900123' } }),
    ).toMatchObject({ messageUuid: 'u-1', from: '447700900123' });
  });

  it('refuses an unknown param, a channel or type the catalog lacks, and a version the event lacks', () => {
    expect(messageOf(() => toInboundMessageParams('rcs', { overide: {} }))).toContain(
      'pushInboundMessage: unknown param "overide". Did you mean "overrides"?',
    );
    expect(messageOf(() => toInboundMessageParams('pigeon', {}))).toContain(
      'Unknown Messages channel "pigeon"',
    );
    expect(messageOf(() => toInboundMessageParams('sms', { messageType: 'image' }))).toBe(
      'Channel "sms" has no inbound "image" message: use one of text.',
    );
    expect(messageOf(() => toInboundMessageParams('rcs', { webhookVersion: 'v0.1' }))).toBe(
      'Unknown webhookVersion "v0.1" for messages.inbound.rcs.text: use "v1" (the catalog has no other shape of this event).',
    );
    expect(messageOf(() => toInboundMessageParams('rcs', { messageType: 'image', text: 'x' }))).toContain(
      'text sets the text of a "text" message',
    );
  });
});

describe('toInboundSmsParams', () => {
  it('takes overrides.text as the whole message, so that it splits into parts', () => {
    const long = 'x'.repeat(200);
    expect(toInboundSmsParams({ overrides: { text: long, msisdn: '447700900123' } })).toMatchObject({
      text: long,
      from: '447700900123',
    });
  });

  it('refuses per-part fields of a long message, signing fields, and a concatRef for one part', () => {
    expect(
      messageOf(() =>
        toInboundSmsParams({ text: 'x'.repeat(200), overrides: { messageId: 'A', 'concat-part': '1' } }),
      ),
    ).toContain(
      'overrides.messageId cannot be set on a push: each part has its own; pass messageIds, one per part',
    );
    expect(messageOf(() => toInboundSmsParams({ overrides: { sig: 'x' } }))).toContain('signing adds it');
    expect(messageOf(() => toInboundSmsParams({ text: 'Hi', concatRef: '7' }))).toContain(
      'concatRef needs a text of more than one part',
    );
    expect(messageOf(() => toInboundSmsParams({ text: 'Hi', overrides: { type: 'unicode' } }))).toContain(
      'overrides.type is always "text" in sms.inbound.text',
    );
  });
});

describe('toIncomingCallParams', () => {
  it('makes the answer request overrides of the shared fields the call params', () => {
    expect(
      toIncomingCallParams({
        overrides: {
          from: '447700900123',
          conversation_uuid: 'CON-x',
          region_url: 'https://api-us-3.vonage.com',
        },
      }),
    ).toMatchObject({ from: '447700900123', conversationUuid: 'CON-x' });
  });

  it('refuses params of the wrong kind', () => {
    expect(messageOf(() => toIncomingCallParams({ from: 447700900123 }))).toBe(
      'pushIncomingCall: from must be a string, not 447700900123.',
    );
    expect(messageOf(() => toIncomingCallParams({ steps: 'input' }))).toBe(
      'pushIncomingCall: steps must be an array, not "input".',
    );
  });
});
