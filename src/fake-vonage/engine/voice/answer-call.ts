import { type EndUserStep, formatEndUserStep } from '../end-user-script.js';
import { note, pause, status } from './call-events.js';
import type { Transfer, VoiceCall } from './call-state.js';
import { finish, unanswered } from './end-call.js';
import { detect } from './machine-detection.js';
import { fetchNcco } from './ncco-sources.js';
import { Person } from './person.js';

/** An NCCO to run, or `undefined` when the call ended (or the fake stopped) before it was answered. */
type AnswerResult = readonly unknown[] | undefined;

/**
 * Waits before the call is answered; a REST hang-up or transfer of the call ends the wait
 * (reference run-time.md#call-control-during-a-call), and stays acted on: `hangup`, or the NCCO to run instead.
 */
async function ringWait(call: VoiceCall, at: number): Promise<'hangup' | 'cancelled' | null> {
  const { host, inbox } = call;
  for (;;) {
    if (host.cancelled()) return 'cancelled';
    const index = inbox.findIndex((message) => message.leg === call.main.label);
    if (index >= 0) {
      const [message] = inbox.splice(index, 1);
      const command = message?.command;
      if (command?.type === 'hangup') return 'hangup';
      // The call keeps ringing; the transfer's NCCO replaces the answer URL's once it is answered.
      if (command?.type === 'transfer') {
        call.earlyTransfer = 'ncco' in command ? { ncco: command.ncco } : { ncco: null, url: command.url };
      }
      continue;
    }
    if (host.now() >= at) return null;
    await host.sleepUntil(at);
  }
}

/** The NCCO of a transfer before the answer (fetched, for a URL). */
const transferred = async (call: VoiceCall, transfer: Transfer) =>
  transfer.ncco ?? (await fetchNcco(call, { url: transfer.url ?? '', method: 'GET' }, 'transfer'));

/** The first NCCO: inline, or fetched from the answer URL. */
async function answerNcco(call: VoiceCall): Promise<readonly unknown[] | null> {
  const { answer } = call.plan;
  return answer !== null && 'ncco' in answer ? answer.ncco : await fetchNcco(call, answer, 'answer');
}

/** Machine detection on the call's own leg; ends the call when it hangs up on a machine. */
async function machineHungUp(call: VoiceCall, machine: boolean): Promise<boolean> {
  const { plan } = call;
  if (await detect(call, call.main, machine, plan.machineDetection, plan.advancedMachineDetection)) {
    await finish(call, { by: 'platform', reason: 'a machine answered and machine detection hung up' }, true);
    return true;
  }
  return false;
}

/**
 * An inbound call: the answer URL first, then `started` and `ringing` while Vonage connects the
 * caller; a hang-up by REST before the answer ends it unanswered.
 */
export async function answerInbound(call: VoiceCall): Promise<AnswerResult> {
  const { faker, host, main } = call;
  await pause(call, 200, 900);
  let ncco = await answerNcco(call);
  if (host.cancelled()) return undefined;
  for (const [min, max, event] of [
    [50, 400, 'voice.event.started'],
    [20, 300, 'voice.event.ringing'],
    [50, 600, null],
  ] as const) {
    const waited = await ringWait(call, host.now() + faker.number.int({ min, max }));
    if (waited === 'cancelled') return undefined;
    if (waited === 'hangup') {
      await finish(
        call,
        {
          by: 'platform',
          reason: 'the app hung up (PUT /v1/calls/:uuid hangup) before the call was answered',
        },
        false,
      );
      return undefined;
    }
    if (event !== null) await status(call, main, event);
  }
  if (call.earlyTransfer !== undefined) ncco = await transferred(call, call.earlyTransfer);
  if (ncco === null) {
    await unanswered(call, 'Vonage ended the call unanswered');
    return undefined;
  }
  return ncco;
}

/** The app hung up an outbound call while it rang: `cancelled` (reference run-time.md#outbound-call-lifecycle #5). */
async function cancelRinging(call: VoiceCall): Promise<AnswerResult> {
  await status(call, call.main, 'voice.event.cancelled');
  if (call.plan.completedAfterFailure === true)
    await finish(call, { by: 'platform', reason: 'the call was cancelled before it was answered' }, false);
  return undefined;
}

/** The callee rejects the call or it cannot be routed: `rejected` or `failed` at once. */
async function refuseCall(
  call: VoiceCall,
  first: Extract<EndUserStep, { kind: 'reject' | 'fail' }>,
): Promise<AnswerResult> {
  const { main } = call;
  call.person.take();
  note(call, { leg: main.label, kind: 'did', step: formatEndUserStep(first) });
  await status(
    call,
    main,
    first.kind === 'reject' ? 'voice.event.rejected' : 'voice.event.failed',
    first.kind === 'reject'
      ? { detail: 'declined', sip_code: 603 }
      : { detail: 'cannot_route', sip_code: 404 },
  );
  if (call.plan.completedAfterFailure === true)
    await finish(
      call,
      { by: 'user', reason: `the call was ${first.kind === 'reject' ? 'rejected' : 'not connected'}` },
      false,
    );
  return undefined;
}

/** How long the phone rang and the limits on it (ms). */
interface Ringing {
  readonly ringFor: number;
  readonly ringingTimer: number;
  readonly carrierTimeout: number;
}

