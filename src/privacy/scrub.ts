import { findBsns, findEmails, findPostcodes, type Span } from './scrub-patterns';
import { findIbans } from './scrub-iban';
import { findPhoneNumbers } from './scrub-phone';

/** Kinds of identifier that {@link scrubFreeText} replaces, in the order it looks for them. */
export const REDACTION_KINDS = ['email', 'iban', 'phone', 'bsn', 'postcode'] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

export interface ScrubResult {
  /** The input with every identifier found replaced by a placeholder such as `[phone]`. */
  text: string;
  /** Number of replacements per kind; zero for kinds that were not found. */
  redactions: Record<RedactionKind, number>;
}

// The order matters: e-mail addresses and IBANs contain digit runs that would otherwise be taken
// for phone numbers, and a phone number can contain a run of nine digits that passes the 11-test.
const FINDERS: Record<RedactionKind, (text: string) => Span[]> = {
  email: findEmails,
  iban: findIbans,
  phone: findPhoneNumbers,
  bsn: findBsns,
  postcode: findPostcodes,
};

/**
 * Replaces phone numbers, e-mail addresses, IBANs, Dutch citizen service numbers (BSN) and Dutch
 * postcodes in free text with typed placeholders. Numbers that fail their checksum (an IBAN's
 * mod-97, a BSN's 11-test) are left alone, and so are scores and years.
 */
export function scrubFreeText(text: string): ScrubResult {
  const redactions = Object.fromEntries(REDACTION_KINDS.map((kind) => [kind, 0])) as Record<
    RedactionKind,
    number
  >;

  let scrubbed = text;
  for (const kind of REDACTION_KINDS) {
    const spans = FINDERS[kind](scrubbed);
    scrubbed = replaceSpans(scrubbed, spans, `[${kind}]`);
    redactions[kind] = spans.length;
  }
  return { text: scrubbed, redactions };
}

/** Replaces non-overlapping spans, given in ascending order, with one placeholder each. */
function replaceSpans(text: string, spans: readonly Span[], placeholder: string): string {
  let result = '';
  let position = 0;
  for (const span of spans) {
    result += text.slice(position, span.start) + placeholder;
    position = span.end;
  }
  return result + text.slice(position);
}
