import { describe, expect, it } from 'vitest';
import {
  createNumberInsightAdvancedAsyncScenario as createTyped,
  numberInsightVariants,
} from './number-insight-advanced-async.js';
import { toPlannedScenario } from './scenario-context.js';

// These tests read payloads as JSON records (the planned shape), whatever their event.
const createNumberInsightAdvancedAsyncScenario = (...args: Parameters<typeof createTyped>) =>
  toPlannedScenario(createTyped(...args));

describe('createNumberInsightAdvancedAsyncScenario', () => {
  it("sends one callback with the request's id and the number's country facts", () => {
    const lookup = createNumberInsightAdvancedAsyncScenario({
      seed: 1,
      params: { number: '447400123456', requestId: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab' },
    });
    expect(lookup.webhooks).toHaveLength(1);
    expect(lookup.webhooks[0]).toMatchObject({
      event: 'number_insight.advanced_async.success',
      target: 'number-insight',
    });
    expect(lookup.webhooks[0]?.payload).toMatchObject({
      request_id: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
      international_format_number: '447400123456',
      national_format_number: '07400 123456',
      country_code: 'GB',
      country_code_iso3: 'GBR',
      country_prefix: '44',
    });
    expect(lookup.ids).toEqual({ request_id: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab' });
  });

  it("names carriers of the number's own country in every variant", () => {
    for (const variant of numberInsightVariants) {
      for (let seed = 1; seed <= 5; seed++) {
        const number = variant === 'cnam' ? '14155550123' : '4915112345678';
        const payload =
          createNumberInsightAdvancedAsyncScenario({ seed, params: { number, variant } }).webhooks[0]
            ?.payload ?? {};
        for (const key of ['current_carrier', 'original_carrier']) {
          const carrier = payload[key] as { country: string } | null;
          if (carrier !== null)
            expect(carrier.country, `${variant} ${key}`).toBe(variant === 'cnam' ? 'US' : 'DE');
        }
      }
    }
  });

  it('moves a ported number to another carrier and a roaming one to another country', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const ported =
        createNumberInsightAdvancedAsyncScenario({ seed, params: { variant: 'ported' } }).webhooks[0]
          ?.payload ?? {};
      expect((ported.current_carrier as { network_code: string }).network_code).not.toBe(
        (ported.original_carrier as { network_code: string }).network_code,
      );
      const roaming =
        createNumberInsightAdvancedAsyncScenario({ seed, params: { variant: 'roaming' } }).webhooks[0]
          ?.payload ?? {};
      expect((roaming.roaming as { roaming_country_code: string }).roaming_country_code).not.toBe(
        roaming.country_code,
      );
    }
  });

  it('asks for a US number for CNAM', () => {
    expect(() =>
      createNumberInsightAdvancedAsyncScenario({ params: { variant: 'cnam', number: '447400123456' } }),
    ).toThrow(/needs a US number/);
  });
});
