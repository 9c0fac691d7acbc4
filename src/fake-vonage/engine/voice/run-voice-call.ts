import type { EngineContext } from '../conversation.js';
import { answerInbound, answerOutbound } from './answer-call.js';
import { createCallControl } from './call-control.js';
import { note, status } from './call-events.js';
import { hangUpLeg } from './call-legs.js';
import { createVoiceCall, type VoiceCall } from './call-state.js';
import { finish } from './end-call.js';
import { runFlow } from './run-flow.js';
import type { VoiceCallPlan } from './voice-call-plan.js';

/** The call from ring to end: answered (or not), its NCCOs run, then the platform's or the caller's hang-up. */
async function runCall(call: VoiceCall): Promise<void> {
  const { host, main, plan } = call;
  const ncco = plan.direction === 'inbound' ? await answerInbound(call) : await answerOutbound(call);
  if (ncco === undefined) return;
  if (plan.direction === 'inbound') {
    main.answeredAt = host.now();
    await status(call, main, 'voice.event.answered');
  }
  call.person.readyAt = host.now();
  call.lengthEndAt = host.now() + (plan.lengthTimer ?? 7200) * 1000;
  const end = await runFlow(call, ncco);
  if (host.cancelled()) return;
  await finish(call, end, true);
}

/**
 * Runs one call as Vonage does (docs/decisions/107): an inbound call fetches the answer URL; an
 * outbound call rings the callee, who answers or not as its script says, then fetches the answer URL
 * or runs the inline NCCO. The NCCO's actions run in order on the virtual clock; input results,
 * notify and synchronous connect events may return a new NCCO; the caller's script presses, speaks,
 * waits and hangs up; REST call control hangs up or transfers. Everything is in the transcript.
 */
export async function runVoiceCall(deps: EngineContext, plan: VoiceCallPlan): Promise<void> {
  const call = createVoiceCall(deps, plan);
  const { host, main, state } = call;
  state.callControls.set(main.voice.uuid, createCallControl(call, main));
  try {
    await runCall(call);
  } catch (error) {
    // A fault of the fake (never the app's): the call still ends, every leg with its completed.
    const message = error instanceof Error ? error.message : String(error);
    note(call, { leg: main.label, kind: 'action', action: 'error', detail: `the fake failed: ${message}` });
    if (!host.cancelled()) {
      for (const leg of call.connected) if (!leg.ended) await hangUpLeg(call, leg, 'platform');
      if (!main.ended)
        await finish(
          call,
          { by: 'platform', reason: `the fake failed: ${message}` },
          main.answeredAt !== undefined,
        );
    }
    throw error;
  } finally {
    for (const leg of [main, ...call.connected]) state.callControls.delete(leg.voice.uuid);
  }
}
