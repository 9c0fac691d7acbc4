import type { ListenerOptions } from '../../../listen/create-listener.js';
import type { SmsSignatureMethod } from '../../../signing/sms-signature-methods.js';
import type { CliIo } from '../../shared/io.js';

/** `vws listen` options after parsing. */
export interface ListenCliOptions {
  readonly port: number;
  readonly host: string;
  readonly signatureSecret?: string;
  readonly signatureMethod?: SmsSignatureMethod;
  readonly json?: boolean;
  readonly maxRequests?: number;
  readonly maxBody?: number;
  /** `--forward-to <url>`: the app's base URL, checked by the listener (so no error echoes a password in it). */
  readonly forwardTo?: string;
  /** `--record <dir>`: checked writable by the listener before it listens. */
  readonly record?: string;
}

/** The listener the flags ask for; the secret falls back to VONAGE_SIGNATURE_SECRET. */
export function toListenerOptions(io: CliIo, options: ListenCliOptions): Omit<ListenerOptions, 'onWebhook'> {
  const secret = options.signatureSecret ?? io.env.VONAGE_SIGNATURE_SECRET;
  return {
    port: options.port,
    host: options.host,
    ...(secret === undefined || secret === '' ? {} : { signatureSecret: secret }),
    ...(options.signatureMethod === undefined ? {} : { signatureMethod: options.signatureMethod }),
    ...(options.maxRequests === undefined ? {} : { maxRequests: options.maxRequests }),
    ...(options.maxBody === undefined ? {} : { maxBodyBytes: options.maxBody }),
    ...(options.forwardTo === undefined ? {} : { forwardTo: options.forwardTo }),
    ...(options.record === undefined ? {} : { recordDir: options.record }),
    now: io.now,
  };
}
