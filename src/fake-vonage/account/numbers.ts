import type { Faker } from '@faker-js/faker';
import type { Carrier, Country } from '../../fixtures/shared/country.js';
import { findCountryOfMsisdn } from '../../fixtures/shared/phone.js';

/**
 * A phone number as the Vonage APIs take it: E.164 digits, 7 to 15 of them (spec-sms `to`
 * pattern `\d{7,15}`, spec-msg `ToNumber`). A leading `+` is tolerated and dropped, as the SDKs'
 * users often send one (❓ what each API does with it is not documented).
 */
export function toMsisdn(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const digits = value.startsWith('+') ? value.slice(1) : value;
  return /^\d{7,15}$/.test(digits) ? digits : null;
}

/** What the SMS API tells about a destination: its price per part and the estimated network. */
export interface Destination {
  readonly country: Country | undefined;
  readonly carrier: Carrier | undefined;
  /** EUR per SMS part, 8 decimals. */
  readonly smsPrice: string;
  /** MCC + MNC. */
  readonly network: string;
}

// For numbers of countries the fixtures do not list, the spec's own example values (spec-sms `Message`).
const FALLBACK_SMS_PRICE = '0.03330000';
const FALLBACK_NETWORK = '12345';

/** The destination of a number: a carrier of its country drawn from `faker`, or the spec's example values. */
export function toDestination(msisdn: string, faker: Faker): Destination {
  const country = findCountryOfMsisdn(msisdn);
  if (country === undefined) {
    return { country, carrier: undefined, smsPrice: FALLBACK_SMS_PRICE, network: FALLBACK_NETWORK };
  }
  const carrier = faker.helpers.arrayElement(country.carriers);
  return { country, carrier, smsPrice: country.smsPrice, network: carrier.networkCode };
}

/** EUR with 8 decimals, as the SMS API and Number Insight write money. */
export function toEuro8(amount: number): string {
  return (Math.round(amount * 1e8) / 1e8).toFixed(8);
}
