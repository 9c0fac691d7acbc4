// A CLI error is one line without a stack trace: the check the CLI tests share.
import { expect } from 'vitest';

/** Fails the test unless `text` is a single line (a trailing new line allowed) with no stack frame. */
export function oneLine(text: string): void {
  expect(text.trimEnd().split('\n')).toHaveLength(1);
  expect(text).not.toMatch(/\n\s+at /);
}
