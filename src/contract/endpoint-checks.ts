import type { CatalogEntry } from '../fixtures/catalog.js';
import type { TransportFormat } from '../fixtures/shared/define-event.js';
import { negativeSigningModes, type SigningMode } from '../signing/signing-modes.js';
import type { ContractEndpoint } from './config.js';

/** The transport an endpoint receives an event in: its own `format`, else what its method implies. */
export function formatFor(
  endpoint: ContractEndpoint,
  formats: readonly TransportFormat[],
): TransportFormat | undefined {
  if (endpoint.format !== undefined) return endpoint.format;
  if (endpoint.method === 'GET') return 'query';
  if (endpoint.method === 'POST') return formats.find((format) => format !== 'query') ?? 'json';
  return undefined;
}

// Which negative modes can be caught at all: none on unsigned webhooks; alg-none only on JWTs; on a
// JWT-signed GET the payload_hash covers an empty body, so an edited query cannot be told apart
// (docs/decisions/008-signing-defaults-and-get-payload-hash.md).
function applicableModes(scheme: string, format: TransportFormat): Exclude<SigningMode, 'valid'>[] {
  if (scheme === 'none') return [];
  return negativeSigningModes.filter(
    (mode) =>
      !(mode === 'alg-none' && scheme !== 'jwt') &&
      !(mode === 'tampered-body' && scheme === 'jwt' && format === 'query'),
  );
}

/**
 * The signing modes an event is sent in to an endpoint: `valid`, and on an endpoint that verifies
 * signatures, each negative mode that applies and the endpoint asks for.
 */
export function toSigningModes(
  endpoint: ContractEndpoint,
  entry: CatalogEntry,
  format: TransportFormat | undefined,
  position: number,
): SigningMode[] {
  return [
    'valid',
    // Negative modes once per endpoint, on its first event: they test the endpoint's check, not the payload.
    ...(endpoint.verifiesSignature && position === 0
      ? applicableModes(entry.signing, format ?? entry.formats[0]).filter(
          (mode) => endpoint.negativeModes === undefined || endpoint.negativeModes.includes(mode),
        )
      : []),
  ];
}
