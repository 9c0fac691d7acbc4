import { describe, expectTypeOf, it } from 'vitest';
import {
  type EventForms,
  type FormGroupInfo,
  type FormsOption,
  generate,
  generateParts,
  listForms,
  messages,
} from 'vonage-webhook-simulator';

describe('forms option (issue 12)', () => {
  it('types the groups and forms of each event from its definition', () => {
    expectTypeOf<EventForms<'messages.status.read.whatsapp'>>().toEqualTypeOf<{
      readonly timestamp?: 'milliseconds' | 'seconds';
    }>();
    expectTypeOf<FormsOption<'messages.status.read'>>().toExtend<
      'documented' | 'any' | { readonly timestamp?: 'milliseconds' | 'seconds' }
    >();
  });

  it('accepts documented, any and named forms of the event', () => {
    generate('messages.status.read.whatsapp', { forms: 'documented' });
    generate('messages.status.read.whatsapp', { forms: 'any', seed: 3 });
    generate('messages.status.read.whatsapp', { forms: { timestamp: 'seconds' } });
    generate('messages.status.read', { forms: { timestamp: 'seconds' }, overrides: { status: 'read' } });
    generateParts('messages.inbound.sms.text', { forms: { timestamp: 'milliseconds' } });
    messages.status.read.whatsapp({ forms: { timestamp: 'seconds' } });
    generate('rtc.member.joined', { forms: 'any' });
  });

  it('rejects a group or form the event does not have', () => {
    // @ts-expect-error a form the group does not have
    generate('messages.status.read.whatsapp', { forms: { timestamp: 'nanoseconds' } });
    // @ts-expect-error a group the event does not have
    generate('messages.status.read.whatsapp', { forms: { 'leg-id': 'hex32' } });
    // @ts-expect-error an event without form groups takes no named form
    generate('rtc.member.joined', { forms: { timestamp: 'seconds' } });
    // @ts-expect-error not a forms choice
    generate('messages.status.read.whatsapp', { forms: 'every' });
    // @ts-expect-error the namespaces are typed the same way
    messages.status.read.whatsapp({ forms: { timestamp: 'nanoseconds' } });
    // @ts-expect-error and so is generateParts
    generateParts('messages.inbound.sms.text', { forms: { profile: 'name-only' } });
  });

  it('lists forms as data', () => {
    expectTypeOf(listForms('sms.inbound')).toEqualTypeOf<readonly FormGroupInfo[]>();
  });
});
