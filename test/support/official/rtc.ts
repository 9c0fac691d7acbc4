import { rtcEvents } from '../../../src/fixtures/rtc/rtc-events.js';
import type { OfficialMapping } from './types.js';

export const rtcOfficial: readonly OfficialMapping[] = [
  {
    events: Object.keys(rtcEvents),
    file: null,
    reason:
      'conversation.v3.yml defines no webhook and no per-type event body: `event_body` is an untyped object and `event_retrieved` is the REST list item (string id, required href), not the rtc event_url delivery; envelope and bodies follow captured deliveries and the Java SDK (docs/decisions/044, 045).',
  },
];
