/** Where the CLI writes and what it knows of its environment: injected so tests run it in-process. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The clock, read only at the CLI edge (default reference date of `show`). */
  readonly now: () => number;
  /** A random seed source for runs without `--seed`. */
  readonly randomSeed: () => number;
  /** Reads a file as UTF-8 (for `--file`). */
  readonly readFile: (path: string) => Promise<string>;
  /** Registers what to do on Ctrl-C (long-running commands close their servers). */
  readonly onInterrupt?: (handler: () => void) => void;
}
