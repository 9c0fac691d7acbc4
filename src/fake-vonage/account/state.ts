import type { AccountSmsSettings, VonageApplication } from './application.js';

/** What a REST call-control request asks of a running leg (spec-voice `updateCall` and sub-resources). */
export type CallCommand =
  | { readonly type: 'hangup' }
  | { readonly type: 'transfer'; readonly ncco: readonly unknown[] }
  | { readonly type: 'transfer'; readonly url: string }
  | { readonly type: 'talk'; readonly text: string }
  | { readonly type: 'stream'; readonly url: string }
  | { readonly type: 'dtmf'; readonly digits: string }
  | { readonly type: 'talk-stop' | 'stream-stop' | 'mute' | 'unmute' | 'earmuff' | 'unearmuff' };

/** Hands a command to the conversation that runs the leg. */
export type LegControl = (command: CallCommand) => void;

/** A named conversation (a conference) legs have joined with the NCCO `conversation` action. */
export interface ConferenceRoom {
  readonly name: string;
  /** Legs in it now, by uuid, each with how to end its stay. */
  readonly members: Map<string, { readonly moderator: boolean; readonly end: () => void }>;
  started: boolean;
}

/** Something the API handed a running verification, in the order it arrived (docs/decisions/108). */
export type VerifyInput =
  | {
      readonly kind: 'code';
      readonly code: string;
      /** `locked`: the last allowed wrong code (the 410). */
      readonly result: 'right' | 'wrong' | 'locked';
      /** Wrong codes so far, this one included (the right code: those before it). */
      readonly wrongCodes: number;
    }
  | { readonly kind: 'next' }
  | { readonly kind: 'cancel' };

/** A call created through the Voice API, as `GET /v1/calls/:uuid` shows it. */
export interface CallRecord {
  readonly uuid: string;
  readonly conversation_uuid: string;
  readonly to: Record<string, unknown>;
  /** Set from the lifecycle when the call was created with `random_from_number`. */
  from: Record<string, unknown>;
  readonly direction: 'outbound' | 'inbound';
  status: string;
  rate?: string;
  price?: string;
  duration?: string;
  start_time?: string;
  end_time?: string;
  network?: string;
}

/** A Verify v2 request the fake tracks for code checks and the one-at-a-time rule. */
export interface VerificationRecord {
  readonly requestId: string;
  readonly to: string;
  readonly code: string;
  readonly channels: readonly string[];
  /** Until a correct code, too many wrong ones, a cancel or the end of the last step. */
  active: boolean;
  wrongCodes: number;
  /** Index in `channels` of the running step: moved by the conversation and by `next_workflow`. */
  step: number;
  /** What the API told the verification's conversation and it has not handled yet (docs/decisions/108). */
  readonly inbox: VerifyInput[];
  /** Wakes the conversation after something was put in `inbox`; a no-op until the conversation runs. */
  wake: () => void;
}

/**
 * A file the fake serves at `GET /v1/files/:id` (a recording or a transcript): its bytes, content
 * type and, when set, the only application whose JWT may download it.
 */
export interface StoredFile {
  readonly contentType: string;
  /**
   * Backed by an `ArrayBuffer` (not a `SharedArrayBuffer`), so that it is a fetch `BodyInit`. Typed
   * `Uint8Array`, not `Uint8Array<ArrayBuffer>`: the generic form needs TypeScript 5.7 in users' builds.
   */
  readonly body: Uint8Array;
  readonly applicationId?: string;
}

/** An application the fake keeps, in the Applications API shape, with its id and name always set. */
export type StoredApplication = VonageApplication & { readonly id: string; readonly name: string };

/** What the fake remembers between API calls. */
export interface FakeState {
  /** EUR. */
  balance: number;
  readonly calls: Map<string, CallRecord>;
  readonly verifications: Map<string, VerificationRecord>;
  /**
   * The account's applications by id (Applications API v2 shape; a private key is never kept).
   * Webhooks of a request authenticated with a JWT go to its `application_id`'s application.
   */
  readonly applications: Map<string, StoredApplication>;
  /** The application of requests that name none (Basic auth, inbound pushes); it may have been deleted. */
  defaultApplicationId: string;
  /** The account's SMS settings: inbound SMS and delivery receipt URLs. */
  readonly account: AccountSmsSettings;
  /** Recordings and transcripts by the id in their `https://api.nexmo.com/v1/files/<id>` URL. */
  readonly files: Map<string, StoredFile>;
  /** How to reach each running call leg from a REST call-control request, by leg uuid. */
  readonly callControls: Map<string, LegControl>;
  /** Named conversations (NCCO `conversation`) with legs in them, by name. */
  readonly conferences: Map<string, ConferenceRoom>;
}

/** What a fresh state starts with. */
export interface FakeStateInit {
  /** EUR. */
  readonly balance: number;
  readonly applications: readonly StoredApplication[];
  readonly defaultApplicationId: string;
  readonly account: Readonly<AccountSmsSettings>;
}

/** A fresh state: the balance, the configured applications and the account's SMS settings. */
export function createFakeState(init: FakeStateInit): FakeState {
  return {
    balance: init.balance,
    calls: new Map(),
    verifications: new Map(),
    applications: new Map(
      init.applications.map((application) => [application.id, structuredClone(application)]),
    ),
    defaultApplicationId: init.defaultApplicationId,
    account: { ...init.account },
    files: new Map(),
    callControls: new Map(),
    conferences: new Map(),
  };
}
