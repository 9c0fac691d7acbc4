import { fail, warn } from '../engine/issues.js';
import { child, has } from '../engine/json-value.js';
import { boolean, text } from '../engine/scalar-fields.js';
import { present } from '../engine/schema-parts.js';
import type { Rule, Shape } from '../engine/shape.js';
import { legIds, muteWithCanSpeak } from './common-keys.js';

// The `transfer` action (reference ncco.md, doc-ncco).

const conversationIdExpect = 'the id of an existing conversation (CON-...)';
const conversationId = text({ nonEmpty: true, expect: conversationIdExpect });

const oneConversationId: Rule = {
  check: (value, path, ctx) => {
    // The reference and the Ruby SDK write conversation_id; the Java SDK (9.x) sends conversationId ⚠️.
    if (!has(value, 'conversation_id') && !has(value, 'conversationId')) {
      fail(ctx, child(path, 'conversation_id'), `conversation_id is required: ${conversationId.expect}`);
    } else if (!has(value, 'conversation_id')) {
      warn(
        ctx,
        child(path, 'conversationId'),
        'conversationId is the Java SDK spelling; the NCCO reference writes conversation_id',
      );
    }
  },
  schema: { anyOf: [present('conversation_id'), present('conversationId')] },
};

/** Move the call legs into another existing conversation. */
export const transferAction: Shape = {
  description: 'Move the call legs into another existing conversation.',
  fields: {
    conversation_id: conversationId,
    conversationId: text({
      nonEmpty: true,
      expect: conversationIdExpect,
      description: 'Java SDK spelling of conversation_id.',
    }),
    canHear: legIds,
    canSpeak: legIds,
    mute: boolean,
  },
  rules: [oneConversationId, muteWithCanSpeak],
};
