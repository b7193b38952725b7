import { findLongestValidRuns, type Span } from './scrub-patterns';

// A country code and two check digits, then letters and digits, possibly in groups separated by
// single spaces (`NL91 ABNA 0417 1643 00`). Trailing words are cut off by the checks below.
const CANDIDATE = /(?<![\p{L}\p{N}_])[A-Z]{2}\d{2}(?: ?[A-Z0-9])+/giu;
const GROUP = /[A-Z0-9]+/gi;
const IBAN_START = /^[A-Z]{2}\d{2}$/i;

/** 34 characters plus a space between each group of four. */
const MAX_LENGTH = 42;

/** IBAN length per country code, from the SWIFT IBAN registry (ISO 13616). */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

/** Finds IBANs whose length fits their country and whose check digits pass mod-97. */
export function findIbans(text: string): Span[] {
  return findLongestValidRuns(text, CANDIDATE, GROUP, {
    maxLength: MAX_LENGTH,
    canStart: (whole, start) => IBAN_START.test(whole.slice(start, start + 4)),
    accept: isIban,
  });
}

/**
 * Validates an IBAN as ISO 13616 does. The length must fit the country, or be 15 to 34 characters
 * for a country missing from the table. Then the first four characters move to the end, letters
 * become 10 to 35, and the number mod 97 must be 1.
 */
export function isIban(written: string): boolean {
  const iban = written.replace(/ /g, '').toUpperCase();
  const expectedLength = IBAN_LENGTHS[iban.slice(0, 2)];
  const lengthFits = expectedLength
    ? iban.length === expectedLength
    : iban.length >= 15 && iban.length <= 34;
  if (!lengthFits || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;

  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}

/** Computes the remainder piece by piece, because the number has up to 68 digits. */
function mod97(alphanumeric: string): number {
  let remainder = 0;
  for (const character of alphanumeric) {
    const value = parseInt(character, 36);
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder;
}
