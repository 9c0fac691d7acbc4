import { describe, expect, it } from 'vitest';
import { isVonageHost, knownVonageHosts } from './vonage-hosts.js';

describe('isVonageHost', () => {
  it('matches every host the SDKs and webhooks name', () => {
    for (const host of knownVonageHosts) expect(isVonageHost(host), host).toBe(true);
    expect(knownVonageHosts).toEqual(
      expect.arrayContaining([
        'rest.nexmo.com',
        'api-ap-4.vonage.com',
        'api-us-2.nexmo.com',
        'video.api.vonage.com',
      ]),
    );
  });

  it('matches hosts nobody listed under the Vonage domains', () => {
    expect(isVonageHost('api-eu-9.vonage.com')).toBe(true);
    expect(isVonageHost('rest-us-1.nexmo.com')).toBe(true);
    expect(isVonageHost('nexmo.com')).toBe(true);
  });

  it('ignores case, a trailing dot and a port', () => {
    expect(isVonageHost('REST.Nexmo.COM')).toBe(true);
    expect(isVonageHost('api.nexmo.com.')).toBe(true);
    expect(isVonageHost('api.nexmo.com:443')).toBe(true);
  });

  it('rejects look-alike and local hosts', () => {
    for (const host of [
      'nexmo.com.example.org',
      'notnexmo.com',
      'vonage.co.uk',
      'example.com',
      'localhost',
      '127.0.0.1',
      '::1',
      '[::1]',
      '',
    ]) {
      expect(isVonageHost(host), host).toBe(false);
    }
  });
});
