import type { Faker } from '@faker-js/faker';
import { createSeededFaker } from '../fixtures/shared/context.js';

/** FNV-1a over a string: a stable 32-bit hash for naming random streams. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * A faker of its own for one random stream of a scenario (`<scenario>` for the story, `<scenario>:chaos:jitter`
 * and so on for chaos). Scenarios call `generate()` between their draws, and `generate()` re-seeds the
 * fixtures' private instance, so a scenario cannot share it (docs/decisions/080).
 */
export function createScenarioFaker(seed: number, stream: string): Faker {
  // The same kind of instance as the fixtures' own (decision 002).
  return createSeededFaker([seed, hashString(stream)]);
}

/**
 * The seed of one webhook's payload: the scenario seed folded with the scenario name and the webhook's
 * role (`started`, `step:1`, `part:2`), so a payload keeps its seed when other webhooks are added.
 */
export function deriveSeed(seed: number, scenario: string, role: string): number {
  return hashString(`${seed}\u0000${scenario}\u0000${role}`);
}
