import { VwsError } from '../errors.js';
import { getEvent } from '../fixtures/catalog.js';
import { type ContractConfig, expandEvents } from './config.js';

/** What a run's options set over the config's values. */
export interface ContractSettingsInput {
  readonly baseUrl?: string;
  readonly signatureSecret?: string;
  readonly apiKey?: string;
  readonly applicationId?: string;
  readonly seed?: number;
  readonly now?: () => number;
}

/** The values a contract run uses: the options', else the config's, else the defaults. */
export interface ContractSettings {
  readonly baseUrl: string;
  readonly secret: string | undefined;
  readonly apiKey: string | undefined;
  readonly applicationId: string | undefined;
  readonly seed: number;
  readonly now: () => number;
}

/**
 * Resolves a run's settings and checks that they are enough for the config: a base URL, the
 * signature secret for endpoints that verify signatures, and the API key for JWT-signed events.
 */
export function toContractSettings(config: ContractConfig, given: ContractSettingsInput): ContractSettings {
  const baseUrl = given.baseUrl ?? config.baseUrl;
  if (baseUrl === undefined) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      'No base URL: set "baseUrl" in the config or pass --base-url http://127.0.0.1:3000.',
    );
  }
  const secret = given.signatureSecret ?? config.signatureSecret;
  const apiKey = given.apiKey ?? config.apiKey;
  const applicationId = given.applicationId ?? config.applicationId;
  const seed = given.seed ?? config.seed ?? 1;
  const now = given.now ?? Date.now;
  config.endpoints.forEach((endpoint, index) => {
    if (endpoint.verifiesSignature && (secret === undefined || secret === '')) {
      throw new VwsError(
        'VWS_ERR_INVALID_OPTION',
        `Endpoint $.endpoints[${index}] verifies signatures, so the contract needs the signature secret: set VONAGE_SIGNATURE_SECRET or pass --signature-secret.`,
      );
    }
  });
  if (secret !== undefined && secret !== '' && (apiKey === undefined || apiKey === '')) {
    const jwtEvent = config.endpoints
      .flatMap((endpoint) => expandEvents(endpoint.events))
      .find((event) => getEvent(event).signing === 'jwt');
    if (jwtEvent !== undefined) {
      throw new VwsError(
        'VWS_ERR_INVALID_OPTION',
        `${jwtEvent} is signed with a JWT, whose api_key claim needs the API key: set VONAGE_API_KEY, pass --api-key, or set "apiKey" in the config.`,
      );
    }
  }
  return { baseUrl, secret, apiKey, applicationId, seed, now };
}
