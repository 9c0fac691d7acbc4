import { type Command, InvalidArgumentError, Option } from 'commander';
import { formatEndUserStep } from '../../../fake-vonage/engine/end-user-script.js';
import { DEFAULT_CALL_WAIT_MS, MAX_CALL_WAIT_MS } from '../../../serve/serve-defaults.js';
import type { CliIo } from '../../shared/io.js';
import { parseRefDate, parseSeed, parseTimeScale } from '../../shared/option-parsers.js';
import {
  createWebhookMethodOption as method,
  createWebhookUrlOption as url,
} from '../../shared/webhook-options.js';
import type { CallCliOptions } from './options.js';

const unitMs: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
// The longest `--timeout` is the longest wait "vws serve" takes (two hours, as long as the longest
// `wait` step), so a standalone call and one through --server take the same timeouts.
const maxTimeoutText = `${MAX_CALL_WAIT_MS / 3_600_000}h`;
const defaultTimeoutText = `${DEFAULT_CALL_WAIT_MS / 1000}s`;

/** Commander parser for `--timeout`: a duration with a unit (`120s`, `500ms`, `2m`), 1 ms to 2 h. */
export function parseDuration(value: string): number {
  const match = /^(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h)$/i.exec(value.trim());
  const ms =
    match === null
      ? Number.NaN
      : Math.round(Number(match[1]) * (unitMs[(match[2] ?? '').toLowerCase()] ?? 0));
  if (!(ms >= 1 && ms <= MAX_CALL_WAIT_MS)) {
    throw new InvalidArgumentError(
      `Use a time from 1ms to ${maxTimeoutText} with a unit (ms, s, m or h), e.g. ${defaultTimeoutText}.`,
    );
  }
  return ms;
}

/** Commander parser for `--server`: the base URL of a running `vws serve`, without path, query or fragment. */
export function parseServerUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (
    url === undefined ||
    !['http:', 'https:'].includes(url.protocol) ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    throw new InvalidArgumentError(
      'Use the URL "vws serve" prints when it starts, e.g. --server http://127.0.0.1:4010.',
    );
  }
  return url.href.replace(/\/+$/, '');
}

const callHelpText = `
Without --server the call runs in an in-process fake Vonage that retries failed webhooks and
falls back to --fallback-answer-url as Vonage does; with --server it runs in that "vws serve",
with its application, signing, retries and log.

Exit codes: 0 when every webhook of the call was accepted, 1 when an NCCO was invalid or a webhook
failed or had no URL to go to, 2 for bad input (a step, a URL, a --server that does not answer).

Examples:
  $ vws call --answer-url http://127.0.0.1:3000/webhooks/answer --event-url http://127.0.0.1:3000/webhooks/event \\
      --press 1 --wait 2s --say "yes please"
  $ vws call --server http://127.0.0.1:4010 --caller 'press 2; wait 30s; hang up' --json > call.json`;

/**
 * The caller's flags. Their steps are kept in the order the flags came: commander runs each
 * option's parser (and emits `option:<name>` for a flag without a value) as it reads argv, left
 * to right.
 */
function addCallerOptions(command: Command, steps: string[]): Command {
  const step =
    (toStep: (value: string) => string) =>
    (value: string, previous: readonly string[] = []): string[] => {
      steps.push(toStep(value));
      return [...previous, value];
    };
  command
    .optionsGroup('The caller, in the order given (repeatable):')
    .option(
      '--press <keys>',
      'press keys: 0-9, * and #, e.g. --press 1 or --press 12#',
      step((keys) => `press ${keys}`),
    )
    // Quoted and escaped as the script reads it back, whatever the text holds.
    .option(
      '--say <text>',
      'say words to an input, e.g. --say "yes please"',
      step((text) => formatEndUserStep({ kind: 'say', text })),
    )
    .option(
      '--wait <duration>',
      'wait before the next step, e.g. --wait 3s or --wait 500ms',
      step((time) => `wait ${time}`),
    )
    .option('--silence', 'let the current input time out')
    .option('--hang-up', 'hang up, whatever is playing')
    .option(
      '--caller <script>',
      'a whole script, e.g. --caller \'press 1; wait 2s; say "yes"; hang up\'',
      step((script) => script),
    );
  command.on('option:silence', () => steps.push('silence'));
  command.on('option:hang-up', () => steps.push('hang up'));
  return command;
}

/** `vws call`: place an inbound call into an app and print how it went. */
export function registerCall(program: Command, io: CliIo): void {
  const steps: string[] = [];
  const command = program
    .command('call')
    .description(
      'Place an inbound call into your app: fetch its answer URL, run the NCCOs it returns, play the caller you script, and print the transcript',
    );
  addCallerOptions(command, steps)
    .optionsGroup('Where the call goes:')
    .addOption(
      new Option(
        '--server <url>',
        'a running "vws serve" (its base URL): the call uses its application and log',
      ).argParser(parseServerUrl),
    )
    .addOption(url('--answer-url', "your app's answer URL (required without --server)"))
    .addOption(method('--answer-method', 'answerUrl', 'the answer URL'))
    .addOption(url('--event-url', "your app's event URL"))
    .addOption(method('--event-method', 'eventUrl', 'the event URL'))
    .addOption(url('--fallback-answer-url', "your app's fallback answer URL"))
    .optionsGroup('Options:')
    .option('--from <number>', 'the caller\'s number, E.164 without "+" (default: a seeded one)')
    .option('--to <number>', 'your Vonage number that is called (default: a seeded one)')
    .option(
      '--seed <n>',
      'seed of ids and draws (default: random, printed on stderr; not with --server)',
      parseSeed,
    )
    .option(
      '--ref-date <date>',
      'Vonage\'s "now" when the call starts (ISO 8601; default: the clock); with --seed a run is byte-identical; not with --server',
      parseRefDate,
    )
    .option(
      '--time-scale <x>',
      'multiply call timing: 0 as fast as the app answers (default), 1 real time; not with --server',
      parseTimeScale,
    )
    .option(
      '--signature-secret <secret>',
      'sign webhooks with this secret (default: $VONAGE_SIGNATURE_SECRET; not with --server)',
    )
    .option(
      '--application-id <id>',
      'the application_id claim of signed webhooks (default: $VONAGE_APPLICATION_ID; not with --server)',
    )
    .option('--json', 'print { lifecycle, ok, failures, transcript } as JSON on stdout')
    .addOption(
      new Option('--timeout <duration>', 'how long to wait for the call to end')
        .argParser(parseDuration)
        .default(DEFAULT_CALL_WAIT_MS, defaultTimeoutText),
    )
    .addHelpText('after', callHelpText)
    .action(async (options: CallCliOptions) => {
      const { runCall } = await import('./action.js');
      return runCall(io, options, steps);
    });
}
