import { type ContractConfig, parseContractConfigText } from '../../../contract/config.js';
import { firstJwtEvent, isHttpUrl } from '../../../contract/contract-settings.js';
import type { RunContractOptions } from '../../../contract/run-contract.js';
import { VwsError } from '../../../errors.js';
import { PLACEHOLDER_API_KEY } from '../../../signing/placeholder-api-key.js';
import type { CliIo } from '../../shared/io.js';

/** `vws contract` options after parsing. */
export interface ContractCliOptions {
  readonly config: string;
  readonly baseUrl?: string;
  readonly signatureSecret?: string;
  readonly apiKey?: string;
  readonly applicationId?: string;
  readonly seed?: number;
  readonly json?: boolean;
  readonly junit?: string;
}

/** Reads and checks the `--config` file (JSON, against the config schema). */
async function readConfig(io: CliIo, path: string): Promise<ContractConfig> {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Cannot read the config ${path}: create it (see examples/receiver/vws.config.json) or pass --config <file>.`,
    );
  }
  // One line for malformed JSON: V8's own message quotes the file, new lines and all (issue 11).
  return parseContractConfigText(text, path);
}

/**
 * The contract run the flags ask for: the config, `--base-url` (checked), and each credential from
 * its flag, then the VONAGE_* environment, then the config; the seed is random when none is given.
 */
export async function toRunContractOptions(
  io: CliIo,
  options: ContractCliOptions,
): Promise<RunContractOptions & { readonly seed: number }> {
  const config = await readConfig(io, options.config);
  if (options.baseUrl !== undefined && !isHttpUrl(options.baseUrl)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Invalid --base-url ${JSON.stringify(options.baseUrl)}: use an absolute http(s) URL such as http://127.0.0.1:3000.`,
    );
  }
  const secret = options.signatureSecret ?? io.env.VONAGE_SIGNATURE_SECRET ?? config.signatureSecret;
  const apiKey = options.apiKey ?? io.env.VONAGE_API_KEY ?? config.apiKey;
  const applicationId = options.applicationId ?? io.env.VONAGE_APPLICATION_ID ?? config.applicationId;
  if (secret !== undefined && secret !== '' && (apiKey === undefined || apiKey === '')) {
    const jwtEvent = firstJwtEvent(config);
    if (jwtEvent !== undefined)
      io.stderr.write(
        `vws: note: JWT-signed events (${jwtEvent}, ...) carry the placeholder API key ${PLACEHOLDER_API_KEY} in their api_key claim; if your app checks it, pass your real key with --api-key, VONAGE_API_KEY or "apiKey" in the config.\n`,
      );
  }
  return {
    config,
    seed: options.seed ?? config.seed ?? io.randomSeed(),
    now: io.now,
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    ...(secret === undefined || secret === '' ? {} : { signatureSecret: secret }),
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(applicationId === undefined ? {} : { applicationId }),
  };
}
