import { createHmac } from 'node:crypto';

import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

import { ValidationError } from '../errors';

/** Address of a respondent on one channel. Only its pseudonym is stored. */
export type RespondentAddress =
  | { kind: 'phone'; value: string }
  | { kind: 'slack'; team?: string; user: string }
  | { kind: 'web'; session: string }
  | { kind: 'botframework'; channelId: string; userId: string }
  | { kind: 'console'; user: string };

/** Region assumed for numbers written without a country code, such as `06-12345678`. */
const DEFAULT_REGION: CountryCode = 'NL';

/**
 * Computes the respondent pseudonym: HMAC-SHA256 (hex) of the normalised address, prefixed with
 * its kind, so equal ids on different channels never collide. The same address and key always
 * give the same pseudonym, which is how a respondent's conversations are found again.
 */
export function pseudonymize(key: Buffer, address: RespondentAddress): string {
  return createHmac('sha256', key).update(canonicalAddress(address), 'utf8').digest('hex');
}

/**
 * Normalises a phone number to E.164 (`+31612345678`). Accepts spaces, dashes, brackets, a `00`
 * international prefix, a national number for the default region (NL), and Twilio's `whatsapp:`
 * prefix, so SMS and WhatsApp from one number get one pseudonym.
 *
 * @throws ValidationError when the value cannot be a phone number.
 */
export function normalizePhone(value: string): string {
  const withoutChannel = value
    .trim()
    .replace(/^whatsapp:/i, '')
    .trim();
  const international = withoutChannel.replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(international, DEFAULT_REGION);

  // The value is personal data, so the message describes it without repeating it.
  if (!parsed?.isPossible()) {
    throw new ValidationError(
      `invalid phone number (${withoutChannel.length} characters): ` +
        'expected E.164 such as +31612345678, or a Dutch national number such as 0612345678',
    );
  }
  return parsed.number;
}

/**
 * Serialises the address as a JSON array, which keeps field boundaries unambiguous even when ids
 * contain separators (Teams user ids contain `:`).
 */
function canonicalAddress(address: RespondentAddress): string {
  switch (address.kind) {
    case 'phone':
      return JSON.stringify(['phone', normalizePhone(address.value)]);
    case 'slack':
      // Slack ids are upper-case, but some payloads and hand-typed ids are not.
      return JSON.stringify([
        'slack',
        address.team?.trim().toUpperCase() ?? '',
        requireId('slack user', address.user).toUpperCase(),
      ]);
    case 'web':
      return JSON.stringify(['web', requireId('web session', address.session)]);
    case 'botframework':
      return JSON.stringify([
        'botframework',
        requireId('botframework channelId', address.channelId).toLowerCase(),
        requireId('botframework userId', address.userId),
      ]);
    case 'console':
      return JSON.stringify(['console', requireId('console user', address.user)]);
  }
}

/** Trims an id and rejects an empty one, which would give every such respondent one pseudonym. */
function requireId(field: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new ValidationError(`missing ${field}: expected a non-empty id`);
  return trimmed;
}
