// Recording (issue 12, decision 112): `vws listen --record DIR` writes each webhook to DIR as one
// JSON file with personal data replaced, to be shared in a bug report. The raw bytes are not
// recorded: they hold the personal data.
import { accessSync, constants, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VwsError } from '../errors.js';
import { redactHeaders } from '../internal/redact-headers.js';
import type { DriftItem } from './drift.js';
import { redactUserinfo } from './forward.js';
import { createPersonalDataRedactor } from './redact-personal-data.js';

/** What one record holds: everything but the raw bytes, personal data replaced. */
export interface WebhookRecord {
  readonly recordedBy: 'vws listen';
  readonly note: string;
  readonly sequence: number;
  readonly receivedAt: string;
  readonly method: string;
  /** The path, every query value replaced. */
  readonly path: string;
  /** The headers, credentials redacted (`authorization: Bearer [REDACTED]`). */
  readonly headers: Readonly<Record<string, string>>;
  /** The event's name (with its version), or `null` when nothing in the catalog matched. */
  readonly event: string | null;
  readonly confidence?: string;
  readonly signature: { readonly scheme: string; readonly valid: boolean | null; readonly detail: string };
  readonly schema: { readonly valid: boolean; readonly exact: boolean; readonly errors: readonly string[] };
  /** The parsed payload with personal data replaced. */
  readonly payload: unknown;
  /** The status the caller was answered: the app's when forwarding. */
  readonly status: number;
  /** The app's URL the webhook went to, query values redacted. */
  readonly forwardedTo?: string;
  readonly drift: readonly DriftItem[];
}

/** What the listener hands the recorder for one webhook. */
export interface RecordInput extends Omit<WebhookRecord, 'recordedBy' | 'note' | 'sequence' | 'payload'> {
  readonly payload: unknown;
  readonly unknownFields: readonly (readonly string[])[];
}

/** A recording session: one folder, one sequence, one redactor. */
export interface Recorder {
  readonly dir: string;
  /** Takes the next sequence number (call when the webhook arrives, so records keep arrival order). */
  next(): number;
  /** Writes the record; resolves to the file written. */
  write(sequence: number, input: RecordInput): string;
}

const note =
  'Recorded by vws listen: personal data (phone numbers, names, texts, media URLs, emails) replaced, the same value by the same replacement within a session; credentials and signatures redacted (the token in Authorization, an SMS `sig`, any `signature` field); the raw bytes are not recorded.';

/**
 * Opens a recording folder: creates it (with its parents), checks it is writable by writing and
 * removing nothing but a probe, and continues the sequence after the records already there. Throws a
 * one-line `VWS_ERR_INVALID_OPTION` when the folder cannot be used.
 */
export function openRecorder(dir: string): Recorder {
  if (dir.trim() === '') {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      'The folder to record to is empty: name one, e.g. --record ./webhooks (recordDir: "./webhooks").',
    );
  }
  const folder = resolve(dir);
  let existing: string[];
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
    existing = readdirSync(folder);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Cannot record to ${folder} (${typeof code === 'string' ? code : 'not writable'}): use a folder you can write to, e.g. --record ./webhooks.`,
    );
  }
  let sequence = existing.reduce((highest, file) => {
    const number = /^(\d+)-.*\.json$/.exec(file)?.[1];
    return number === undefined ? highest : Math.max(highest, Number(number));
  }, 0);
  const redactor = createPersonalDataRedactor();
  return {
    dir: folder,
    next: () => ++sequence,
    write: (number, input) => {
      const { unknownFields, payload, headers, path, ...rest } = input;
      let redacted: unknown;
      try {
        redacted = redactor.redact(payload, unknownFields);
      } catch {
        redacted = '[not recorded: too deeply nested to redact]';
      }
      const record: WebhookRecord = {
        recordedBy: 'vws listen',
        note,
        sequence: number,
        ...rest,
        path: redactor.redactPath(path),
        ...(rest.forwardedTo === undefined
          ? {}
          : { forwardedTo: redactor.redactPath(redactUserinfo(rest.forwardedTo)) }),
        headers: redactHeaders(headers),
        payload: redacted,
      };
      const name = (input.event ?? 'unknown').replace(/[^A-Za-z0-9._@-]/g, '_');
      const file = join(folder, `${String(number).padStart(6, '0')}-${name}.json`);
      writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`, { flag: 'wx' });
      return file;
    },
  };
}
