import { VwsError } from '../errors.js';
import { getEvent } from '../fixtures/catalog.js';
import { PLACEHOLDER_API_KEY } from '../signing/placeholder-api-key.js';
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

/** Whether `text` is an absolute http(s) URL, which a contract's endpoint paths resolve against. */
export function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** The first JWT-signed event the config's endpoints receive, if any. */
export function firstJwtEvent(config: ContractConfig): string | undefined {
  return config.endpoints
    .flatMap((endpoint) => expandEvents(endpoint.events))
    .find((event) => getEvent(event).signing === 'jwt');
}

/**
 * Resolves a run's settings and checks that they are enough for the config: a base URL, the
 * signature secret for endpoints that verify signatures; JWT-signed events without an API key carry
 * {@link PLACEHOLDER_API_KEY}.
 */
export function toContractSettings(config: ContractConfig, given: ContractSettingsInput): ContractSettings {
  const baseUrl = given.baseUrl ?? config.baseUrl;
  if (baseUrl === undefined) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      'No base URL: set "baseUrl" in the config or pass --base-url http://127.0.0.1:3000.',
    );
  }
  if (!isHttpUrl(baseUrl)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Invalid base URL "${baseUrl}": use an absolute http(s) URL such as http://127.0.0.1:3000 ("baseUrl" in the config, or --base-url).`,
    );
  }
  const secret = given.signatureSecret ?? config.signatureSecret;
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
  // A JWT-signed event without an API key carries the placeholder key, as `vws send` does (issue 11).
  const apiKey =
    given.apiKey ??
    config.apiKey ??
    (secret !== undefined && secret !== '' && firstJwtEvent(config) !== undefined
      ? PLACEHOLDER_API_KEY
      : undefined);
  return { baseUrl, secret, apiKey, applicationId, seed, now };
}
