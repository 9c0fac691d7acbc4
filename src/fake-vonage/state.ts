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
  /** Until a correct code, too many wrong ones, a cancel or the summary webhook. */
  active: boolean;
  wrongCodes: number;
}

/** What the fake remembers between API calls. */
export interface FakeState {
  /** EUR. */
  balance: number;
  readonly calls: Map<string, CallRecord>;
  readonly verifications: Map<string, VerificationRecord>;
}

/** A fresh state with the given balance. */
export function createFakeState(balance: number): FakeState {
  return { balance, calls: new Map(), verifications: new Map() };
}
