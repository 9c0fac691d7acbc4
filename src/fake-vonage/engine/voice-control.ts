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
  /** Starters wake the legs waiting with music on hold. */
  readonly waiting: Set<() => void>;
}
