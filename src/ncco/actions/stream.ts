import { boolean, integer } from '../engine/scalar-fields.js';
import type { Shape } from '../engine/shape.js';
import { urls } from '../engine/url-fields.js';
import { level } from './common-keys.js';

// The `stream` action (reference ncco.md, doc-ncco). A bargeIn stream needs a later input: `barge-in.ts`.

/** Play an audio file. */
export const streamAction: Shape = {
  description: 'Play an audio file (synchronous unless bargeIn; then an input must follow).',
  required: ['streamUrl'],
  fields: { streamUrl: urls, level, bargeIn: boolean, loop: integer({ min: 0 }) },
};
