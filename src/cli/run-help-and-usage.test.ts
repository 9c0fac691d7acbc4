// The program's own usage paths (issue 11): bare `vws`, `vws help <unknown>`, and where a
// subcommand's usage error points.
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../test/support/cli-io.js';
import { oneLine } from '../../test/support/expect-one-line.js';

describe('vws usage (issue 11)', () => {
  it('prints the help on stdout and exits 0 when run with no command (issue 11)', async () => {
    const { code, stdout, stderr } = await runInProcess([]);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: vws [options] [command]');
    expect(stdout).toContain('Exit codes:');
    expect(stderr).toBe('');
  });

  it('refuses `vws help <unknown>` with one line and exit 2 (issue 11)', async () => {
    const { code, stdout, stderr } = await runInProcess(['help', 'nosuch']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    oneLine(stderr);
    expect(stderr).toMatch(/^vws: unknown command "nosuch"\./);
    expect(stderr).toContain('Run "vws --help" for the commands.');
  });

  it("still prints a command's help for `vws help <command>` (issue 11)", async () => {
    const { code, stdout } = await runInProcess(['help', 'show']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: vws show');
  });

  it("points a subcommand's usage error to that command's help (issue 11)", async () => {
    const { code, stderr } = await runInProcess(['send', 'sms.inbound', '--bogus']);
    expect(code).toBe(2);
    oneLine(stderr);
    expect(stderr).toContain("unknown option '--bogus'");
    expect(stderr).toContain('Run "vws send --help" for usage.');
  });

  it('points an unknown command to the program help (issue 11)', async () => {
    const { code, stderr } = await runInProcess(['nosuch']);
    expect(code).toBe(2);
    oneLine(stderr);
    expect(stderr).toContain('Run "vws --help" for usage.');
  });
});
