// Dispatch API callbacks (reference 6; `dispatch.yml` callbacks `message-status` and `final-report`),
// with the forms chosen in decisions 033 and 034.
import type { dispatchEvents } from '../fixtures/dispatch/dispatch-events.js';
import {
  type DispatchChannel,
  type DispatchReportStatus,
  type DispatchStatus,
  dispatchChannels,
  dispatchStatuses,
} from '../fixtures/dispatch/types.js';
import { arraySchema, type JsonSchema, objectSchema, patterns, stringSchema } from './json-schema.js';
import {
  v01ErrorSchema,
  v01SenderEndpointSchema,
  v01UsageSchema,
  v01UserEndpointSchema,
} from './messages-v0-1.js';

const uuid = stringSchema({ pattern: patterns.uuid });
const uuidBody = patterns.uuid.slice(1, -1);
const timestamp = stringSchema({
  pattern: patterns.isoMillis,
  description: 'ISO-8601 UTC with milliseconds.',
});

const userEndpoint: JsonSchema = {
  anyOf: dispatchChannels.map((channel: DispatchChannel) => v01UserEndpointSchema(channel)),
};
const senderEndpoint: JsonSchema = {
  anyOf: dispatchChannels.map((channel: DispatchChannel) => v01SenderEndpointSchema(channel)),
};

const dispatchLinks = objectSchema(
  {
    workflow: objectSchema({
      dispatch_uuid: uuid,
      href: stringSchema({ pattern: `^/workflows/${uuidBody}$` }),
    }),
  },
  {},
  'The workflow this message belongs to (spec-dispatch MessageStatus, decision 033).',
);

const capturedLinks = objectSchema(
  {
    dispatch: objectSchema({
      href: stringSchema({ pattern: `^v0\\.1/dispatch/${uuidBody}$` }),
      dispatch_uuid: uuid,
    }),
  },
  {},
  'The workflow link as captured from the released API in 2018 (decision 033).',
);

function messageStatus(status: DispatchStatus, links: 'workflow' | 'dispatch' = 'workflow'): JsonSchema {
  const failed = status === 'rejected' || status === 'undeliverable';
  return objectSchema(
    {
      message_uuid: uuid,
      to: userEndpoint,
      from: senderEndpoint,
      timestamp,
      status: stringSchema({ const: status }),
      ...(failed ? { error: v01ErrorSchema } : {}),
      _links: links === 'workflow' ? dispatchLinks : capturedLinks,
    },
    { usage: v01UsageSchema },
    `Dispatch per-message status "${status}": a Messages v0.1 status plus _links.${links} (reference 6).`,
  );
}

const reportMessage = objectSchema(
  {
    message_uuid: uuid,
    href: stringSchema({ pattern: `^v0\\.1/messages/${uuidBody}$` }),
    channel: stringSchema({ enum: dispatchChannels }),
    status: stringSchema({ enum: dispatchStatuses }),
  },
  { usage: v01UsageSchema },
  'One message of the workflow; usage once it was charged.',
);

function finalReport(status: DispatchReportStatus): JsonSchema {
  return objectSchema(
    {
      template: stringSchema({ const: 'failover' }),
      status: stringSchema({ const: status }),
      timestamp,
      usage: v01UsageSchema,
      dispatch_uuid: uuid,
      _links: objectSchema({ messages: arraySchema(reportMessage, { minItems: 1 }) }),
    },
    {},
    `Dispatch final report "${status}" (reference 6, spec-dispatch finalReport).`,
  );
}

/** Payload schemas of the Dispatch API events. */
export const dispatchSchemas = {
  'dispatch.status.submitted': messageStatus('submitted'),
  'dispatch.status.delivered': messageStatus('delivered'),
  'dispatch.status.read': messageStatus('read'),
  'dispatch.status.rejected': messageStatus('rejected'),
  'dispatch.status.undeliverable': messageStatus('undeliverable'),
  'dispatch.report.completed': finalReport('completed'),
  'dispatch.report.error': finalReport('error'),
} satisfies Record<keyof typeof dispatchEvents, JsonSchema>;

/** Schemas of the `dispatch-link` version of the per-message statuses (decision 033). */
export const dispatchVersionSchemas: Record<`${string}@${string}`, JsonSchema> = Object.fromEntries(
  dispatchStatuses.map((status) => [
    `dispatch.status.${status}@dispatch-link`,
    messageStatus(status, 'dispatch'),
  ]),
);
