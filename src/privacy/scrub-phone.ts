import { parsePhoneNumberFromString } from 'libphonenumber-js';

import { findLongestValidRuns, type Span } from './scrub-patterns';

// A run of digit groups joined by spaces, dots, dashes, slashes or brackets, starting with a digit,
// `+` or `(` that does not continue a word or an e-mail address.
const CANDIDATE = /(?<![\p{L}\p{N}_@])[+(]{0,2}\d[\d ().\/-]*\d\)?/gu;
const GROUP = /[+(]{0,2}\d+\)?/g;

/** Maximum length of a written number to try, above `+31 (0)20 - 123 45 67` (21 characters). */
const MAX_LENGTH = 25;

// A date such as 06-05-2026 followed by a time would otherwise read as a ten-digit number.
const DATE_PREFIX = /^(0?[1-9]|[12]\d|3[01])([-./])(0?[1-9]|1[0-2])\2(19|20)\d{2}(?!\d)/;

/**
 * Finds phone numbers in international form (`+31 6 12345678`, `0031…`, `+44 20 7946 0958`) and
 * in Dutch national form (`06-12345678`, `020 123 45 67`, `(020) 1234567`). A bare number without
 * `+`, `00` or a leading `0` is never taken for a phone number, so scores and years stay.
 */
export function findPhoneNumbers(text: string): Span[] {
  return findLongestValidRuns(text, CANDIDATE, GROUP, {
    maxLength: MAX_LENGTH,
    // Every form starts with `+`, `(`, or the `0` of a trunk or `00` prefix.
    canStart: (whole, start) => '+(0'.includes(whole.charAt(start)),
    accept: isPhoneNumber,
  });
}

function isPhoneNumber(written: string): boolean {
  if (DATE_PREFIX.test(written)) return false;

  // The `(0)` in `+31 (0)6 …` is the national trunk prefix, which is not dialled from abroad.
  const digits = written.replace('(0)', '').replace(/\D/g, '');
  const international = written.startsWith('+') || digits.startsWith('00');
  if (international) return isPossibleInternational(digits.replace(/^00/, ''));

  // Dutch national numbers are ten digits including the trunk prefix 0.
  return /^0\d{9}$/.test(digits);
}

/**
 * Checks the length against the country code's numbering plan (libphonenumber-js metadata). The
 * plain checks come first because parsing is slow: E.164 allows at most 15 digits, no country
 * code starts with 0, and the shortest numbers in use have 7 digits with their country code.
 */
function isPossibleInternational(digits: string): boolean {
  if (digits.length < 7 || digits.length > 15 || digits.startsWith('0')) return false;
  return parsePhoneNumberFromString(`+${digits}`)?.isPossible() ?? false;
}
