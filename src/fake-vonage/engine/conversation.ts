import type { EventName } from '../../fixtures/events.js';
import type { NccoIssue } from '../../ncco/index.js';
import type { WebhookTarget } from '../../scenarios/types.js';
import type { FakeState } from '../account/state.js';
import type { WakeReason } from './clock.js';
import type { EndUserRole, EndUserStep } from './end-user-script.js';

/** A URL and method an NCCO action or API request names for its webhooks. */
export interface RouteSpec {
  readonly url: string;
  readonly method: 'GET' | 'POST';
}

/** A webhook a conversation sends now: built payload, the application URL it defaults to, or its own route. */
export interface SendRequest {
  readonly event: EventName;
  readonly payload: Record<string, unknown>;
  readonly target: WebhookTarget;
  /** The action's `eventUrl`/`eventMethod`, or the request's URL; else the application's setting. */
  readonly route?: RouteSpec;
  /** Read the answer as an NCCO although the event's answer is otherwise ignored (synchronous connect). */
  readonly readNcco?: boolean;
}

/** What came of a webhook: the app's answer as the conversation needs it. */
export interface SendOutcome {
  /** The delivery's position in `deliveries` order (its number in the transcript). */
  readonly delivery: number;
  readonly ok: boolean;
  /** Why it was not sent (no URL), else `null`. */
  readonly notSent: string | null;
  readonly url: string | null;
  readonly method: string;
  readonly status: number | null;
  readonly outcome: string;
  /** The NCCO the answer carried (valid, non-empty), else `null`. */
  readonly ncco: readonly unknown[] | null;
  readonly nccoIssues: readonly NccoIssue[];
}

/**
 * One line of a conversation's story, as the transcript keeps it: a status, what Vonage said or
 * played, what the person did, a webhook with the app's answer, an NCCO action, the end.
 *
 * @example
 * ```ts
 * import type { TranscriptEntry } from 'vonage-webhook-simulator';
 * const said = (transcript: readonly TranscriptEntry[]) =>
 *   transcript.flatMap((entry) => (entry.kind === 'said' ? [entry.text] : []));
 * ```
 */
export type TranscriptEntry =
  | {
      readonly atMs: number;
      readonly leg: string;
      readonly kind: 'status';
      readonly status: string;
      readonly detail?: string;
    }
  | {
      readonly atMs: number;
      readonly leg: string;
      readonly kind: 'said';
      /** What played: an NCCO `talk`/`stream`, one sent by REST (`api-talk`, `api-stream`, `api-dtmf`), or tones. */
      readonly via:
        | 'talk'
        | 'stream'
        | 'api-talk'
        | 'api-stream'
        | 'api-dtmf'
        | 'ringback'
        | 'music-on-hold'
        | 'beep';
      readonly text: string;
      readonly interrupted?: boolean;
    }
  | {
      readonly atMs: number;
      readonly leg: string;
      readonly kind: 'did';
      readonly step: string;
      readonly detail?: string;
    }
  | {
      readonly atMs: number;
      readonly leg: string;
      readonly kind: 'webhook';
      readonly event: string;
      readonly delivery: number;
      readonly method: string;
      readonly url: string | null;
      readonly status: number | null;
      readonly outcome: string;
      /** The actions of the NCCO the app answered with, in order. */
      readonly ncco?: readonly string[];
      readonly nccoIssues?: readonly string[];
      readonly notSent?: string;
    }
  | {
      readonly atMs: number;
      readonly leg: string;
      readonly kind: 'action';
      readonly action: string;
      readonly detail?: string;
    }
  | {
      readonly atMs: number;
      readonly leg: string;
      readonly kind: 'end';
      readonly reason: string;
      readonly disconnectedBy?: 'user' | 'platform';
      readonly duration?: number;
      readonly price?: string;
    };

/** What a conversation (a call, a verification) runs on: its time, its webhooks, its story. */
export interface ConversationHost {
  /** The lifecycle's index, for records and messages. */
  readonly index: number;
  /** The lifecycle's seed: every draw of the conversation comes from it. */
  readonly seed: number;
  /** Epoch milliseconds of virtual time 0: a payload made at virtual `t` carries `epoch + t`. */
  readonly epoch: number;
  /** The conversation's own virtual time. */
  now(): number;
  /**
   * Waits until virtual `atMs`, unless `interrupt()` comes first. `forApp`: the wait is for the app
   * to act (a Verify code check); at `timeScale: 0` it has no end of its own, since the time would
   * pass before the app could act, and `settled()` does not wait for it (docs/decisions/107).
   */
  sleepUntil(atMs: number, options?: { readonly forApp?: boolean }): Promise<WakeReason>;
  /** Ends the current sleep early (an API request or a person's action for this conversation arrived). */
  interrupt(): void;
  /** Whether the fake was reset or closed: the conversation stops at once. */
  cancelled(): boolean;
  send(request: SendRequest): Promise<SendOutcome>;
  readonly transcript: TranscriptEntry[];
}

/** The transcript's webhook line of a send. */
export function toWebhookEntry(
  atMs: number,
  leg: string,
  event: string,
  outcome: SendOutcome,
): TranscriptEntry {
  const actions = outcome.ncco?.map((action) =>
    typeof action === 'object' && action !== null && 'action' in action
      ? String((action as { action: unknown }).action)
      : '?',
  );
  return {
    atMs,
    leg,
    kind: 'webhook',
    event,
    delivery: outcome.delivery,
    method: outcome.method,
    url: outcome.url,
    status: outcome.status,
    outcome: outcome.outcome,
    ...(actions === undefined ? {} : { ncco: actions }),
    ...(outcome.nccoIssues.length === 0
      ? {}
      : { nccoIssues: outcome.nccoIssues.map((issue) => `${issue.path}: ${issue.reason}`) }),
    ...(outcome.notSent === null ? {} : { notSent: outcome.notSent }),
  };
}

/** What a conversation gets from the fake: its host, the fake's state, fresh ids and the people's scripts. */
export interface EngineContext {
  readonly host: ConversationHost;
  readonly state: FakeState;
  /** Ids drawn from the conversation's own seed (legs, recordings, files). */
  readonly newUuid: () => string;
  /** The script of the person at a number (the `endUsers` option), read in a role; `undefined` when none. */
  readonly scriptFor: (number: string, role: EndUserRole) => readonly EndUserStep[] | undefined;
  /**
   * The lifecycle's tuning: `scenario.params[scenario]` of the options, with a scripted outcome for
   * the request's recipient (`scriptOutcome`) over it, e.g. `{ outcome: 'failed' }`.
   */
  readonly params: Readonly<Record<string, unknown>>;
  /** The application the conversation belongs to: named conversations are scoped to it (reference run-time.md#action-by-action). */
  readonly applicationId: string;
}
