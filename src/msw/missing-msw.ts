/** The one line `vonage-webhook-simulator/msw` throws when msw, an optional peer, is not installed. */
export const missingMswMessage =
  'vonage-webhook-simulator/msw needs msw, an optional peer dependency: npm install --save-dev msw@^2';

/** Whether `error` is Node's "cannot find msw" from `import('msw')` or `require.resolve('msw')`. */
export function isMissingMsw(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}
