import { describe, expectTypeOf, it } from 'vitest';
import { createScenario, type ScenarioName, type ScenarioParamsMap } from './create-scenario.js';
import type { Scenario } from './types.js';

describe('createScenario types', () => {
  it('narrows params by scenario name', () => {
    expectTypeOf(createScenario('voice.outbound', { params: { outcome: 'busy' } })).toEqualTypeOf<Scenario>();
    expectTypeOf<ScenarioParamsMap['messages.send']['channel']>().toEqualTypeOf<
      'sms' | 'mms' | 'rcs' | 'whatsapp' | 'messenger' | 'viber_service'
    >();
    // @ts-expect-error: "delivered" is a Messages outcome, not a voice one
    createScenario('voice.outbound', { params: { outcome: 'delivered' } });
    // @ts-expect-error: sms.send has no channel param
    createScenario('sms.send', { params: { channel: 'sms' } });
    // @ts-expect-error: not a scenario name
    createScenario('sms.sned');
  });

  it('lists every name of the params map', () => {
    expectTypeOf<keyof ScenarioParamsMap>().toEqualTypeOf<ScenarioName>();
  });
});
