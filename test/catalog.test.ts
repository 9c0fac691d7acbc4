import { describe, expect, it } from 'vitest';
import {
  eventAliases,
  eventNames,
  getEvent,
  isEventName,
  listEvents,
  resolveEventName,
  VwsError,
} from 'vonage-webhook-simulator';
import { apiNames } from 'vonage-webhook-simulator/advanced';

const apiOfFirstSegment: Record<string, string> = Object.fromEntries(apiNames.map((api) => [api, api]));

describe('listEvents', () => {
  it('names every event <api>.<webhook>[.<variant>...] in lower_snake segments, once each', () => {
    expect(new Set(eventNames).size).toBe(eventNames.length);
    for (const name of eventNames) {
      expect(name).toMatch(/^[a-z]+(_[a-z0-9]+)*(\.[a-z0-9]+(_[a-z0-9]+)*)+$/);
    }
  });

  it('files every event under the API its first name segment names', () => {
    for (const entry of listEvents()) {
      expect(apiOfFirstSegment[entry.name.split('.')[0] ?? '']).toBe(entry.api);
    }
  });

  it('derives the default method and content type from the first transport format', () => {
    for (const entry of listEvents()) {
      const [format] = entry.formats;
      expect(entry.method).toBe(format === 'query' ? 'GET' : 'POST');
      expect(entry.contentType).toBe(
        format === 'json'
          ? 'application/json'
          : format === 'form'
            ? 'application/x-www-form-urlencoded; charset=UTF-8'
            : null,
      );
    }
  });

  it('lists only the events of one API when filtered', () => {
    for (const api of apiNames) {
      const entries = listEvents({ api });
      expect(entries.length, `no events for API ${api}`).toBeGreaterThan(0);
      expect(entries.every((entry) => entry.api === api)).toBe(true);
    }
  });

  it('gives every entry a one-line description and a reference section', () => {
    for (const entry of listEvents()) {
      expect(entry.description).not.toContain('\n');
      expect(entry.description.length).toBeGreaterThan(15);
      expect(entry.reference).toMatch(/^\d+(\.\d+)?[a-z]?$/);
    }
  });
});

describe('eventAliases', () => {
  it('has a default variant for every family name (every proper prefix of two or more segments)', () => {
    const names = new Set<string>(eventNames);
    for (const name of eventNames) {
      const segments = name.split('.');
      for (let length = 2; length < segments.length; length++) {
        const prefix = segments.slice(0, length).join('.');
        expect(
          names.has(prefix) || Object.hasOwn(eventAliases, prefix),
          `family ${prefix} has no default`,
        ).toBe(true);
      }
    }
  });

  it('points every family name at one of its own variants', () => {
    for (const [alias, target] of Object.entries(eventAliases)) {
      expect(eventNames).toContain(target);
      expect(target.startsWith(`${alias}.`)).toBe(true);
      expect(eventNames).not.toContain(alias);
    }
  });
});

describe('resolveEventName', () => {
  it('resolves a family name to its default variant', () => {
    expect(resolveEventName('sms.inbound')).toBe('sms.inbound.text');
    expect(resolveEventName('sms.delivery_receipt')).toBe('sms.delivery_receipt.delivered');
  });

  it('throws VWS_ERR_UNKNOWN_EVENT naming the closest names and vws list', () => {
    const error = (() => {
      try {
        resolveEventName('sms.delivery_reciept.expired');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(VwsError);
    expect((error as VwsError).code).toBe('VWS_ERR_UNKNOWN_EVENT');
    expect((error as VwsError).message).toBe(
      'Unknown event "sms.delivery_reciept.expired". Did you mean "sms.delivery_receipt.expired"? Run "vws list" to see all events.',
    );
  });

  it('suggests nothing but vws list for a name far from every event', () => {
    expect(() => resolveEventName('zzzzzzzzzzzzzzzzzzzzzz')).toThrow(
      'Unknown event "zzzzzzzzzzzzzzzzzzzzzz". Run "vws list" to see all events.',
    );
  });
});

describe('getEvent', () => {
  it('returns the entry of a family name with its aliases listed', () => {
    const entry = getEvent('sms.inbound');
    expect(entry.name).toBe('sms.inbound.text');
    expect(entry.aliases).toContain('sms.inbound');
  });
});

describe('isEventName', () => {
  it('accepts event and family names and rejects others', () => {
    expect(isEventName('sms.inbound.text')).toBe(true);
    expect(isEventName('sms.inbound')).toBe(true);
    expect(isEventName('sms.nope')).toBe(false);
    expect(isEventName('toString')).toBe(false);
  });
});
