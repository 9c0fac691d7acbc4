import type { Faker } from '@faker-js/faker';
import { VwsError } from '../errors.js';
import { countries, findCountryOfMsisdn, type PhoneNumber } from '../fixtures/shared/phone.js';

const msisdnPattern = /^[1-9][0-9]{6,14}$/;

function supportedCountries(): string {
  return countries.map((country) => `${country.iso2} (${country.prefix})`).join(', ');
}

/**
 * The phone number facts of a number the app passed in (`to`, `from`, `number`): its country by
 * calling code, and a carrier of that country drawn from the story's stream. Prices, networks and
 * country fields of the webhooks come from these facts, so the number must belong to a country of the
 * fixtures' table (docs/decisions/080).
 */
export function toPhoneNumber(faker: Faker, msisdn: string, label: string): PhoneNumber {
  if (!msisdnPattern.test(msisdn)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Invalid ${label} ${JSON.stringify(msisdn)}: use an E.164 number without "+", e.g. "447700900123".`,
    );
  }
  const country = findCountryOfMsisdn(msisdn);
  if (country === undefined) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Unsupported ${label} "${msisdn}": scenarios derive prices and networks from the country; use a number of ${supportedCountries()}.`,
    );
  }
  const carrier = faker.helpers.arrayElement(country.carriers);
  return { msisdn, nationalSignificant: msisdn.slice(country.prefix.length), country, carrier };
}

/** An alphanumeric sender id (at most 11 characters) made from a company name, as businesses send from. */
export function createAlphanumericSender(faker: Faker): string {
  const name = faker.company.name().replace(/[^A-Za-z0-9]/g, '');
  return name.slice(0, 11) || 'Vonage';
}
