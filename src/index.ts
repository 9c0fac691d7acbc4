// `vonage-webhook-simulator`: the Node entry point, everything but msw.

export {
  formatNccoIssues,
  type NccoActionName,
  type NccoEndpointType,
  type NccoIssue,
  type NccoResponse,
  type NccoResponseResult,
  type NccoValidationResult,
  nccoActions,
  nccoEndpointTypes,
  type ParseNccoResponseOptions,
  parseNccoResponse,
  type ValidateNccoOptions,
  validateNcco,
} from './delivery/ncco.js';
export { negativeSigningModes, type SigningMode, signingModes } from './delivery/signing-modes.js';
export {
  type RequestParts,
  type ToRequestOptions,
  toRequest,
  toRequestParts,
  type WebhookEvent,
} from './delivery/to-request.js';
export * from './fixtures/index.js';
export { configSchema } from './schemas/config.js';
export { getSchema, type JsonSchema, toSchemaId, toSchemaKey } from './schemas/index.js';
export { nccoSchema } from './schemas/ncco.js';
export { constantTimeEqual } from './signing/constant-time.js';
export {
  type SignWebhookJwtOptions,
  signWebhookJwt,
  toPayloadHash,
  type VerifyJwtResult,
  type VerifyWebhookJwtOptions,
  verifyWebhookJwt,
  type WebhookJwtClaims,
} from './signing/jwt.js';
export {
  computeSmsSignature,
  isSmsSignatureMethod,
  type SignSmsOptions,
  type SmsSignatureMethod,
  signSmsParams,
  smsSignatureMethods,
  toSmsSignatureBase,
  type VerifyResult,
  type VerifySmsSignatureOptions,
  verifySmsSignature,
} from './signing/sms-signature.js';
