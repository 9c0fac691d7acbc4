/**
 * Where an event's payload is defined in Vonage's official specs (`../shared/vonage-specs/`).
 */
export interface OfficialSchemaMapping {
  /** Canonical event names (or `<event>@<version>` for another wire shape) this mapping applies to. */
  readonly events: readonly string[];
  /** Spec file name in `../shared/vonage-specs/`. */
  readonly file: string;
  /**
   * JSON pointer to the schema inside the file; for a `oneOf`, the branch of the payload's own
   * channel/type. Several pointers must all pass (an `allOf` checked part by part, when the whole
   * cannot pass for a reason recorded beside the mapping).
   */
  readonly pointer: string | readonly string[];
  /**
   * Top-level fields to drop before validating, each with the reason (a field newer than the 2023
   * spec, or a documented conflict recorded in docs/decisions). Keep this list short and justified.
   */
  readonly omit?: Readonly<Record<string, string>>;
}

/**
 * An event that no official spec defines (Voice webhooks, RCS, newer fields...), with the reason;
 * the completeness test requires every event to have one mapping or the other.
 */
export interface NoOfficialSchema {
  readonly events: readonly string[];
  readonly file: null;
  readonly reason: string;
}

export type OfficialMapping = OfficialSchemaMapping | NoOfficialSchema;
