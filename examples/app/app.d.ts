import type { Vonage } from '@vonage/server-sdk';
import type { Express } from 'express';

/** Options of {@link createApp}. */
export interface AppOptions {
  readonly vonage: Vonage;
  readonly signatureSecret: string;
  readonly from: string;
  readonly smsSignatureMethod?: 'md5hash' | 'md5' | 'sha1' | 'sha256' | 'sha512';
  readonly publicUrl?: string;
}

/** A webhook the app received; `rejected` says why its signature check failed (`null`: it passed). */
export interface ReceivedWebhook {
  readonly path: string;
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly rejected: string | null;
}

/** Creates the example app (not yet listening); what it received is in `app.locals.webhooks`. */
export function createApp(options: AppOptions): Express & { locals: { webhooks: ReceivedWebhook[] } };
