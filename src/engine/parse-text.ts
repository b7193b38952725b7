export type TextParse =
  | { ok: true; value: string }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'too-long'; maxLength: number };

/**
 * Accepts any reply that is not blank, up to `maxLength` characters counted in Unicode code
 * points, so that an emoji counts once. The value is the reply without surrounding whitespace.
 */
export function parseText(text: string, options: { maxLength: number }): TextParse {
  const value = text.trim();
  if (value === '') return { ok: false, reason: 'empty' };

  const length = [...value].length;
  if (length > options.maxLength) {
    return { ok: false, reason: 'too-long', maxLength: options.maxLength };
  }
  return { ok: true, value };
}
