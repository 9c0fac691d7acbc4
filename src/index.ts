// `vonage-webhook-simulator`: the Node entry point, everything but msw.
export * from './fixtures/index.js';
export { getSchema, type JsonSchema, toSchemaId, toSchemaKey } from './schemas/index.js';
