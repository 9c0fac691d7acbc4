import { type ContractConfig, parseContractConfig } from '../../../contract/config.js';
import type { RunContractOptions } from '../../../contract/run-contract.js';
import { VwsError } from '../../../errors.js';
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
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new VwsError(
      'VWS_ERR_INVALID_JSON',
      `Malformed JSON in ${path}: ${(error as Error).message}. Fix the file.`,
    );
  }
  return parseContractConfig(parsed, path);
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
  if (options.baseUrl !== undefined) {
    try {
      new URL(options.baseUrl);
    } catch {
      throw new VwsError(
        'VWS_ERR_INVALID_OPTION',
        `Invalid --base-url "${options.baseUrl}": use an absolute http(s) URL such as http://127.0.0.1:3000.`,
      );
    }
  }
  const secret = options.signatureSecret ?? io.env.VONAGE_SIGNATURE_SECRET ?? config.signatureSecret;
  const apiKey = options.apiKey ?? io.env.VONAGE_API_KEY ?? config.apiKey;
  const applicationId = options.applicationId ?? io.env.VONAGE_APPLICATION_ID ?? config.applicationId;
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
