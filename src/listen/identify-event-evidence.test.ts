import { Ajv } from 'ajv';
import { describe, expect, it, vi } from 'vitest';
import { defaultPaths } from '../fake-vonage/account/default-paths.js';
import { listEvents, toContentType, toMethod } from '../fixtures/catalog.js';
import type { EventName } from '../fixtures/events.js';
import { generate } from '../fixtures/generate.js';
import type { WebhookKind } from '../fixtures/shared/define-event.js';
import { countPathHints, type IdentifyHints, identifyEvent } from './identify-event.js';

const postJson: IdentifyHints = { method: 'POST', contentType: 'application/json' };

/** A `voice.event.completed` as Vonage sends it, to tamper with. */
function completed(): Record<string, unknown> {
  return { ...generate('voice.event.completed', { seed: 1 }) } as Record<string, unknown>;
}

/** The answer webhook's four required fields, which every call event also carries (reference voice.md 3.1). */
function answerFields(): Record<string, unknown> {
  const { to, from, uuid, conversation_uuid } = completed();
  return { to, from, uuid, conversation_uuid };
}

describe('identifyEvent weighs method, path, content type and schema (issue 12)', () => {
  it('names a completed event whose status was changed as the call event, unsure, not as an answer webhook', () => {
    const result = identifyEvent({ ...completed(), status: 'finished' }, postJson);
    expect(result.shape?.name).toBe('voice.event.completed');
    expect(result).toMatchObject({ valid: false, confidence: 'unsure' });
    expect(result.errors.join()).toContain('/status must be equal to constant "completed"');
    expect(result.reason).toMatch(
      /^closest is voice\.event\.completed, but status "finished" is not one the catalog knows/,
    );
  });

  it('names a completed event with a required field removed as the call event with its error', () => {
    const { duration: _removed, ...payload } = completed();
    const result = identifyEvent(payload, postJson);
    expect(result).toMatchObject({
      shape: { name: 'voice.event.completed' },
      valid: false,
      confidence: 'likely',
    });
    expect(result.errors).toContain("/ must have required property 'duration'");
    expect(result.reason).toContain(
      'closest is voice.event.completed (status completed) but it fails its schema',
    );
    expect(result.reason).toContain('voice.answer.inbound accepts it only with');
  });

  it('names a completed event with a field of another type as the call event with its error', () => {
    const result = identifyEvent({ ...completed(), duration: 808 }, postJson);
    expect(result).toMatchObject({
      shape: { name: 'voice.event.completed' },
      valid: false,
      confidence: 'likely',
    });
    expect(result.errors).toEqual(['/duration must be string']);
  });

  it('never calls a tampered completed event a valid answer webhook, with or without hints', () => {
    const { status: _status, ...noStatus } = completed();
    const { duration: _d, price: _p, ...twoRemoved } = completed();
    for (const payload of [noStatus, twoRemoved, { ...completed(), status: 'finished' }]) {
      for (const hints of [postJson, {}, { method: 'GET' }]) {
        const result = identifyEvent(payload, hints);
        expect(result.shape?.name, result.reason).toBe('voice.event.completed');
        expect(result.valid).toBe(false);
      }
    }
  });

  it('names a GET with the answer fields as the answer webhook', () => {
    const result = identifyEvent(answerFields(), { method: 'GET', path: '/webhooks/answer' });
    expect(result).toMatchObject({ shape: { name: 'voice.answer.inbound' }, valid: true, exact: true });
    expect(['certain', 'likely']).toContain(result.confidence);
    const sip = identifyEvent(generate('voice.answer.sip', { seed: 1 }), {
      method: 'GET',
      path: '/webhooks/answer',
    });
    expect(sip).toMatchObject({ shape: { name: 'voice.answer.sip' }, confidence: 'certain' });
    expect(sip.reason).toBe('matches voice.answer.sip exactly');
  });

  it('names a POST JSON with only the answer fields as the answer webhook (answer_method POST), never certain', () => {
    const sip = generate('voice.answer.sip', { seed: 1 });
    const result = identifyEvent(sip, postJson);
    expect(result).toMatchObject({ shape: { name: 'voice.answer.sip' }, valid: true, confidence: 'likely' });
    expect(result.reason).toContain(
      'sent as POST JSON, which Vonage uses when so configured (its default is GET)',
    );
    expect(identifyEvent(answerFields(), postJson)).toMatchObject({
      shape: { name: 'voice.answer.inbound' },
      confidence: 'likely',
    });
  });

  it('is unsure between an SMS and a short code delivery receipt unless the transport or the path tells', () => {
    const receipt = generate('short_codes.delivery_receipt.delivered', { seed: 1 });
    const bare = identifyEvent(receipt);
    expect(bare.confidence).toBe('unsure');
    expect(bare.reason).toMatch(
      /^could be .+ or .+: same fields; neither the method nor the path tells them apart$/,
    );
    expect(identifyEvent(receipt, { path: '/webhooks/sms-dlr' })).toMatchObject({
      shape: { name: 'sms.delivery_receipt.delivered' },
      confidence: 'likely',
      reason: expect.stringContaining('the path /webhooks/sms-dlr suggests sms.delivery_receipt.delivered'),
    });
    expect(identifyEvent(receipt, { path: '/shortcode/dlr' }).shape?.name).toBe(
      'short_codes.delivery_receipt.delivered',
    );
    expect(identifyEvent(receipt, { method: 'GET' })).toMatchObject({
      shape: { name: 'short_codes.delivery_receipt.delivered' },
      confidence: 'likely',
    });
  });

  it('identifies every catalog event sent with its default transport as itself, certain or likely', () => {
    const counts = { certain: 0, likely: 0, unsure: 0 };
    for (const entry of listEvents()) {
      const format = entry.formats[0];
      const hints = { method: toMethod(format), contentType: toContentType(format) ?? undefined };
      for (const seed of [1, 2]) {
        const result = identifyEvent(generate(entry.name, { seed }), hints);
        counts[result.confidence] += 1;
        const named = result.shape?.key === entry.name;
        // Two names for one schema (voice.answer.inbound and .outbound): the reason names the other.
        const twin = result.reason.includes(`${entry.name}: the same wire shape`);
        expect(named || twin, `${entry.name}: ${result.reason}`).toBe(true);
        expect(result.valid, `${entry.name}: ${result.errors.join('; ')}`).toBe(true);
        expect(result.confidence, `${entry.name}: ${result.reason}`).not.toBe('unsure');
      }
    }
    expect(counts.certain).toBeGreaterThan(counts.likely);
  });

  it('says when Vonage never sends an event in the transport used', () => {
    const result = identifyEvent(generate('messages.inbound.sms.text', { seed: 1 }), { method: 'GET' });
    expect(result).toMatchObject({ shape: { name: 'messages.inbound.sms.text' }, confidence: 'likely' });
    expect(result.reason).toContain('but Vonage never sends it as GET (it sends POST JSON)');
  });

  it('hints each webhook kind from its default path (src/fake-vonage/account/default-paths.ts)', () => {
    for (const [kind, path] of Object.entries(defaultPaths) as [WebhookKind, string][]) {
      expect(countPathHints(path, kind), `${kind} ${path}`).toBeGreaterThan(0);
    }
    expect(countPathHints('/webhooks/answer', 'voice-event')).toBe(0);
    expect(countPathHints(undefined, 'voice-event')).toBe(0);
  });

  it('compiles no schema again for a payload shape it has seen', () => {
    const payload = { ...completed(), status: 'finished' };
    identifyEvent(payload, postJson);
    identifyEvent(completed(), postJson);
    const compile = vi.spyOn(Ajv.prototype, 'compile');
    try {
      identifyEvent(payload, postJson);
      identifyEvent(completed(), postJson);
      expect(compile).not.toHaveBeenCalled();
    } finally {
      compile.mockRestore();
    }
  });
});

