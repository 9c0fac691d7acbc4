// The schema registry is in the fixtures room (src/fixtures/get-schema.ts), so that
// `vonage-webhook-simulator/fixtures` reaches it; this room adds the validation on top of it.
export { getSchema, type JsonSchema, toSchemaId, toSchemaKey } from '../fixtures/get-schema.js';