/** Nobody picks up: `busy`, `unanswered`, `timeout`, or the app cancels, as the script or the timers say. */
async function ringOut(
  call: VoiceCall,
  first: EndUserStep | undefined,
  ringing: Ringing,
): Promise<AnswerResult> {
  const { faker, host, main, plan } = call;
  const { ringFor, ringingTimer, carrierTimeout } = ringing;
  if (first?.kind === 'busy' || first?.kind === 'no_answer') {
    call.person.take();
    note(call, { leg: main.label, kind: 'did', step: formatEndUserStep(first) });
  }
  const outcome =
    first?.kind === 'busy'
      ? 'busy'
      : (plan.ringOutcome ??
        (first?.kind === 'no_answer' && carrierTimeout < ringingTimer ? 'unanswered' : 'timeout'));
  const endsAt =
    outcome === 'busy'
      ? Math.min(ringFor, ringingTimer)
      : outcome === 'unanswered'
        ? carrierTimeout
        : outcome === 'cancelled'
          ? faker.number.int({ min: 2_000, max: 30_000 })
          : ringingTimer;
  const waited = await ringWait(call, host.now() + endsAt);
  if (waited === 'cancelled') return undefined;
  if (waited === 'hangup' || outcome === 'cancelled') return cancelRinging(call);
  await status(
    call,
    main,
    `voice.event.${outcome}`,
    outcome === 'busy'
      ? { sip_code: 486 }
      : outcome === 'unanswered'
        ? { detail: 'timeout', sip_code: 480 }
        : {},
  );
  if (plan.completedAfterFailure === true)
    await finish(
      call,
      { by: 'user', reason: outcome === 'busy' ? 'the callee was busy' : 'nobody answered' },
      false,
    );
  return undefined;
}

/** The callee answers (a person, or a machine for `voicemail`): `answered`, machine detection, the NCCO. */
async function pickUp(call: VoiceCall, first: EndUserStep | undefined): Promise<AnswerResult> {
  const { host, main, plan } = call;
  const machine = first?.kind === 'voicemail';
  if (first?.kind === 'answer' || machine) {
    call.person.take();
    note(call, { leg: main.label, kind: 'did', step: formatEndUserStep(first) });
  }
  main.answeredAt = host.now();
  call.person = new Person(plan.person.slice(first?.kind === 'answer' || machine ? 1 : 0), host.now());
  await status(call, main, 'voice.event.answered');
  const detecting = plan.machineDetection !== undefined || plan.advancedMachineDetection !== undefined;
  // Asynchronous detection (advanced, mode default) reports once the NCCO has started
  // (reference run-time.md#outbound-call-lifecycle #10).
  const asynchronous = plan.advancedMachineDetection?.mode === 'default';
  if (detecting && !asynchronous) {
    await pause(call, 2_000, 4_500);
    if (await machineHungUp(call, machine)) return undefined;
  }
  const ncco =
    call.earlyTransfer !== undefined ? await transferred(call, call.earlyTransfer) : await answerNcco(call);
  if (host.cancelled()) return undefined;
  if (ncco === null) {
    await unanswered(call, 'Vonage hung up');
    return undefined;
  }
  if (detecting && asynchronous) {
    await pause(call, 1_000, 3_000);
    if (await machineHungUp(call, machine)) return undefined;
  }
  return ncco;
}

/**
 * An outbound call: `started`, then the callee's script decides: rejected, failed, busy, no answer,
 * or an answer (by a person or a machine) after ringing; the app may cancel it while it rings.
 */
export async function answerOutbound(call: VoiceCall): Promise<AnswerResult> {
  const { faker, host, main, plan } = call;
  let early = await ringWait(call, host.now() + faker.number.int({ min: 100, max: 400 }));
  if (early === 'cancelled') return undefined;
  await status(call, main, 'voice.event.started');
  if (early === 'hangup') return cancelRinging(call);
  const first = call.person.peek().step;
  if (first?.kind === 'reject' || first?.kind === 'fail') return refuseCall(call, first);
  early = await ringWait(call, host.now() + faker.number.int({ min: 500, max: 1_500 }));
  if (early === 'cancelled') return undefined;
  if (early === 'hangup') return cancelRinging(call);
  await status(call, main, 'voice.event.ringing');
  const ringingTimer = (plan.ringingTimer ?? 60) * 1000;
  const ringFor = faker.number.int({ min: 3_000, max: 8_000 });
  // A phone nobody answers: the network gives up after 15–45 s (unanswered), unless the ringing
  // timer ends it first (timeout); a scripted outcome may ask for either, or for the app to cancel.
  const carrierTimeout = faker.number.int({ min: 15_000, max: 45_000 });
  const noAnswer = first?.kind === 'no_answer' || plan.ringOutcome !== undefined;
  if (first?.kind === 'busy' || noAnswer || ringFor > ringingTimer) {
    return ringOut(call, first, { ringFor, ringingTimer, carrierTimeout });
  }
  const waited = await ringWait(call, host.now() + ringFor);
  if (waited === 'cancelled') return undefined;
  if (waited === 'hangup') return cancelRinging(call);
  return pickUp(call, first);
}
