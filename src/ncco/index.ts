// The NCCO room's face: what the other rooms (delivery, fake-vonage, generate, the root entry) use.
// Not a package entry point; the modules behind it import each other directly.
export type { NccoIssue, NccoValidationResult } from './engine/issues.js';
export {
  type NccoActionName,
  type NccoEndpointType,
  nccoActions,
  nccoEndpointTypes,
  nccoRules,
} from './ncco-rules.js';
export { nccoSchema } from './ncco-schema.js';
export {
  type NccoResponse,
  type NccoResponseResult,
  type ParseNccoResponseOptions,
  parseNccoResponse,
} from './parse-ncco-response.js';
export { formatNccoIssues, type ValidateNccoOptions, validateNcco } from './validate-ncco.js';
