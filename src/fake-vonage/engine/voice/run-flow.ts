import { isRecord } from '../../../internal/is-record.js';
import { str } from './action-fields.js';
import { takeCommand } from './call-control.js';
import { note } from './call-events.js';
import { NEXT, type Step, type VoiceCall } from './call-state.js';
import { afterInterrupt } from './call-wait.js';
import { runConnect } from './connect-action.js';
import { runConversation } from './conversation-action.js';
import { runInput } from './input-action.js';
import { runNotify } from './notify-action.js';
import { playPrompt } from './prompt-action.js';
import { runRecord } from './record-action.js';
import { runWait } from './wait-action.js';

/** New NCCOs a call may take within {@link LOOP_WINDOW_MS} of virtual time before the fake calls it a loop. */
export const MAX_REPLACEMENTS_AT_ONCE = 100;
/** The virtual time in which more than {@link MAX_REPLACEMENTS_AT_ONCE} new NCCOs make a loop. */
export const LOOP_WINDOW_MS = 1_000;
/** Transcript entries a call may reach before the fake ends it (a bound on memory). */
export const MAX_TRANSCRIPT_ENTRIES = 50_000;

/** Runs one NCCO action; an action the fake does not simulate is noted and the flow goes on. */
async function runAction(call: VoiceCall, action: unknown): Promise<Step> {
  if (!isRecord(action)) return NEXT;
  const name = str(action.action) ?? '';
  if (['input', 'record', 'notify', 'wait', 'conversation'].includes(name)) {
    note(call, { leg: call.main.label, kind: 'action', action: name });
  }
  switch (name) {
    case 'talk':
      return playPrompt(call, action, 'talk');
    case 'stream':
      return playPrompt(call, action, 'stream');
    case 'input':
      return runInput(call, action);
    case 'record':
      return runRecord(call, action);
    case 'notify':
      return runNotify(call, action);
    case 'wait':
      return runWait(call, action);
    case 'connect':
      return runConnect(call, action);
    case 'conversation':
      return runConversation(call, action);
    default:
      // transfer, pay and actions the sender's NCCO check already reported (docs/decisions/107).
      note(call, {
        leg: call.main.label,
        kind: 'action',
        action: name,
        detail: 'not simulated: the flow goes on',
      });
      return NEXT;
  }
}

/** Runs NCCOs until the flow runs out or the call ends. */
export async function runFlow(call: VoiceCall, ncco: readonly unknown[]): Promise<Step & { kind: 'end' }> {
  const { host } = call;
  let actions = ncco;
  let index = 0;
  let instant = Number.NaN;
  let replacements = 0;
  while (index < actions.length) {
    if (call.transcript.length > MAX_TRANSCRIPT_ENTRIES) {
      return {
        kind: 'end',
        by: 'platform',
        reason: `the call ran past ${MAX_TRANSCRIPT_ENTRIES} transcript entries, so the fake ended it`,
      };
    }
    // A hang-up or transfer that came while a webhook was in flight acts before the next action.
    const command = takeCommand(call);
    const step =
      command === undefined ? await runAction(call, actions[index]) : await afterInterrupt(call, command);
    index += 1;
    if (step.kind === 'end') return step;
    if (step.kind === 'replace') {
      // A flow that hands itself a new NCCO without time passing (notify answered with notify)
      // would never end: Vonage spends time on each request; the fake ends the call instead.
      if (Number.isNaN(instant) || host.now() - instant >= LOOP_WINDOW_MS) {
        instant = host.now();
        replacements = 0;
      }
      replacements += 1;
      if (replacements > MAX_REPLACEMENTS_AT_ONCE) {
        return {
          kind: 'end',
          by: 'platform',
          reason: `the NCCO looped: over ${MAX_REPLACEMENTS_AT_ONCE} new NCCOs within ${LOOP_WINDOW_MS / 1000} s, so the fake ended the call`,
        };
      }
      actions = step.ncco;
      index = 0;
      call.barged = undefined;
      call.bargeInOn = false;
    }
  }
  return { kind: 'end', by: 'platform', reason: 'the NCCO ran out' };
}
