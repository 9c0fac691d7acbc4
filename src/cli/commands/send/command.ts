import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_RETRY_MODE, retryModes } from '../../../delivery/sender-types.js';
import { DEFAULT_SUCCESS_RANGE } from '../../../delivery/success-range.js';
import type { CliIo } from '../../shared/io.js';
import { MAX_WHOLE_NUMBER, parsePositiveInteger, parseTimeScale } from '../../shared/option-parsers.js';
import { addPayloadOptions } from '../../shared/payload-options.js';
import { addSigningOptions } from '../../shared/signing-options.js';
import type { SendCliOptions } from './options.js';

/** Commander parser for a status range such as `200-205` or `204`. */
export function parseStatusRange(value: string): { min: number; max: number } {
  const match = /^([1-5]\d\d)(?:-([1-5]\d\d))?$/.exec(value);
  const min = Number(match?.[1]);
  const max = Number(match?.[2] ?? match?.[1]);
  if (match === null || min > max)
    throw new InvalidArgumentError('Use a status or a range, e.g. --expect 200-205 or --expect 204.');
  return { min, max };
}

/** Vonage's rule as `--expect` writes it: `200-205`. */
const defaultExpect = `${DEFAULT_SUCCESS_RANGE.min}-${DEFAULT_SUCCESS_RANGE.max}`;

/** Commander parser for `--rate`: a number above 0. */
function parsePositiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new InvalidArgumentError('Use a number above 0, e.g. 50.');
  return number;
}

/** Commander parser for `--count`: a whole number from 1 to {@link MAX_WHOLE_NUMBER}. */
function parseCount(value: string): number {
  const number = Number(value);
  if (!/^-?\d+$/.test(value) || number < 1)
    throw new InvalidArgumentError('Use a whole number of 1 or more, e.g. --count 100.');
  // 1e20 would parse and then run for ever (issue 11).
  if (number > MAX_WHOLE_NUMBER)
    throw new InvalidArgumentError(`Use a whole number of 1 or more, at most ${MAX_WHOLE_NUMBER}.`);
  return number;
}

/** `vws send <event>`: deliver webhooks to a URL and judge the answers by Vonage's rule. */
export function registerSend(program: Command, io: CliIo): void {
  const command = program
    .command('send')
    .description(
      `Deliver webhooks the way Vonage does and judge each answer by Vonage's rule (${defaultExpect}, a valid NCCO where due)`,
    )
    .argument('<event>', 'event name or family name (see "vws list")');
  addSigningOptions(addPayloadOptions(command))
    .option('--count <n>', 'how many webhooks (each with the next seed)', parseCount, 1)
    .option('--concurrency <n>', 'deliveries in flight at once', parsePositiveInteger, 8)
    .option('--rate <n>', 'at most this many deliveries per second', parsePositiveNumber)
    .addOption(
      new Option('--expect <range>', 'statuses that count as delivered')
        .argParser(parseStatusRange)
        .default(DEFAULT_SUCCESS_RANGE, defaultExpect),
    )
    .option(
      '--timeout <ms>',
      "response timeout in milliseconds (default: Vonage's for the webhook)",
      parsePositiveInteger,
    )
    .addOption(
      new Option(
        '--retries <mode>',
        'vonage: retry, back off and fall back as Vonage does; none: one attempt',
      )
        .choices(retryModes)
        .default(DEFAULT_RETRY_MODE),
    )
    .option(
      '--fallback-url <url>',
      'the fallback answer URL (Voice webhooks answered with an NCCO, with --retries vonage)',
    )
    .option(
      '--max-attempts <n>',
      "with --retries vonage: at most this many attempts per webhook, fallback included (default: Vonage's whole schedule)",
      parsePositiveInteger,
    )
    .option(
      '--time-scale <x>',
      'with --retries vonage: multiply every wait between retries by this; 0 does not wait, 1 is real time (default: 1)',
      parseTimeScale,
    )
    .option('--json', 'print the JSON report on stdout (nothing else goes there)')
    .option('--junit <file>', 'write a JUnit XML report to this file')
    .addHelpText(
      'after',
      `
With a negative --signing-mode (a forged webhook) the expectation is a rejection, 400-599 (or a
narrower --expect): each is reported "rejected, as it should" or "ACCEPTED a forged webhook".

With --retries vonage a webhook that keeps failing is retried over Vonage's whole horizon (up to
24 hours for Messages and inbound SMS, 72 hours for SMS delivery receipts), in real time by default:
bound it with --max-attempts and --time-scale, e.g. --max-attempts 5 --time-scale 0.

Exit codes: 0 when every delivery met the expectation, 1 when any failed (including refused
connections and timeouts), 2 for bad input.

Examples:
  $ vws send sms.inbound --url http://127.0.0.1:3000/webhooks/inbound-sms
  $ vws send messages.status.delivered --url http://127.0.0.1:3000/webhooks/status --api-key a1b2c3d4 --signature-secret "$VONAGE_SIGNATURE_SECRET"
  $ vws send voice.answer --url http://127.0.0.1:3000/webhooks/answer --retries vonage --fallback-url http://127.0.0.1:3000/webhooks/fallback
  $ vws send messages.status.read --url http://127.0.0.1:3000/webhooks/status --retries vonage --max-attempts 5 --time-scale 0
  $ vws send sms.delivery_receipt --count 1000 --concurrency 32 --rate 200 --json > report.json`,
    )
    .action(async (event: string, options: SendCliOptions, self: Command) => {
      const [{ runSend }, { checkSendFlags }] = await Promise.all([
        import('./action.js'),
        import('./options.js'),
      ]);
      // Before anything is printed (the placeholder API key's note) or sent.
      checkSendFlags(event, options);
      const expectGiven = self.getOptionValueSource('expect') !== 'default';
      return runSend(io, event, { ...options, expectGiven });
    });
}
