import { oneOf } from '../engine/scalar-fields.js';
import type { Shape } from '../engine/shape.js';
import { type NccoActionName, nccoActions } from '../ncco-rules.js';
import { connectAction } from './connect.js';
import { conversationAction } from './conversation.js';
import { inputAction } from './input.js';
import { notifyAction } from './notify.js';
import { recordAction } from './record.js';
import { streamAction } from './stream.js';
import { talkAction } from './talk.js';
import { transferAction } from './transfer.js';
import { waitAction } from './wait.js';

/**
 * The shape of each current NCCO action, in the order of `nccoActions`: what `validateNcco` checks
 * and what `nccoSchema` is derived from.
 */
export const actionShapes: Readonly<Record<NccoActionName, Shape>> = {
  record: recordAction,
  conversation: conversationAction,
  connect: connectAction,
  talk: talkAction,
  stream: streamAction,
  input: inputAction,
  notify: notifyAction,
  wait: waitAction,
  transfer: transferAction,
};

/** The `action` key of every NCCO element: the shapes leave their discriminator to their caller. */
export const actionName = oneOf(nccoActions);
