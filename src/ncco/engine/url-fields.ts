import { nccoRules } from '../ncco-rules.js';
import { fail, warn } from './issues.js';
import { child, kind, show } from './json-value.js';
import type { Field } from './shape.js';

// URL fields: an absolute http(s) or ws(s) URL, and the NCCO's array of one URL.

const schemes = {
  http: {
    regex: new RegExp(nccoRules.patterns.httpUrl),
    protocols: ['http:', 'https:'],
    name: 'http(s) URL',
    schema: { type: 'string', pattern: nccoRules.patterns.httpUrl, description: 'An absolute http(s) URL.' },
  },
  websocket: {
    regex: new RegExp(nccoRules.patterns.websocketUrl),
    protocols: ['ws:', 'wss:'],
    name: 'ws:// or wss:// URI',
    schema: { type: 'string', pattern: nccoRules.patterns.websocketUrl },
  },
} as const;

/** Whether `value` is an absolute URL of `scheme` (the pattern, and `URL` parses it). */
export function isUrl(value: string, scheme: keyof typeof schemes): boolean {
  const { regex, protocols } = schemes[scheme];
  if (!regex.test(value)) return false;
  try {
    return (protocols as readonly string[]).includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** An absolute URL of `scheme` (default http(s)). */
export function url(scheme: keyof typeof schemes = 'http'): Field {
  const expect = `an absolute ${schemes[scheme].name}`;
  return {
    expect,
    check: (value, path, key, ctx) => {
      if (typeof value !== 'string') fail(ctx, path, `${key} must be ${expect}, got ${kind(value)}`);
      else if (!isUrl(value, scheme)) fail(ctx, path, `${key} must be ${expect}, got ${show(value)}`);
    },
    schema: schemes[scheme].schema,
  };
}

/** `eventUrl`, `streamUrl`, `musicOnHoldUrl`: an array of one URL, even for a single value (doc-ncco). */
export const urls: Field = {
  expect: 'an array of one URL',
  check: (value, path, key, ctx) => {
    if (!Array.isArray(value) || value.length === 0) {
      const hint = typeof value === 'string' ? ` (write [${show(value)}])` : '';
      fail(ctx, path, `${key} must be an array of one URL, got ${kind(value)}${hint}`);
      return;
    }
    const item = url();
    value.forEach((entry, index) => {
      item.check(entry, child(path, index), `${key}[${index}]`, ctx);
    });
    if (value.length > 1) {
      warn(ctx, path, `${key} holds ${value.length} URLs; the NCCO reference documents an array of one URL`);
    }
  },
  schema: {
    type: 'array',
    items: schemes.http.schema,
    minItems: 1,
    description: 'An array of one URL, even for one value.',
  },
};
