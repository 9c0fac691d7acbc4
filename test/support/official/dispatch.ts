import { componentSchema } from '../official-specs.js';
import type { OfficialMapping } from './types.js';

export const dispatchOfficial: readonly OfficialMapping[] = [
  {
    events: [
      'dispatch.status.submitted',
      'dispatch.status.delivered',
      'dispatch.status.read',
      'dispatch.status.rejected',
      'dispatch.status.undeliverable',
      // The captured link form passes the open spec schema too (decision 033).
      'dispatch.status.submitted@dispatch-link',
      'dispatch.status.delivered@dispatch-link',
      'dispatch.status.read@dispatch-link',
      'dispatch.status.rejected@dispatch-link',
      'dispatch.status.undeliverable@dispatch-link',
    ],
    file: 'dispatch.yml',
    pointer: componentSchema('MessageStatus'),
  },
  {
    events: ['dispatch.report.completed', 'dispatch.report.error'],
    file: 'dispatch.yml',
    pointer: componentSchema('finalReport'),
    omit: {
      _links:
        'The spec enum of _links.messages[].channel misspells viber_service_msg as "viber_sevice_msg"; Viber steps send viber_service_msg (decision 034). Our own schema checks _links closed.',
    },
  },
];
