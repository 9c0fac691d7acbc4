import type { Faker } from '@faker-js/faker';
import { VwsError } from '../errors.js';
import { findCallingCode, toCountryOfCallingCode } from '../fixtures/shared/calling-codes.js';
import type { Country } from '../fixtures/shared/country.js';
import { findCountryOfMsisdn, type PhoneNumber } from '../fixtures/shared/phone.js';

const msisdnPattern = /^[1-9][0-9]{6,14}$/;

/** The country of a number: its row of the fixtures' table, or else its ITU-T calling code's. */
function toCountry(msisdn: string, label: string): Country {
  const listed = findCountryOfMsisdn(msisdn);
  if (listed !== undefined) return listed;
  const callingCode = findCallingCode(msisdn);
  if (callingCode === undefined) {
    const tried = [1, 2, 3].map((length) => `+${msisdn.slice(0, length)}`).join(', ');
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Unsupported ${label} "${msisdn}": it starts with no assigned ITU-T E.164 country calling code (none of ${tried} is assigned); use an E.164 number without "+" that starts with its country's calling code, e.g. "447700900123" (+44) or "2348031234567" (+234).`,
    );
  }
  return toCountryOfCallingCode(callingCode, msisdn.slice(callingCode.code.length));
}

/**
 * The phone number facts of a number the app passed in (`to`, `from`, `number`): its country by
 * calling code, and a carrier of that country drawn from the story's stream. Prices, networks and
 * country fields of the webhooks come from these facts: a country of the fixtures' table gives its
 * real networks and prices (docs/decisions/080); any other assigned calling code gives its country
 * with the specs' example network `12345` and prices (docs/decisions/104).
 *
 * @example
 * ```ts
 * import { faker } from '@faker-js/faker';
 * toPhoneNumber(faker, '2348031234567', 'to').country.iso2; // 'NG'
 * ```
 */
export function toPhoneNumber(faker: Faker, msisdn: string, label: string): PhoneNumber {
  if (!msisdnPattern.test(msisdn)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Invalid ${label} ${JSON.stringify(msisdn)}: use an E.164 number without "+" (7 to 15 digits, the first not 0), e.g. "447700900123".`,
    );
  }
  const country = toCountry(msisdn, label);
  const carrier = faker.helpers.arrayElement(country.carriers);
  return { msisdn, nationalSignificant: msisdn.slice(country.prefix.length), country, carrier };
}

/** An alphanumeric sender id (at most 11 characters) made from a company name, as businesses send from. */
export function createAlphanumericSender(faker: Faker): string {
  const name = faker.company.name().replace(/[^A-Za-z0-9]/g, '');
  return name.slice(0, 11) || 'Vonage';
}
