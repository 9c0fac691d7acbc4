import { nextAsyncKey, sendAsyncKey } from './async-dtmf.js';
import { takeCommand } from './call-control.js';
import { note } from './call-events.js';
import { type Interrupt, NEXT, type RunningRecording, type Step, type VoiceCall } from './call-state.js';
import { fetchNcco } from './ncco-sources.js';
import { sendRecording } from './send-recording.js';

/** Sleeps until `at` unless the call is interrupted; finishes asynchronous recordings on the way. */
export async function waitUntil(call: VoiceCall, at: number, hangUps = true): Promise<Interrupt | null> {
  const { host, recordings } = call;
  for (;;) {
    // A command that came while the call was not waiting here (a webhook in flight, a pause).
    const command = takeCommand(call);
    if (command !== undefined) return command;
    const hang = hangUps ? call.person.hangUpAt() : undefined;
    const key = hangUps ? nextAsyncKey(call) : undefined;
    const recording = recordings.reduce<RunningRecording | undefined>(
      (first, each) => (first === undefined || each.endAt < first.endAt ? each : first),
      undefined,
    );
    const deadline = Math.min(
      at,
      hang ?? Number.POSITIVE_INFINITY,
      call.lengthEndAt,
      recording?.endAt ?? Number.POSITIVE_INFINITY,
      call.extraDeadline?.at ?? Number.POSITIVE_INFINITY,
      key?.at ?? Number.POSITIVE_INFINITY,
    );
    const reason = await host.sleepUntil(deadline);
    if (host.cancelled()) return { kind: 'cancelled' };
    if (reason === 'woken') continue;
    const now = host.now();
    if (recording !== undefined && now >= recording.endAt) {
      recordings.splice(recordings.indexOf(recording), 1);
      await sendRecording(call, recording.leg, recording.action, recording.startAt, recording.endAt, '');
      continue;
    }
    if (key !== undefined && now >= key.at) {
      call.asyncKeys.shift();
      await sendAsyncKey(call, key.digit);
      continue;
    }
    // What ends at this moment (a key that completes an input) happens before the hang-up.
    if (hang !== undefined && now >= hang && !(now >= at && hang >= at)) {
      call.person.take();
      note(call, { leg: call.main.label, kind: 'did', step: 'hang up' });
      return { kind: 'caller-hangup' };
    }
    if (now >= call.lengthEndAt) return { kind: 'limit' };
    if (call.extraDeadline !== undefined && now >= call.extraDeadline.at) return call.extraDeadline.interrupt;
    if (now >= at) return null;
  }
}

/** An interrupt as the step that follows it. */
export async function afterInterrupt(call: VoiceCall, interrupt: Interrupt): Promise<Step> {
  switch (interrupt.kind) {
    case 'caller-hangup':
      return { kind: 'end', by: 'user', reason: 'the caller hung up' };
    case 'api-hangup':
      return { kind: 'end', by: 'platform', reason: 'the app hung up (PUT /v1/calls/:uuid hangup)' };
    case 'limit':
      return { kind: 'end', by: 'platform', reason: 'the call reached its length limit' };
    case 'cancelled':
      return { kind: 'end', by: 'platform', reason: 'the fake was reset or closed' };
    case 'conference-ended':
      return { kind: 'end', by: 'platform', reason: 'the conversation ended' };
    case 'callee-done':
    case 'connect-limit':
    case 'leg-api-hangup':
      return NEXT;
    case 'transfer': {
      if (interrupt.ncco !== null) return { kind: 'replace', ncco: interrupt.ncco };
      const fetched = await fetchNcco(call, { url: interrupt.url ?? '', method: 'GET' }, 'transfer');
      return fetched === null
        ? { kind: 'end', by: 'platform', reason: call.answerFailure }
        : { kind: 'replace', ncco: fetched };
    }
  }
}
