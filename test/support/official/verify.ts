import { xWebhookBody } from '../official-specs.js';
import type { OfficialMapping } from './types.js';

export const verifyOfficial: readonly OfficialMapping[] = [
  {
    events: ['verify.summary.completed', 'verify.summary.failed', 'verify.summary.expired'],
    file: null,
    reason:
      'spec-verify2 x-webhooks `request-status-update` (VerifyResource) limits the required workflow[].channel to sms, whatsapp, whatsapp_interactive and voice, while the same spec offers email and silent_auth workflows and the Node SDK types summary steps with email; `omit` cannot drop a required field, so our own schema checks the summary (docs/decisions/043).',
  },
  {
    events: [
      'verify.event.completed',
      'verify.event.failed',
      'verify.event.user_rejected',
      'verify.event.rejected',
      'verify.event.blocked',
    ],
    file: null,
    reason:
      'spec-verify2 x-webhooks `events` (VerifyResourceWhatsappInteractive) requires `channel_timeout` without declaring it, and lacks `blocked`; the Node, Java and PHP SDKs and the PHP captured fixture send events without channel_timeout, so the payload follows them and our own schema checks it (docs/decisions/043).',
  },
  {
    events: [
      'verify.silent_auth.completed',
      'verify.silent_auth.failed',
      'verify.silent_auth.user_rejected',
      'verify.silent_auth.expired',
      'verify.silent_auth.action_pending',
    ],
    file: 'verify.v2.yml',
    pointer: xWebhookBody('silent-auth-callback'),
  },
];
