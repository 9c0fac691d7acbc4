// Each command is a folder: command.ts (its flags, help and the parsers of their values: all that
// `vws --help` loads), options.ts (the parsed options' type, checked and turned into the library's
// options) and action.ts (what runs). A command.ts takes only types from its options.ts and loads its
// action.ts with import() (list and show excepted: they run in the start-up bundle), so the start-up
// bundle stays free of undici, ajv and the fake (docs/decisions/009-cli-start-up.md).
import { Command, type CommanderError } from 'commander';
import { registerCall } from './commands/call/command.js';
import { registerContract } from './commands/contract/command.js';
import { registerExport } from './commands/export/command.js';
import { registerList } from './commands/list/command.js';
import { registerListen } from './commands/listen/command.js';
import { registerRequest } from './commands/request/command.js';
import { registerSend } from './commands/send/command.js';
import { registerServe } from './commands/serve/command.js';
import { registerShow } from './commands/show/command.js';
import type { CliIo } from './shared/io.js';

/** The package version, read from package.json by the caller (kept out of here so tests need no fs). */
export interface ProgramInfo {
  readonly version: string;
}

function toOneLine(text: string): string {
  const line = text
    .replace(/^error: /, '')
    .trim()
    .replace(/\s*\n\s*/g, ' ');
  return /[.?)]$/.test(line) ? line : `${line}.`;
}

/**
 * Builds the `vws` program. Errors never exit the process here: commander is told to throw
 * (`exitOverride`), and `main.ts` maps every error to one line and an exit code.
 */
export function createProgram(io: CliIo, info: ProgramInfo): Command {
  const program = new Command('vws');
  program
    .description("Play Vonage's side offline: generate, sign and send wire-exact Vonage webhooks.")
    .version(info.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Commander's own usage errors: one line, prefixed like ours; main.ts adds nothing more.
      outputError: (text, write) => write(`vws: ${toOneLine(text)} Run "vws --help" for usage.\n`),
    })
    .exitOverride((error: CommanderError) => {
      throw error;
    })
    .addHelpText(
      'after',
      `
Exit codes:
  0  success
  1  a delivery, contract or call failure
  2  a usage error or bad input

Examples:
  $ vws list --api sms
  $ vws show sms.delivery_receipt.expired --seed 42`,
    );
  registerList(program, io);
  registerShow(program, io);
  registerRequest(program, io);
  registerSend(program, io);
  registerContract(program, io);
  registerListen(program, io);
  registerServe(program, io);
  registerCall(program, io);
  registerExport(program, io);
  for (const command of program.commands) {
    command.exitOverride((error: CommanderError) => {
      throw error;
    });
    command.showSuggestionAfterError(true);
    // A subcommand's usage error points to that command's help, where its flags are (issue 11).
    command.configureOutput({
      outputError: (text, write) =>
        write(`vws: ${toOneLine(text)} Run "vws ${command.name()} --help" for usage.\n`),
    });
  }
  return program;
}
