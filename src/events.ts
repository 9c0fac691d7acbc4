import { aliases, registry } from './fixtures/registry.js';
import type { PayloadOf, VersionsOf } from './fixtures/shared/define-event.js';

type Registry = typeof registry;
type Aliases = typeof aliases;

/** A canonical event name: one per webhook variant, `<api>.<webhook>[.<variant>...]`. */
export type EventName = keyof Registry & string;
/** A family name that stands for its default variant (`sms.inbound` means `sms.inbound.text`). */
export type EventAlias = keyof Aliases & string;

/**
 * Maps every event name and family name to its payload type.
 *
 * @example
 * ```ts
 * import type { WebhookEventMap } from 'vonage-webhook-simulator';
 * type Receipt = WebhookEventMap['sms.delivery_receipt.expired'];
 * ```
 */
export type WebhookEventMap = {
  [K in EventName | EventAlias]: K extends EventName
    ? PayloadOf<Registry[K]>
    : K extends EventAlias
      ? PayloadOf<Registry[Aliases[K] & EventName]>
      : never;
};

/** The canonical event a name or family name means. */
export type ResolveEventName<TName extends EventName | EventAlias> = TName extends EventName
  ? TName
  : TName extends EventAlias
    ? Aliases[TName] & EventName
    : never;

/**
 * Maps every event name to its other wire shapes (version name to payload type), such as the
 * legacy Messages `v0.1` format.
 *
 * @example
 * ```ts
 * import type { WebhookVersionMap } from 'vonage-webhook-simulator';
 * type LegacyInbound = WebhookVersionMap['messages.inbound.sms.text']['v0.1'];
 * ```
 */
export type WebhookVersionMap = {
  [K in EventName | EventAlias]: VersionsOf<Registry[ResolveEventName<K>]>;
};

/** The version names an event has besides its default shape. */
export type EventVersion<TName extends EventName | EventAlias> = keyof WebhookVersionMap[TName] & string;

/** Every canonical event name, in catalog order. */
export const eventNames = Object.keys(registry) as readonly EventName[];

/** Every family name, each standing for its default variant. */
export const eventAliases: Readonly<Record<EventAlias, EventName>> = aliases as Readonly<
  Record<EventAlias, EventName>
>;
