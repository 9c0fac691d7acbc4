import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_RETRY_MODE, DEFAULT_TIME_SCALE, retryModes } from '../../../delivery/sender-types.js';
import { DEFAULT_SMS_WEBHOOK_FORMAT } from '../../../fake-vonage/defaults.js';
import { smsWebhookFormats } from '../../../fake-vonage/types.js';
import { DEFAULT_SERVER_HOST } from '../../../serve/serve-defaults.js';
import { smsSignatureMethods } from '../../../signing/sms-signature-methods.js';
import type { CliIo } from '../../shared/io.js';
import { parsePort, parseRefDate, parseSeed, parseTimeScale } from '../../shared/option-parsers.js';
import {
  createWebhookMethodOption as method,
  parseWebhookBaseUrl,
  createWebhookUrlOption as url,
} from '../../shared/webhook-options.js';
import type { ServeCliOptions } from './options.js';

/** Commander parser for `--end-user NUMBER=SCRIPT` (repeatable): collects the scripts by number. */
export function parseEndUser(
  value: string,
  previous: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const match = /^\s*\+?(\d{7,15})\s*=(.*)$/s.exec(value);
  if (match === null) {
    throw new InvalidArgumentError(
      "Use NUMBER=SCRIPT, e.g. --end-user '447700900002=busy' or '447700900001=press 1; hang up'.",
    );
  }
  return { ...previous, [match[1] as string]: (match[2] as string).trim() };
}

const serveHelpText = `
Where webhooks go, as on Vonage (a URL an API request names wins over these):
  1. Flags, like the dashboard's fields; --webhook-base-url fills the ones not given:
     $ vws serve --webhook-base-url http://127.0.0.1:3000 --answer-url http://127.0.0.1:3000/voice/answer \\
         --answer-method POST --sms-dlr-url http://127.0.0.1:3000/track-dlr
  2. --application: your application as the Applications API returns it (flags win over it):
     $ curl -u "$VONAGE_API_KEY:$VONAGE_API_SECRET" https://api.nexmo.com/v2/applications/$VONAGE_APPLICATION_ID > app.json
     $ vws serve --application app.json --sms-inbound-url http://127.0.0.1:3000/inbound-sms
  3. While it runs, through the fake's own Applications API (POST /v2/applications,
     PUT /v2/applications/:id; GET /v2/applications lists the served one's id) and account
     settings API (POST /account/settings), as an SDK would:
     $ curl -u KEY:SECRET -X PUT http://127.0.0.1:4010/v2/applications/$APP_ID -H 'content-type: application/json' \\
         -d '{"name":"app","capabilities":{"voice":{"webhooks":{"answer_url":{"address":"http://127.0.0.1:3000/answer","http_method":"GET"}}}}}'
     $ curl -u KEY:SECRET http://127.0.0.1:4010/account/settings \\
         -d moCallBackUrl=http://127.0.0.1:3000/inbound-sms -d drCallBackUrl=http://127.0.0.1:3000/track-dlr
The start-up lines on stderr show where each kind of webhook goes.

Without x-vws-original-host (added by the preload), /sms/... and /account/... are taken for
rest.nexmo.com and every other path for api.nexmo.com. Its own endpoints: GET /_vws/requests,
GET /_vws/deliveries, GET /_vws/lifecycles, GET /_vws/webhooks, GET /_vws/settled[?strict=true],
GET /_vws/wait?event=NAME, GET|POST|DELETE /_vws/outcomes ({"to","outcome"}),
POST /_vws/inbound/sms|call|message (JSON params, "overrides" for payload fields; a call takes
"caller" steps and "wait": true for its transcript), GET /_vws/lifecycles/:index/transcript,
POST /_vws/reset. Place a call from a terminal with "vws call --server URL --press 1".

Examples:
  $ vws serve --webhook-base-url http://127.0.0.1:3000 --signature-secret "$VONAGE_SIGNATURE_SECRET"
  $ VWS_FAKE_VONAGE_URL=http://127.0.0.1:4010 node --import vonage-webhook-simulator/register app.js
  $ curl -X POST http://127.0.0.1:4010/_vws/inbound/sms -d '{"text":"STOP"}'
  $ curl -X POST http://127.0.0.1:4010/_vws/inbound/message \\
      -d '{"channel":"rcs","messageType":"reply","overrides":{"reply":{"id":"brazil","title":"Brazil"}}}'
  $ curl -X POST http://127.0.0.1:4010/_vws/outcomes -d '{"to":"447700900123","outcome":"rejected"}'
  $ vws serve --answer-url http://127.0.0.1:3000/ivr/answer --end-user '447700900002=busy'`;

