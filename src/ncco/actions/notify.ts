import { anyObject } from '../engine/compound-fields.js';
import type { Shape } from '../engine/shape.js';
import { urls } from '../engine/url-fields.js';
import { eventMethod } from './common-keys.js';

// The `notify` action (reference ncco.md, doc-ncco).

/** Send a payload to eventUrl. */
export const notifyAction: Shape = {
  description: 'Send a payload to eventUrl; an NCCO answer replaces the current one.',
  required: ['payload', 'eventUrl'],
  fields: { payload: anyObject('a JSON object'), eventUrl: urls, eventMethod },
};
