import { describe, expectTypeOf, it } from 'vitest';
import type { WebhookEventMap } from '../../../fixtures/events.js';
import type { SendOutcome } from '../conversation.js';
import { build, type LegStatusEventName, send, status } from './call-events.js';
import type { LegState, VoiceCall } from './call-state.js';

declare const call: VoiceCall;
declare const leg: LegState;

// Issue 10: the webhooks the voice engine writes are typed by event, as a scenario's overrides
// are, so a wrong key is a compile error instead of a field that reaches the app at run time.
describe('voice engine webhook types (issue 10)', () => {
  it('builds the payload type of the event, from overrides of its keys', () => {
    expectTypeOf(build(call, 'voice.event.record', { size: 4_000 })).toEqualTypeOf<
      WebhookEventMap['voice.event.record']
    >();
    build(call, 'voice.event.input.dtmf', { dtmf: { digits: '1' } });
    build(call, 'voice.answer.inbound', (base) => (base.region_url === undefined ? {} : { region_url: 'x' }));
  });

  it('rejects an override key the event does not have', () => {
    // @ts-expect-error: a record event has `recording_url`, not `recordingUrl`
    build(call, 'voice.event.record', { recordingUrl: 'https://example.com/r' });
    // @ts-expect-error: a nested key the DTMF result does not have
    build(call, 'voice.event.input.dtmf', { dtmf: { keys: '1' } });
    // @ts-expect-error: the Voice API sends `size` as a number
    build(call, 'voice.event.record', { size: '4000' });
    // @ts-expect-error: the function form's returned keys are checked too
    build(call, 'voice.answer.inbound', () => ({ regionUrl: 'x' }));
  });

  it('sends only a payload of the event it names', () => {
    const record = build(call, 'voice.event.record', {});
    expectTypeOf(send(call, leg, 'voice.event.record', record, 'voice-event', undefined)).toEqualTypeOf<
      Promise<SendOutcome>
    >();
    const notify = build(call, 'voice.event.notify', {});
    // @ts-expect-error: a notify payload is not a record event's
    send(call, leg, 'voice.event.record', notify, 'voice-event', undefined);
    // @ts-expect-error: a key the notify payload does not have
    send(call, leg, 'voice.event.notify', { ...notify, reason: 'x' }, 'voice-event', undefined);
  });

  it('sends status events only, with overrides of that status', () => {
    status(call, leg, 'voice.event.busy', { sip_code: 486 });
    status(call, leg, 'voice.event.rejected', { detail: 'declined', sip_code: 603 });
    // @ts-expect-error: `sipCode` is not a key of a busy event (`sip_code` is)
    status(call, leg, 'voice.event.busy', { sipCode: 486 });
    // @ts-expect-error: `declined` is a detail of `rejected`, not of `failed`
    status(call, leg, 'voice.event.failed', { detail: 'declined' });
    // @ts-expect-error: the error event is no call status (reference voice.md#call-status-events)
    status(call, leg, 'voice.event.error');
    expectTypeOf<LegStatusEventName>().toEqualTypeOf<
      | 'voice.event.started'
      | 'voice.event.ringing'
      | 'voice.event.answered'
      | 'voice.event.busy'
      | 'voice.event.cancelled'
      | 'voice.event.unanswered'
      | 'voice.event.rejected'
      | 'voice.event.failed'
      | 'voice.event.timeout'
      | 'voice.event.completed'
    >();
  });
});