/** The webhook flags, grouped in the help as a Vonage application and account set them. */
function addWebhookOptions(command: Command): Command {
  return command
    .optionsGroup('Webhooks, as set on a Vonage application and account (flags win over --application):')
    .option(
      '--application <file>',
      "your application's JSON as the Applications API returns it (GET /v2/applications/:id)",
    )
    .addOption(
      new Option(
        '--webhook-base-url <url>',
        'fill every webhook not set otherwise with its usual path below <url>: /webhooks/answer, /event, /inbound, /status, /inbound-sms, /delivery-receipt, ...',
      ).argParser(parseWebhookBaseUrl),
    )
    .addOption(
      url('--answer-url', 'Voice answer_url: fetched for inbound calls (a Create Call names its own)'),
    )
    .addOption(method('--answer-method', 'answerUrl', 'the answer URL'))
    .addOption(url('--event-url', 'Voice event_url, for calls created without event_url'))
    .addOption(method('--event-method', 'eventUrl', 'the event URL'))
    .addOption(url('--fallback-answer-url', 'Voice fallback_answer_url'))
    .addOption(method('--fallback-answer-method', 'fallbackAnswerUrl', 'the fallback answer URL'))
    .addOption(url('--inbound-url', 'Messages inbound_url'))
    .addOption(url('--status-url', 'Messages status_url, for sends without webhook_url'))
    .addOption(url('--verify-status-url', 'Verify status_url'))
    .addOption(url('--rtc-event-url', 'RTC event_url'))
    .addOption(method('--rtc-event-method', 'rtcEventUrl', 'the RTC event URL'))
    .addOption(url('--sms-inbound-url', "the account's inbound SMS URL (SMS settings; moCallBackUrl)"))
    .addOption(
      url('--sms-dlr-url', "the account's delivery receipt URL (drCallBackUrl), for sends without callback"),
    )
    .addOption(
      // Two long flags are commander's own way to give an option a second name.
      new Option(
        '--sms-method, --sms-webhook-format <method>',
        "the account's SMS webhook method (SMS settings: GET, POST form, POST-JSON)",
      )
        .choices(smsWebhookFormats)
        .default(DEFAULT_SMS_WEBHOOK_FORMAT),
    )
    .optionsGroup('Options:');
}

/** `vws serve`: the fake Vonage REST API as a local HTTP server. */
export function registerServe(program: Command, io: CliIo): void {
  const command = program
    .command('serve')
    .description(
      "Run a fake Vonage REST API locally: answer your app's SMS, Voice, Messages, Number Insight and Verify calls as Vonage does and send the webhooks that follow",
    )
    .option('--port <port>', 'port to listen on', parsePort, 4010)
    .option('--host <host>', 'interface to listen on', DEFAULT_SERVER_HOST)
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
    .option('--api-key <key>', 'the account API key (default: $VONAGE_API_KEY; any key when unset)')
    .option('--api-secret <secret>', 'the account API secret (default: $VONAGE_API_SECRET; any when unset)')
    .option(
      '--application-id <id>',
      "the application id JWTs must carry (default: $VONAGE_APPLICATION_ID, else the --application file's; any when unset)",
    )
    .option('--seed <n>', 'seed of every id and lifecycle (default: random, printed on stderr)', parseSeed)
    .option(
      '--ref-date <date>',
      'freeze Vonage\'s "now" in payloads (ISO 8601; default: the clock)',
      parseRefDate,
    )
    .option(
      '--time-scale <x>',
      'multiply webhook timing: 1 real time, 0 at once',
      parseTimeScale,
      DEFAULT_TIME_SCALE,
    )
    .addOption(
      new Option(
        '--retries <mode>',
        "vonage: retry failed webhooks on Vonage's schedule; none: one attempt (a failed answer URL goes to the fallback answer URL either way)",
      )
        .choices(retryModes)
        .default(DEFAULT_RETRY_MODE),
    )
    .option(
      '--end-user <number=script>',
      'what the person at a number does, repeatable: callee "busy", "voicemail", "answer; wait 20s; hang up"; caller "press 1"; chat "read; reply \\"STOP\\""',
      parseEndUser,
    )
    .option('--log <file>', 'write every API call and webhook as NDJSON to this file')
    .option('--json', 'print each API call and webhook as one JSON line on stdout');
  addWebhookOptions(command)
    .addHelpText('after', serveHelpText)
    .action(async (options: ServeCliOptions) => {
      const { runServe } = await import('./action.js');
      return runServe(io, options);
    });
}
