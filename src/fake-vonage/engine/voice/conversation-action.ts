import { str } from './action-fields.js';
import { note } from './call-events.js';
import { NEXT, type Payload, type Step, type VoiceCall } from './call-state.js';
import { afterInterrupt, waitUntil } from './call-wait.js';
import { sendRecording } from './send-recording.js';

/**
 * The NCCO `conversation` action: the leg joins the named conversation and stays until it hangs up
 * or the conversation ends; `endOnExit` ends it for all, `record: true` records it (reference run-time.md#action-by-action).
 */
export async function runConversation(call: VoiceCall, action: Payload): Promise<Step> {
  const { host, main, state } = call;
  const name = str(action.name) ?? '';
  // A name is the application's own: the same name in another application is another conversation.
  const key = `${call.deps.applicationId}:${name}`;
  let room = state.conferences.get(key);
  if (room === undefined) {
    room = { name, members: new Map(), started: false };
    state.conferences.set(key, room);
  }
  const moderator = action.startOnEnter !== false;
  const endOnExit = action.endOnExit === true;
  note(call, {
    leg: main.label,
    kind: 'action',
    action: 'conversation',
    detail: `joined "${name}"${moderator ? '' : ' (waits for a moderator)'}`,
  });
  const startAt = host.now();
  const self = room;
  const wakeMe = () => {
    call.conferenceEnded = true;
    host.interrupt();
  };
  self.members.set(main.voice.uuid, { moderator, end: wakeMe });
  if (moderator && !self.started) {
    self.started = true;
  } else if (!self.started) {
    note(call, {
      leg: main.label,
      kind: 'said',
      via: 'music-on-hold',
      text: str((action.musicOnHoldUrl as unknown[] | undefined)?.[0]) ?? 'music on hold',
    });
  }
  const stop = await waitUntil(call, Number.POSITIVE_INFINITY);
  self.members.delete(main.voice.uuid);
  const closing = endOnExit || self.members.size === 0;
  if (closing) {
    for (const member of [...self.members.values()]) member.end();
    self.members.clear();
    state.conferences.delete(key);
    if (action.record === true)
      await sendRecording(
        call,
        main,
        { eventUrl: action.eventUrl, eventMethod: action.eventMethod },
        startAt,
        host.now(),
        '',
      );
  }
  return stop === null ? NEXT : afterInterrupt(call, stop);
}
