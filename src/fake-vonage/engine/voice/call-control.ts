import type { CallCommand, LegControl } from '../../account/state.js';
import type { Interrupt, LegState, VoiceCall } from './call-state.js';

// REST call control reaches the conversation here (docs/decisions/107, reference run-time.md#call-control-during-a-call).
/**
 * How REST call control reaches a leg of the call: what only plays into the call is noted, a
 * hang-up or transfer goes to the call's inbox and wakes the call.
 */
export const createCallControl =
  (call: VoiceCall, leg: LegState): LegControl =>
  (command: CallCommand) => {
    if (leg.ended) return;
    const { transcript } = call;
    const at = Math.round(call.host.now());
    switch (command.type) {
      case 'talk':
        transcript.push({ atMs: at, leg: leg.label, kind: 'said', via: 'api-talk', text: command.text });
        return;
      case 'stream':
        transcript.push({ atMs: at, leg: leg.label, kind: 'said', via: 'api-stream', text: command.url });
        return;
      case 'dtmf':
        transcript.push({ atMs: at, leg: leg.label, kind: 'said', via: 'api-dtmf', text: command.digits });
        return;
      case 'transfer':
        if (leg !== call.main) {
          // The NCCO runner plays the call's own leg; a connected leg's flow is not simulated.
          transcript.push({
            atMs: at,
            leg: leg.label,
            kind: 'action',
            action: 'api transfer',
            detail: 'not simulated on a connected leg',
          });
          return;
        }
        transcript.push({ atMs: at, leg: leg.label, kind: 'action', action: `api ${command.type}` });
        call.inbox.push({ leg: leg.label, command });
        call.host.interrupt();
        return;
      case 'hangup':
        transcript.push({ atMs: at, leg: leg.label, kind: 'action', action: `api ${command.type}` });
        call.inbox.push({ leg: leg.label, command });
        call.host.interrupt();
        return;
      default:
        transcript.push({ atMs: at, leg: leg.label, kind: 'action', action: `api ${command.type}` });
    }
  };

/** The next REST command that changes the flow, taken from the inbox (hang-up, transfer). */
export function takeCommand(call: VoiceCall): Interrupt | undefined {
  if (call.conferenceEnded) return { kind: 'conference-ended' };
  const message = call.inbox.shift();
  if (message === undefined) return undefined;
  if (message.command.type === 'hangup') {
    return message.leg === call.main.label ? { kind: 'api-hangup' } : { kind: 'leg-api-hangup' };
  }
  if (message.command.type === 'transfer') {
    return 'ncco' in message.command
      ? { kind: 'transfer', ncco: message.command.ncco }
      : { kind: 'transfer', ncco: null, url: message.command.url };
  }
  return takeCommand(call);
}
