import { CommanderError } from 'commander';
import { exitCodeByError, exitCodes, isVwsError } from '../errors.js';
import { createProgram, type ProgramInfo } from './program.js';
import type { CliIo } from './shared/io.js';

/**
 * Runs the CLI on `argv` (without the node and script entries) and resolves to the exit code.
 * Every error becomes one line on stderr; a stack trace is printed only for a bug (not a VwsError)
 * and only with VWS_DEBUG=1.
 */
export async function runCli(argv: readonly string[], io: CliIo, info: ProgramInfo): Promise<number> {
  const program = createProgram(io, info);
  // No command: the help is the answer, on stdout with exit 0, as gh and the Stripe CLI do (issue 11).
  if (argv.length === 0) {
    program.outputHelp();
    return exitCodes.success;
  }
  // `vws help <unknown>`: commander would print the whole help on stderr and exit 0 (issue 11).
  const [first, topic] = argv;
  if (first === 'help' && topic !== undefined && !topic.startsWith('-')) {
    const known = program.commands.some(
      (command) => command.name() === topic || command.aliases().includes(topic),
    );
    if (!known) {
      io.stderr.write(`vws: unknown command "${topic}". Run "vws --help" for the commands.\n`);
      return exitCodes.usage;
    }
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCodes.success;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version "errors" are normal exits; the message was already written by commander.
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return exitCodes.success;
      }
      return exitCodes.usage;
    }
    if (isVwsError(error)) {
      io.stderr.write(`vws: ${error.message}\n`);
      return exitCodeByError[error.code];
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`vws: internal error: ${message}. Please report it with the command you ran.\n`);
    if (io.env.VWS_DEBUG === '1' && error instanceof Error && error.stack)
      io.stderr.write(`${error.stack}\n`);
    return exitCodes.failure;
  }
}
