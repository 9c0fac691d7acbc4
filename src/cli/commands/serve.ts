import { type Command, InvalidArgumentError, Option } from 'commander';
import { smsWebhookFormats } from '../../fake-vonage/types.js';
import { type SmsSignatureMethod, smsSignatureMethods } from '../../signing/sms-signature-methods.js';
import type { CliIo } from '../io.js';
import { parsePort, parseRefDate, parseSeed } from '../options.js';

/** `vws serve` options after parsing. */
export interface ServeCliOptions {
  readonly port: number;
  readonly host: string;
  readonly webhookBaseUrl?: string;
  readonly signatureSecret?: string;
  readonly smsSignatureMethod?: SmsSignatureMethod;
  readonly smsWebhookFormat?: (typeof smsWebhookFormats)[number];
  readonly apiKey?: string;
  readonly apiSecret?: string;
  readonly applicationId?: string;
  readonly seed?: number;
  readonly refDate?: number;
  readonly log?: string;
  readonly timeScale: number;
  readonly json?: boolean;
}

/** Commander parser for `--time-scale`: a finite number of 0 or more. */
export function parseTimeScale(value: string): number {
  const scale = Number(value);
  if (value.trim() === '' || !Number.isFinite(scale) || scale < 0)
    throw new InvalidArgumentError('Use 0 (at once), 1 (real time) or a factor such as 0.1.');
  return scale;
}

/** `vws serve`: the fake Vonage REST API as a local HTTP server. */
export function registerServe(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description(
      "Run a fake Vonage REST API locally: answer your app's SMS, Voice, Messages, Number Insight and Verify calls as Vonage does and send the webhooks that follow",
    )
    .option('--port <port>', 'port to listen on', parsePort, 4010)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option(
      '--webhook-base-url <url>',
      "your app's base URL: application webhooks go to <url>/webhooks/answer, /event, /inbound, /status, /inbound-sms, /delivery-receipt, ...",
    )
    .option(
      '--signature-secret <secret>',
      'sign webhooks with this secret (default: $VONAGE_SIGNATURE_SECRET)',
    )
    .addOption(
      new Option(
        '--sms-signature-method <method>',
        'also sign SMS webhooks (sig) with this method (needs a signature secret)',
      ).choices(smsSignatureMethods),
    )
    .addOption(
      new Option('--sms-webhook-format <format>', 'SMS webhook format (dashboard setting)')
        .choices(smsWebhookFormats)
        .default('POST-JSON'),
    )
    .option('--api-key <key>', 'the account API key (default: $VONAGE_API_KEY; any key when unset)')
    .option('--api-secret <secret>', 'the account API secret (default: $VONAGE_API_SECRET; any when unset)')
    .option(
      '--application-id <id>',
      'the application id JWTs must carry (default: $VONAGE_APPLICATION_ID; any when unset)',
    )
    .option('--seed <n>', 'seed of every id and lifecycle (default: random, printed on stderr)', parseSeed)
    .option(
      '--ref-date <date>',
      'freeze Vonage\'s "now" in payloads (ISO 8601; default: the clock)',
      parseRefDate,
    )
    .option('--time-scale <x>', 'multiply webhook timing: 1 real time, 0 at once', parseTimeScale, 1)
    .option('--log <file>', 'write every API call and webhook as NDJSON to this file')
    .option('--json', 'print each API call and webhook as one JSON line on stdout')
    .addHelpText(
      'after',
      `
Without x-vws-original-host (added by the preload), /sms/... is taken for rest.nexmo.com and every
other path for api.nexmo.com. Its own endpoints: GET /_vws/requests, GET /_vws/deliveries,
GET /_vws/lifecycles, GET /_vws/settled, POST /_vws/inbound/sms|call|message (JSON params),
POST /_vws/reset.

Examples:
  $ vws serve --webhook-base-url http://127.0.0.1:3000 --signature-secret "$VONAGE_SIGNATURE_SECRET"
  $ VWS_FAKE_VONAGE_URL=http://127.0.0.1:4010 node --import vonage-webhook-simulator/register app.js
  $ curl -X POST http://127.0.0.1:4010/_vws/inbound/sms -d '{"text":"STOP"}'`,
    )
    .action(async (options: ServeCliOptions) => {
      const { runServe } = await import('../actions/serve-action.js');
      return runServe(io, options);
    });
}
