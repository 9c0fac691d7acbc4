import { isRecord } from '../../../internal/is-record.js';
import { actionRoute } from './action-fields.js';
import { build } from './call-events.js';
import type { Payload, Step, VoiceCall } from './call-state.js';
import { instruction } from './ncco-sources.js';

/** The NCCO `notify` action: its payload to its event URL; an NCCO answer replaces the flow. */
export async function runNotify(call: VoiceCall, action: Payload): Promise<Step> {
  const { main } = call;
  const payload = build(call, 'voice.event.notify', { conversation_uuid: main.voice.conversationUuid });
  // The action's payload as given: not merged with the fixture's sample.
  payload.payload = isRecord(action.payload) ? action.payload : {};
  return instruction(call, main, 'voice.event.notify', payload, actionRoute(action));
}
