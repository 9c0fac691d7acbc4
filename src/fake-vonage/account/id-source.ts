import type { Faker } from '@faker-js/faker';
import { createSeededFaker } from '../../fixtures/shared/context.js';
import {
  createConversationUuid,
  createHex32,
  createSmsMessageId,
  createUuid,
} from '../../fixtures/shared/ids.js';
import { createRandomizer } from '../../internal/prng.js';

/** The fake's own seeded source of ids: one stream per fake, drawn in the order of the requests. */
export interface IdSource {
  /** The fake's faker (for country and carrier picks). */
  readonly faker: Faker;
  uuid(): string;
  conversationUuid(): string;
  smsMessageId(): string;
  /** 32 lower-case hex characters: the `X-Nexmo-Trace-Id` and problem `instance` form. */
  traceId(): string;
  /** A seed for one lifecycle (a non-negative safe integer). */
  lifecycleSeed(): number;
}

/**
 * Creates an id source seeded with `seed`. It owns its faker instead of re-seeding the fixtures'
 * shared one, because lifecycles generated between two API calls would otherwise move its stream
 * (docs/decisions/002-seeded-randomness.md).
 */
export function createIdSource(seed: number): IdSource {
  // A stream of its own: the seed folded with a fixed tag, so the fake's ids differ from the payloads'.
  const faker = createSeededFaker([seed, 0x66616b65]);
  return {
    faker,
    uuid: () => createUuid(faker),
    conversationUuid: () => createConversationUuid(faker),
    smsMessageId: () => createSmsMessageId(faker),
    traceId: () => createHex32(faker),
    lifecycleSeed: () => faker.number.int({ min: 0, max: 2 ** 31 - 1 }),
  };
}

/**
 * A stream of version 4 UUIDs from `seed` and a tag: the `nonce`/`jti` of one lifecycle's signatures,
 * so that a lifecycle's requests do not depend on when other lifecycles sign theirs.
 */
export function createUuidStream(seed: number, tag: number): () => string {
  const randomizer = createRandomizer();
  randomizer.seed([seed, tag]);
  const hex8 = () =>
    Math.floor(randomizer.next() * 4294967296)
      .toString(16)
      .padStart(8, '0');
  return () => {
    const a = hex8();
    const b = hex8();
    const c = hex8();
    const d = hex8();
    const variant = ((Number.parseInt(c.slice(0, 1), 16) & 0x3) | 0x8).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
  };
}
