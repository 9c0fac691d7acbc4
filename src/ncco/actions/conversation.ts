import { boolean, text } from '../engine/scalar-fields.js';
import type { Shape } from '../engine/shape.js';
import { urls } from '../engine/url-fields.js';
import { eventMethod, legIds, muteWithCanSpeak } from './common-keys.js';

// The `conversation` action (reference ncco.md, doc-ncco).

/** Create or join a named conversation. */
export const conversationAction: Shape = {
  description: 'Create or join a named conversation.',
  required: ['name'],
  fields: {
    name: text({ nonEmpty: true, expect: 'the conversation name, a non-empty string' }),
    musicOnHoldUrl: urls,
    startOnEnter: boolean,
    endOnExit: boolean,
    record: boolean,
    canSpeak: legIds,
    canHear: legIds,
    mute: boolean,
    eventUrl: urls,
    eventMethod,
  },
  rules: [muteWithCanSpeak],
};
