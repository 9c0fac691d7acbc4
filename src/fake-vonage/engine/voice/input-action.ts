import type { VoiceDtmfResult, VoiceSpeechOutput } from '../../../fixtures/voice/types.js';
import { isRecord } from '../../../internal/is-record.js';
import type { EventNameStartingWith } from '../../../scenarios/scenario-context.js';
import { type EndUserStep, formatEndUserStep } from '../end-user-script.js';
import { actionRoute, num } from './action-fields.js';
import { build, note } from './call-events.js';
import { NEXT, type Payload, type Step, type VoiceCall } from './call-state.js';
import { afterInterrupt, waitUntil } from './call-wait.js';
import { instruction } from './ncco-sources.js';
import { KEY_GAP_MS, REACTION_MS, toSayingMs } from './voice-timing.js';

/** What an `input` listens for, with Vonage's defaults and bounds (reference run-time.md#action-by-action), times in ms. */
interface InputSettings {
  readonly dtmfOn: boolean;
  readonly speechOn: boolean;
  readonly maxDigits: number;
  readonly submitOnHash: boolean;
  readonly keyTimeout: number;
  readonly endOnSilence: number;
  readonly startTimeout: number;
  readonly maxDuration: number;
  /** How long the input waits for the person to start. */
  readonly window: number;
}

/** The input's result event, when it goes out, and its `dtmf` and `speech` halves. */
interface InputResult {
  readonly resultAt: number;
  readonly event: EventNameStartingWith<'voice.event.input.'>;
  readonly dtmf: VoiceDtmfResult;
  readonly speech: VoiceSpeechOutput | undefined;
}

function toInputSettings(action: Payload): InputSettings {
  const types = Array.isArray(action.type) ? action.type.map(String) : ['dtmf'];
  const dtmfOn = types.includes('dtmf');
  const speechOn = types.includes('speech');
  const dtmf = isRecord(action.dtmf) ? action.dtmf : {};
  const speech = isRecord(action.speech) ? action.speech : {};
  const keyTimeout = num(dtmf.timeOut, 3, 0, 10) * 1000;
  const startTimeout = num(speech.startTimeout, 10, 1, 10) * 1000;
  return {
    dtmfOn,
    speechOn,
    maxDigits: num(dtmf.maxDigits, 4, 1, 20),
    submitOnHash: dtmf.submitOnHash === true,
    keyTimeout,
    endOnSilence: num(speech.endOnSilence, 2, 0.4, 10) * 1000,
    startTimeout,
    maxDuration: num(speech.maxDuration, 60, 1, 60) * 1000,
    window: Math.max(dtmfOn ? keyTimeout : 0, speechOn ? startTimeout : 0),
  };
}

/** The keys the person pressed from `actAt`, as the input hears them; `undefined` when it takes speech only. */
function toKeysResult(
  call: VoiceCall,
  step: Extract<EndUserStep, { kind: 'press' }>,
  settings: InputSettings,
  actAt: number,
): InputResult | undefined {
  const { main, person } = call;
  person.readyAt = actAt;
  if (!settings.dtmfOn) {
    note(call, {
      leg: main.label,
      kind: 'did',
      step: formatEndUserStep(step),
      detail: 'not heard: the input takes speech only',
    });
    return undefined;
  }
  let digits = '';
  let endedAt = actAt;
  let submitted = false;
  for (const [index, key] of [...step.digits].entries()) {
    endedAt = actAt + index * KEY_GAP_MS;
    if (settings.submitOnHash && key === '#') {
      submitted = true;
      break;
    }
    digits += key;
    if (digits.length >= settings.maxDigits) {
      submitted = true;
      break;
    }
  }
  note(call, { leg: main.label, kind: 'did', step: formatEndUserStep(step) });
  person.readyAt = endedAt;
  return {
    resultAt: submitted ? endedAt : endedAt + settings.keyTimeout,
    event: 'voice.event.input.dtmf',
    dtmf: { digits, timed_out: !submitted },
    speech: settings.speechOn ? { results: [] } : undefined,
  };
}

