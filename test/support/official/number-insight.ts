import { xWebhookBody } from '../official-specs.js';
import type { OfficialMapping } from './types.js';

// spec-ni x-webhooks: the callback URL comes from the request's query (`{$request.query.callback}`).
const callback = '{$request.query.callback}';

export const numberInsightOfficial: readonly OfficialMapping[] = [
  {
    events: [
      'number_insight.advanced_async.success',
      'number_insight.advanced_async.partial',
      'number_insight.advanced_async.invalid_number',
      'number_insight.advanced_async.roaming',
      'number_insight.advanced_async.ported',
      'number_insight.advanced_async.cnam',
    ],
    file: 'number-insight.yml',
    pointer: xWebhookBody('asyncResponse', callback),
  },
  {
    events: ['number_insight.advanced_async.roaming_unknown'],
    file: 'number-insight.yml',
    pointer: xWebhookBody('asyncResponseUnknownRoaming', callback),
  },
];
