import type { Server } from 'node:http';

/** The example receiver's modes: the app to copy, and two broken receivers real projects ship. */
export type ReceiverMode = 'correct' | 'ignore-payload-hash' | 'no-verification';

/** Every mode `createReceiver` accepts; any other mode is refused with a TypeError. */
export const receiverModes: readonly ReceiverMode[];

export interface ReceiverOptions {
  readonly signatureSecret: string;
  readonly smsSignatureMethod?: 'md5hash' | 'md5' | 'sha1' | 'sha256' | 'sha512';
  readonly mode?: ReceiverMode;
}

/** Creates the example app: an `http.Server`, not yet listening, with the webhooks it received. */
export function createReceiver(
  options: ReceiverOptions,
): Server & { received: { path: string; params: unknown }[] };