describe('identifyEvent names a webhook with a value the catalog does not know as its own family (issue 12)', () => {
  const dr: IdentifyHints = { method: 'POST', path: '/dr', contentType: 'application/json' };
  const status = (name: EventName): Record<string, unknown> => ({
    ...(generate(name, { seed: 1 }) as object),
  });

  it('names a Messages SMS status with a new status as a messages.status.*.sms event, not an inbound message', () => {
    const result = identifyEvent({ ...status('messages.status.delivered.sms'), status: 'paused' }, postJson);
    expect(result.shape?.key, result.reason).toMatch(/^messages\.status\.[a-z]+\.sms$/);
    expect(result).toMatchObject({ valid: false, confidence: 'unsure' });
    expect(result.reason).toMatch(
      /^closest is messages\.status\.[a-z]+\.sms, but status "paused" is not one the catalog knows; messages\.status\.[a-z]+\.sms is as near$/,
    );
  });

  it('names a WhatsApp read status with a new status or channel as a WhatsApp status, not v0.1 or inbound', () => {
    const weird = identifyEvent({ ...status('messages.status.read.whatsapp'), status: 'weird' }, postJson);
    expect(weird.shape?.key, weird.reason).toMatch(/^messages\.status\.[a-z]+\.whatsapp$/);
    expect(weird).toMatchObject({ valid: false, confidence: 'unsure' });
    expect(weird.reason).toContain('but status "weird" is not one the catalog knows');
    const telegram = identifyEvent(
      { ...status('messages.status.read.whatsapp'), channel: 'telegram' },
      postJson,
    );
    expect(telegram).toMatchObject({
      shape: { key: 'messages.status.read.whatsapp' },
      valid: false,
      confidence: 'likely',
      reason: 'closest is messages.status.read.whatsapp, but channel "telegram" is not one the catalog knows',
    });
    expect(telegram.errors).toEqual(['/channel must be equal to constant "whatsapp"']);
  });

  it('names an SMS delivery receipt with a new err-code as the SMS receipt, not a Messages v0.1 status', () => {
    const result = identifyEvent({ ...status('sms.delivery_receipt.delivered'), 'err-code': '9999' }, dr);
    expect(result).toMatchObject({
      shape: { key: 'sms.delivery_receipt.delivered' },
      valid: false,
      confidence: 'likely',
      reason: 'closest is sms.delivery_receipt.delivered, but err-code "9999" is not one the catalog knows',
    });
    const paused = identifyEvent({ ...status('sms.delivery_receipt.delivered'), status: 'paused' }, dr);
    expect(paused.shape?.key).toMatch(/^sms\.delivery_receipt\./);
    expect(paused).toMatchObject({ valid: false, confidence: 'unsure' });
    expect(paused.reason).toContain('but status "paused" is not one the catalog knows');
  });

  it('names every status and receipt of the catalog, its status replaced, within its own webhook', () => {
    for (const entry of listEvents().filter((e) =>
      /^(messages\.status|sms\.delivery_receipt)\./.test(e.name),
    )) {
      const format = entry.formats[0];
      const hints = { method: toMethod(format), contentType: toContentType(format) ?? undefined };
      const result = identifyEvent({ ...status(entry.name), status: 'brand_new' }, hints);
      expect(result.shape?.key, `${entry.name}: ${result.reason}`).toMatch(
        entry.name.startsWith('sms.')
          ? /^sms\.delivery_receipt\.[a-z_]+$/
          : new RegExp(`^messages\\.status\\.[a-z_]+\\.${entry.name.split('.').at(-1)}$`),
      );
      expect(result.valid).toBe(false);
      expect(result.reason).toContain('status "brand_new" is not one the catalog knows');
    }
  });
});
