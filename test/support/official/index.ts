import { dispatchOfficial } from './dispatch.js';
import { messagesOfficial } from './messages.js';
import { messagesV01Official } from './messages-v0-1.js';
import { numberInsightOfficial } from './number-insight.js';
import { rtcOfficial } from './rtc.js';
import { shortCodeOfficial } from './short-codes.js';
import { smsOfficial } from './sms.js';
import type { OfficialMapping } from './types.js';
import { verifyOfficial } from './verify.js';
import { voiceOfficial } from './voice.js';

/** Every mapping from our events to Vonage's official schemas. */
export const officialMappings: readonly OfficialMapping[] = [
  ...smsOfficial,
  ...shortCodeOfficial,
  ...voiceOfficial,
  ...numberInsightOfficial,
  ...messagesOfficial,
  ...messagesV01Official,
  ...dispatchOfficial,
  ...rtcOfficial,
  ...verifyOfficial,
];

export type { OfficialMapping } from './types.js';
