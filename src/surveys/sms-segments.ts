/**
 * SMS length rules from 3GPP TS 23.038 (character sets) and TS 23.040 (concatenation), the
 * standards behind GSM 03.38 and 03.40.
 */

/**
 * The GSM 7-bit default alphabet of 3GPP TS 23.038 section 6.2.1, one septet each. Both "é" and
 * "É" are in it, but "ë", "ï" and typographic quotes such as "’" are not.
 */
const GSM_BASIC = new Set([
  ...'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ',
  ...' !"#¤%&\'()*+,-./0123456789:;<=>?',
  ...'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§',
  ...'¿abcdefghijklmnopqrstuvwxyzäöñüà',
]);

/**
 * The default alphabet extension table of 3GPP TS 23.038 section 6.2.1.1. Each character is sent
 * as the escape septet followed by its own, so it counts as two septets.
 */
const GSM_EXTENSION = new Set([...'\f^{}\\[]~|€']);

/** Payload of one SMS: 140 octets, which hold 160 septets or 70 UTF-16 code units. */
const SINGLE_LIMIT = { 'GSM-7': 160, 'UCS-2': 70 } as const;

/**
 * Payload per part of a concatenated SMS. The 6-octet user data header of TS 23.040 leaves 153
 * septets or 67 code units.
 */
const PART_LIMIT = { 'GSM-7': 153, 'UCS-2': 67 } as const;

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** The SMS encoding and length of a text. */
export interface SmsSegmentCount {
  encoding: SmsEncoding;
  /** Septets for GSM-7, UTF-16 code units for UCS-2 (an emoji is two). */
  units: number;
  segments: number;
  /** Characters outside the GSM-7 alphabet, each listed once, that forced UCS-2. */
  nonGsmCharacters: string[];
}

/**
 * Counts the SMS segments needed to send `text`. A character is never split between two parts,
 * as handsets and gateways keep an escape sequence or a surrogate pair together, so a part can
 * carry one unit less than its limit.
 */
export function countSmsSegments(text: string): SmsSegmentCount {
  const characters = [...text];
  const nonGsmCharacters = [...new Set(characters.filter((char) => !isGsmCharacter(char)))];
  const encoding: SmsEncoding = nonGsmCharacters.length === 0 ? 'GSM-7' : 'UCS-2';
  const costs = characters.map((char) => unitCost(char, encoding));
  const units = costs.reduce((sum, cost) => sum + cost, 0);

  return { encoding, units, segments: countParts(costs, units, encoding), nonGsmCharacters };
}

function isGsmCharacter(char: string): boolean {
  return GSM_BASIC.has(char) || GSM_EXTENSION.has(char);
}

function unitCost(char: string, encoding: SmsEncoding): number {
  if (encoding === 'UCS-2') return char.length;
  return GSM_EXTENSION.has(char) ? 2 : 1;
}

function countParts(costs: number[], units: number, encoding: SmsEncoding): number {
  if (units === 0) return 0;
  if (units <= SINGLE_LIMIT[encoding]) return 1;

  let parts = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > PART_LIMIT[encoding]) {
      parts += 1;
      used = 0;
    }
    used += cost;
  }
  return parts;
}
