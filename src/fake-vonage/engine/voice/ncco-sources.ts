import type { WebhookEventMap } from '../../../fixtures/events.js';
import type { DeepPartial } from '../../../fixtures/shared/types.js';
import type { EventNameStartingWith } from '../../../scenarios/scenario-context.js';
import type { RouteSpec, SendOutcome } from '../conversation.js';
import { build, send, sendError } from './call-events.js';
import { type LegState, NEXT, type Step, type VoiceCall } from './call-state.js';

/** The answer request of a phone call, to a call the fake places or one it brings in. */
type AnswerEventName = 'voice.answer.inbound' | 'voice.answer.outbound';

/** The webhooks whose answer may be an NCCO (input results, notify): instruction webhooks. */
export type InstructionEventName = EventNameStartingWith<'voice.event.input.'> | 'voice.event.notify';

/** Vonage's fallback `reason` for a failed answer (reference run-time.md#answer-url-failure-and-invalid-ncco, pr2491). */
export function toFallbackReason(outcome: SendOutcome): string {
  if (outcome.outcome === 'ncco_invalid') return 'Invalid NCCO.';
  if (outcome.outcome === 'timed_out') return 'Socket timeout.';
  if (outcome.outcome === 'connection_reset') return 'Connection reset.';
  if (outcome.status !== null) return 'Invalid response code.';
  return 'Connection closed.';
}

const answerEvent = (call: VoiceCall): AnswerEventName =>
  call.plan.direction === 'inbound' ? 'voice.answer.inbound' : 'voice.answer.outbound';

function answerPayload(call: VoiceCall): WebhookEventMap[AnswerEventName] {
  const { main, plan } = call;
  const base = build(call, answerEvent(call), (generated) => {
    const fields = {
      to: main.to,
      from: main.voice.from,
      conversation_uuid: main.voice.conversationUuid,
      uuid: main.voice.uuid,
      ...(generated.region_url === undefined ? {} : { region_url: main.voice.regionUrl }),
    } satisfies DeepPartial<WebhookEventMap[AnswerEventName]>;
    // A push's overrides (a record), checked against the answer request's schema by the push.
    return { ...fields, ...(plan.answerOverrides ?? {}) };
  });
  return base;
}

function describeAnswer(outcome: SendOutcome, what: string): string {
  if (outcome.notSent !== null) return `${what} was not requested: ${outcome.notSent.replace(/\.\s*$/, '')}`;
  if (outcome.outcome === 'ncco_invalid') {
    const issue = outcome.nccoIssues[0];
    return `${what} answered an invalid NCCO${issue === undefined ? '' : ` (${issue.path}: ${issue.reason})`}`;
  }
  if (outcome.ok) return `${what} answered no NCCO`;
  return `${what} failed (${outcome.status === null ? outcome.outcome : `HTTP ${outcome.status}`})`;
}

/**
 * The answer URL's NCCO (or a transfer URL's), with Vonage's failure path: an invalid NCCO sends
 * the error event; a failure of any kind goes to the fallback answer URL (reference run-time.md#answer-url-failure-and-invalid-ncco).
 */
export async function fetchNcco(
  call: VoiceCall,
  route: RouteSpec | null,
  kind: 'answer' | 'transfer',
): Promise<readonly unknown[] | null> {
  const { main, plan } = call;
  const event = answerEvent(call);
  const payload = answerPayload(call);
  const answered = await send(call, main, event, payload, 'voice-answer', route ?? undefined);
  if (answered.ok && answered.ncco !== null) return answered.ncco;
  call.answerFailure = describeAnswer(answered, `the ${kind} URL`);
  call.answerFailureReason = toFallbackReason(answered);
  if (answered.outcome === 'ncco_invalid') {
    call.answerErrorSent = true;
    await sendError(call, main, 'Syntax error in NCCO. Invalid value type or action.');
  }
  if (answered.notSent !== null) return null;
  if (plan.fallbackRoute === undefined) {
    call.answerFailure += ', and the application has no fallback answer URL';
    return null;
  }
  const fallback = await send(
    call,
    main,
    'voice.fallback.answer',
    build(call, 'voice.fallback.answer', {
      ...payload,
      reason: toFallbackReason(answered),
      original_request: { url: answered.url ?? '', type: 'answer' },
    }),
    'voice-fallback',
    plan.fallbackRoute,
  );
  if (fallback.ok && fallback.ncco !== null) return fallback.ncco;
  call.answerFailure += `, and ${describeAnswer(fallback, 'the fallback answer URL')}`;
  return null;
}

/** An instruction webhook (input, notify): its NCCO, else the fallback's, else carry on. */
export async function instruction<TName extends InstructionEventName>(
  call: VoiceCall,
  leg: LegState,
  event: TName,
  payload: WebhookEventMap[TName],
  route: RouteSpec | undefined,
): Promise<Step> {
  const { plan } = call;
  const outcome = await send(call, leg, event, payload, 'voice-event', route ?? leg.route);
  if (outcome.ok) return outcome.ncco === null ? NEXT : { kind: 'replace', ncco: outcome.ncco };
  if (plan.fallbackRoute === undefined || outcome.notSent !== null) return NEXT;
  const fallback = await send(
    call,
    leg,
    'voice.fallback.event',
    // The same data as the original request (reference voice.md#fallback-answer-url): for a notify
    // that is its `payload`, a key the fallback event's type (an input result's data) does not list.
    build(call, 'voice.fallback.event', {
      ...payload,
      reason: toFallbackReason(outcome),
      original_request: { url: outcome.url ?? '', type: 'event' },
    }),
    'voice-fallback',
    plan.fallbackRoute,
  );
  return fallback.ok && fallback.ncco !== null ? { kind: 'replace', ncco: fallback.ncco } : NEXT;
}
