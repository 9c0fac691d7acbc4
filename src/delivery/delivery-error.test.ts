import { describe, expect, it } from 'vitest';
import { isVwsError, VwsError } from '../errors.js';
import { DeliveryError, isDeliveryError } from './delivery-error.js';
import { deliveryErrorCodes } from './delivery-error-codes.js';

const details = {
  request: { method: 'POST', url: 'http://127.0.0.1:1/x', event: 'messages.status.read' },
  status: 503,
  attempts: [],
  responseHeaders: { 'content-type': 'text/plain' },
  responseExcerpt: 'busy',
};

describe('DeliveryError', () => {
  it('is a VwsError that carries the request, status and response excerpt', () => {
    const error = new DeliveryError('VWS_ERR_DELIVERY_STATUS', 'answered 503', details);
    expect(error).toBeInstanceOf(VwsError);
    expect(isVwsError(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'DeliveryError',
      code: 'VWS_ERR_DELIVERY_STATUS',
      status: 503,
      responseExcerpt: 'busy',
      request: details.request,
      nccoIssues: [],
    });
  });

  it('keeps the cause', () => {
    const cause = new Error('ECONNRESET');
    expect(new DeliveryError('VWS_ERR_DELIVERY_CONNECTION_RESET', 'reset', details, { cause }).cause).toBe(
      cause,
    );
  });
});

describe('deliveryErrorCodes', () => {
  it('lists only delivery codes', () => {
    for (const code of deliveryErrorCodes) expect(code.startsWith('VWS_ERR_DELIVERY_')).toBe(true);
  });
});

describe('isDeliveryError', () => {
  it('tells a delivery error from other errors', () => {
    expect(isDeliveryError(new DeliveryError('VWS_ERR_DELIVERY_TIMEOUT', 'slow', details))).toBe(true);
    expect(isDeliveryError(new VwsError('VWS_ERR_USAGE', 'usage'))).toBe(false);
  });
});
