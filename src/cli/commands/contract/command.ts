import type { Command } from 'commander';
import type { CliIo } from '../../shared/io.js';
import { parseSeed } from '../../shared/option-parsers.js';
// Types only from ./options.js: its config reader brings in ajv, which `vws --help` must not load.
import type { ContractCliOptions } from './options.js';

/** `vws contract`: run the contract of every endpoint in the config. */
export function registerContract(program: Command, io: CliIo): void {
  program
    .command('contract')
    .description(
      "Check your endpoints against Vonage's contract: every variant they receive, in every form real traffic has, without optional fields and with an unknown field, and every forged or tampered signature they must reject",
    )
    .option(
      '--config <file>',
      'the contract config (JSON; schema: schemas/vws.config.schema.json)',
      'vws.config.json',
    )
    .option('--base-url <url>', "base URL of your app (overrides the config's baseUrl)")
    .option(
      '--signature-secret <secret>',
      'signature secret (default: $VONAGE_SIGNATURE_SECRET, then the config)',
    )
    .option('--api-key <key>', 'API key for JWT claims (default: $VONAGE_API_KEY, then the config)')
    .option(
      '--application-id <id>',
      'application id for JWT claims (default: $VONAGE_APPLICATION_ID, then the config)',
    )
    .option('--seed <n>', "seed of the payloads (default: the config's, else random; printed)", parseSeed)
    .option('--json', 'print the JSON report on stdout (nothing else goes there)')
    .option('--junit <file>', 'write a JUnit XML report to this file')
    .addHelpText(
      'after',
      `
Exit codes: 0 when every check passed, 1 when any failed or nothing listens at the base URL (said
once, after one check), 2 for bad input (a config that fails its schema is reported with the JSON
path; an unwritable --junit path, checked before anything is sent), 130 on Ctrl-C (the verdict so
far is printed and the partial reports written).

Besides "delivers", each event is sent in every form real traffic has ("delivers timestamp=seconds";
config "forms": "every" by default, "documented" for none, or named forms such as
{ "timestamp": "seconds" } used in every check), without its optional fields and with an unknown
field added (config "defensive": false turns these two off). An endpoint may set its own.

Examples:
  $ vws contract --config vws.config.json --base-url http://127.0.0.1:3000
  $ VONAGE_SIGNATURE_SECRET=... vws contract --junit reports/vonage-contract.xml`,
    )
    .action(async (options: ContractCliOptions) => {
      const { runContractCommand } = await import('./action.js');
      return runContractCommand(io, options);
    });
}
