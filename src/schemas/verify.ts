import { verifyChannels, verifyWorkflowStepStatuses } from '../fixtures/verify/types.js';
import type { verifyEvents } from '../fixtures/verify/verify-events.js';
import {
  arraySchema,
  integerSchema,
  type JsonSchema,
  numberSchema,
  objectSchema,
  patterns,
  stringSchema,
} from './json-schema.js';

// Reference 8 and spec-verify2 `VerifyResource`, `VerifyResourceWhatsappInteractive`, `VerifySilentAuth`.
const requestId = stringSchema({ pattern: patterns.uuid });
const isoTime = stringSchema({ pattern: patterns.isoTimestamp });
const clientRef = stringSchema({ minLength: 1, maxLength: 40 });
const channelTimeout = integerSchema({ minimum: 60, maximum: 900 });

const workflowStep = objectSchema({
  channel: stringSchema({ enum: verifyChannels }),
  initiated_at: isoTime,
  status: stringSchema({ enum: verifyWorkflowStepStatuses }),
});

function summary(status: 'completed' | 'failed' | 'expired'): JsonSchema {
  return objectSchema(
    {
      request_id: requestId,
      submitted_at: isoTime,
      status: stringSchema({ const: status }),
      type: stringSchema({ const: 'summary' }),
      channel_timeout: channelTimeout,
      workflow: arraySchema(workflowStep, { minItems: 1, maxItems: 3 }),
      price: numberSchema({ minimum: 0, description: 'EUR, a JSON number.' }),
    },
    { client_ref: clientRef },
    `Verify v2 summary callback (status "${status}"), reference 8a.`,
  );
}

function channelEvent(status: string, channels: readonly string[]): JsonSchema {
  return objectSchema(
    {
      request_id: requestId,
      triggered_at: isoTime,
      type: stringSchema({ const: 'event' }),
      channel: stringSchema({ enum: channels }),
      status: stringSchema({ const: status }),
      finalized_at: isoTime,
    },
    {
      client_ref: clientRef,
      channel_timeout: { ...channelTimeout, description: 'Required by the 2023 spec only (decision 043).' },
    },
    `Verify v2 channel event (status "${status}"), reference 8b.`,
  );
}

const messageChannels = ['sms', 'whatsapp', 'whatsapp_interactive', 'voice', 'email'];

const silentAuthAction = arraySchema(
  objectSchema({
    type: stringSchema({ const: 'check' }),
    check_url: stringSchema({ pattern: '^https://[a-z0-9.-]+/phone_check/v0\\.1/checks/[^/]+/redirect$' }),
  }),
  { minItems: 1 },
);

function silentAuth(status: string): JsonSchema {
  const base = {
    request_id: requestId,
    triggered_at: isoTime,
    type: stringSchema({ const: 'event' }),
    channel: stringSchema({ const: 'silent_auth' }),
    status: stringSchema({ const: status }),
  };
  return status === 'action_pending'
    ? objectSchema({ ...base, action: silentAuthAction }, {}, 'Verify v2 silent auth event, reference 8c.')
    : objectSchema(base, { action: silentAuthAction }, 'Verify v2 silent auth event, reference 8c.');
}

/** Payload schemas of the Verify v2 events. */
export const verifySchemas = {
  'verify.summary.completed': summary('completed'),
  'verify.summary.failed': summary('failed'),
  'verify.summary.expired': summary('expired'),
  'verify.event.completed': channelEvent('completed', messageChannels),
  'verify.event.failed': channelEvent('failed', messageChannels),
  'verify.event.user_rejected': channelEvent('user_rejected', ['whatsapp_interactive']),
  'verify.event.rejected': channelEvent('rejected', messageChannels),
  'verify.event.blocked': channelEvent('blocked', messageChannels),
  'verify.silent_auth.completed': silentAuth('completed'),
  'verify.silent_auth.failed': silentAuth('failed'),
  'verify.silent_auth.user_rejected': silentAuth('user_rejected'),
  'verify.silent_auth.expired': silentAuth('expired'),
  'verify.silent_auth.action_pending': silentAuth('action_pending'),
} satisfies Record<keyof typeof verifyEvents, JsonSchema>;