/** The words the person said from `actAt`, as the input hears them; `undefined` when it takes DTMF only. */
function toSpeechResult(
  call: VoiceCall,
  step: Extract<EndUserStep, { kind: 'say' }>,
  settings: InputSettings,
  actAt: number,
): InputResult | undefined {
  const { main, person } = call;
  if (!settings.speechOn) {
    note(call, {
      leg: main.label,
      kind: 'did',
      step: formatEndUserStep(step),
      detail: 'not heard: the input takes DTMF only',
    });
    return undefined;
  }
  const spoken = toSayingMs(step.text);
  const cut = spoken > settings.maxDuration;
  const saidEnd = actAt + Math.min(spoken, settings.maxDuration);
  note(call, { leg: main.label, kind: 'did', step: formatEndUserStep(step) });
  person.readyAt = saidEnd;
  const confidence = step.confidence ?? call.faker.number.float({ min: 0.8, max: 0.99, fractionDigits: 8 });
  return {
    resultAt: cut ? saidEnd : saidEnd + settings.endOnSilence,
    event: 'voice.event.input.speech',
    dtmf: { digits: null, timed_out: false },
    speech: {
      timeout_reason: cut ? 'max_duration' : 'end_on_silence_timeout',
      results: [{ confidence: String(confidence), text: step.text }],
    },
  };
}

/**
 * The NCCO `input` action: the person's next `press` or `say` ends it as Vonage's DTMF and speech
 * settings say, else it times out; the result goes to the action's event URL (reference run-time.md#action-by-action).
 */
export async function runInput(call: VoiceCall, action: Payload): Promise<Step> {
  const { host, main, person } = call;
  if (action.mode === 'asynchronous') {
    call.asyncDtmf = { route: actionRoute(action) };
    note(call, {
      leg: main.label,
      kind: 'action',
      action: 'input',
      detail: 'listening for keys asynchronously',
    });
    return NEXT;
  }
  const settings = toInputSettings(action);
  const start = host.now();
  const wasBarged = call.barged;
  call.barged = undefined;
  call.bargeInOn = false;
  const { delay, step } = person.peek();
  const actAt = wasBarged !== undefined ? Math.max(start, wasBarged.at) : start + REACTION_MS + delay;

  let result: InputResult = {
    resultAt: start + settings.window,
    event: 'voice.event.input.timeout',
    dtmf: { digits: null, timed_out: settings.dtmfOn },
    speech: settings.speechOn ? { results: [], timeout_reason: 'start_timeout' } : undefined,
  };

  if (step?.kind === 'hang_up') {
    const interrupt = await waitUntil(call, Number.POSITIVE_INFINITY);
    return afterInterrupt(call, interrupt ?? { kind: 'caller-hangup' });
  }
  if (step === undefined || step.kind === 'silence') {
    if (step !== undefined) {
      person.take();
      note(call, { leg: main.label, kind: 'did', step: 'silence' });
    }
  } else if (actAt - start > settings.window && wasBarged === undefined) {
    // The person acts after the input gave up: the keys or words go nowhere.
    person.take();
    note(call, {
      leg: main.label,
      kind: 'did',
      step: formatEndUserStep(step),
      detail: 'too late: the input had timed out',
    });
  } else if (step.kind === 'press' || step.kind === 'say') {
    const interrupt = await waitUntil(call, actAt, false);
    if (interrupt !== null) return afterInterrupt(call, interrupt);
    person.take();
    const heard =
      step.kind === 'press'
        ? toKeysResult(call, step, settings, actAt)
        : toSpeechResult(call, step, settings, actAt);
    result = heard ?? result;
  } else {
    person.take();
  }
  const interrupt = await waitUntil(call, result.resultAt);
  if (interrupt !== null) return afterInterrupt(call, interrupt);
  const payload = build(call, result.event, {
    from: main.voice.from,
    to: main.to,
    uuid: main.voice.uuid,
    conversation_uuid: main.voice.conversationUuid,
  });
  payload.dtmf = result.dtmf;
  if (result.speech !== undefined) payload.speech = result.speech;
  return instruction(call, main, result.event, payload, actionRoute(action));
}
