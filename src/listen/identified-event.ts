// identifyEvent's typed result (issue 13): the payload it named, narrowed by the event's name.
import type { EventName, WebhookEventMap, WebhookVersionMap } from '../fixtures/events.js';

/**
 * A payload named as one event, typed by that name: a union over every event (and each of its other
 * wire shapes, by `version`), so checking `name` narrows `payload`.
 */
export type IdentifiedEvent = {
  [N in EventName]:
    | { readonly name: N; readonly version: undefined; readonly payload: WebhookEventMap[N] }
    | {
        [V in keyof WebhookVersionMap[N] & string]: {
          readonly name: N;
          readonly version: V;
          readonly payload: WebhookVersionMap[N][V];
        };
      }[keyof WebhookVersionMap[N] & string];
}[EventName];

/** The identified event when the payload validates against the shape named, else `undefined`. */
export function toIdentifiedEvent(
  identification: {
    readonly shape: { readonly name: EventName; readonly version: string | undefined } | undefined;
    readonly valid: boolean;
  },
  payload: unknown,
): IdentifiedEvent | undefined {
  const { shape, valid } = identification;
  if (shape === undefined || !valid) return undefined;
  return { name: shape.name, version: shape.version, payload } as IdentifiedEvent;
}
