import { describe, expect, it } from 'vitest';
import { listEvents } from '../fixtures/catalog.js';
import { generate } from '../fixtures/generate.js';
import { identifyEvent } from './identify-event.js';

describe('identifyEvent', () => {
  it('names every event of the catalog from its own payload, or lists it among equal matches', () => {
    for (const entry of listEvents()) {
      for (const seed of [1, 2]) {
        const result = identifyEvent(generate(entry.name, { seed }));
        expect(result.valid, `${entry.name}: ${result.errors.join('; ')}`).toBe(true);
        expect([result.shape?.key, ...result.alsoMatches], entry.name).toContain(entry.name);
      }
    }
  });

  it('names another wire shape with its version', () => {
    const result = identifyEvent(generate('messages.inbound.sms.text', { seed: 3, version: 'v0.1' }));
    expect(result.shape?.key).toBe('messages.inbound.sms.text@v0.1');
  });

  it('reports the closest event and the schema errors for a broken payload', () => {
    const payload = { ...generate('sms.delivery_receipt.delivered', { seed: 1 }), price: 0.03 };
    const result = identifyEvent(payload);
    expect(result.valid).toBe(false);
    expect(result.shape?.name).toMatch(/delivery_receipt\.delivered$/);
    expect(result.errors.join(' ')).toContain('/price must be string');
  });

  it('says so when the payload is not an object or matches nothing', () => {
    expect(identifyEvent([1, 2])).toMatchObject({ shape: undefined, valid: false });
    expect(identifyEvent({ hello: 'world' }).shape).toBeUndefined();
  });
});

describe('identifyEvent: the typed event (issue 13)', () => {
  it('carries the name, the version and the very payload when the payload validates', () => {
    const payload = generate('sms.inbound.text', { seed: 1 });
    const result = identifyEvent(payload, { method: 'POST', contentType: 'application/json' });
    expect(result.event).toEqual({ name: 'sms.inbound.text', version: undefined, payload });
    expect(result.event?.payload).toBe(payload);
    const legacy = generate('messages.inbound.sms.text', { seed: 1, version: 'v0.1' });
    expect(identifyEvent(legacy).event).toMatchObject({ name: 'messages.inbound.sms.text', version: 'v0.1' });
  });

  it('has no event when the payload fails the schema of the shape it is named as, or is named as none', () => {
    const broken = { ...generate('voice.event.completed', { seed: 1 }), duration: 'long' };
    const named = identifyEvent(broken);
    expect(named.shape?.name).toBe('voice.event.completed');
    expect(named.valid).toBe(false);
    expect(named.event).toBeUndefined();
    expect(identifyEvent({ hello: 'world' }).event).toBeUndefined();
    expect(identifyEvent('text').event).toBeUndefined();
  });
});
