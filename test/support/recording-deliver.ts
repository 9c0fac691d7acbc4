// A `deliver` function for the fake that records each webhook instead of sending it.
import type { DeliveryResult } from '../../src/delivery/delivery-result.js';
import type { RequestParts } from '../../src/delivery/to-request.js';
import type { DeliverWebhook, OutgoingWebhook } from '../../src/fake-vonage/types.js';

/** The result of a delivery the app answered with `status` (200-299 accepted, else rejected). */
export function toDeliveryResult(parts: RequestParts, status: number): DeliveryResult {
  const ok = status >= 200 && status < 300;
  return {
    index: 0,
    ok,
    outcome: ok ? 'accepted' : 'rejected',
    code: ok ? null : 'VWS_ERR_DELIVERY_STATUS',
    status,
    request: { method: parts.method, url: parts.url, event: null },
    response: { status, headers: {}, bodyExcerpt: null, bodyTruncated: false },
    ncco: null,
    attempts: [],
    durationMs: 0,
    error: null,
    nccoIssues: [],
  };
}

/** Records each webhook in `sent` and says the app took it (200). */
export function createRecordingDeliver(): {
  sent: { parts: RequestParts; webhook: OutgoingWebhook }[];
  deliver: DeliverWebhook;
} {
  const sent: { parts: RequestParts; webhook: OutgoingWebhook }[] = [];
  const deliver: DeliverWebhook = async (parts, webhook) => {
    sent.push({ parts, webhook });
    return toDeliveryResult(parts, 200);
  };
  return { sent, deliver };
}
