import type { RouteSpec } from '../conversation.js';
import type { EndUserStep } from '../end-user-script.js';

/** How Vonage gets the first NCCO: the answer URL (the request's, or the application's when `null`) or inline. */
export type AnswerSource = RouteSpec | { readonly ncco: readonly unknown[] } | null;

/** Everything a call needs to run: who, where its webhooks go, who answers and how. */
export interface VoiceCallPlan {
  readonly direction: 'inbound' | 'outbound';
  /** The caller's number (inbound) or yours (outbound), E.164 without `+`; drawn when absent. */
  readonly from?: string;
  /** Your number (inbound) or the callee's; drawn when absent. */
  readonly to?: string;
  /** The callee's endpoint when it is not a phone (`sip`, `app`, `websocket`, `vbc`), shown in `to`. */
  readonly toLabel?: string;
  readonly uuid: string;
  readonly conversationUuid: string;
  readonly answer: AnswerSource;
  /** The call's event URL from the request; else the application's. */
  readonly eventRoute?: RouteSpec;
  /** The application's fallback answer URL, when it has one. */
  readonly fallbackRoute?: RouteSpec;
  /** The caller (inbound) or the callee (outbound). */
  readonly person: readonly EndUserStep[];
  readonly machineDetection?: 'continue' | 'hangup';
  readonly advancedMachineDetection?: {
    readonly behavior: 'continue' | 'hangup';
    readonly mode: 'default' | 'detect' | 'detect_beep';
  };
  /** Seconds an outbound call rings before `timeout` (default 60). */
  readonly ringingTimer?: number;
  /** Seconds an answered call may last (default 7200). */
  readonly lengthTimer?: number;
  /** Merged last into the answer request (`pushIncomingCall` overrides). */
  readonly answerOverrides?: Record<string, unknown>;
  /** How an unanswered outbound call ends when a scripted outcome says (`scriptOutcome`): default by the callee's script. */
  readonly ringOutcome?: 'unanswered' | 'timeout' | 'cancelled';
  /** Send a zero-length `completed` after a failure status (decision 081; reference run-time.md#which-failure-statuses-are-followed-by-completed). */
  readonly completedAfterFailure?: boolean;
}

/** A call as an API request or a push asks for it; the fake adds the fallback URL and the person's script. */
export type VoiceCallRequest = Omit<VoiceCallPlan, 'person' | 'fallbackRoute' | 'completedAfterFailure'> & {
  /** The person's script when the request gives one (a push's `caller`); else the fake's defaults. */
  readonly person?: readonly EndUserStep[];
};
