import { SealedValueError, type KeyRing } from './key-ring';
import { connectedDb, listRespondentCollections } from './respondent-collections';

/** Shape of a value sealed by {@link KeyRing.seal}: `v1.<keyId>.<iv>.<tag>.<ciphertext>`. */
const SEALED_VALUE = /^v1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** A sealed value that could not be opened, kept in the export so that nothing goes unmentioned. */
export interface UnreadableValue {
  unreadable: true;
  reason: string;
}

/**
 * Reads every document of a respondent from every respondent collection, sorted by collection
 * and `_id`, with sealed fields opened and parsed. Collections without documents are left out.
 */
export async function collectRespondentDocuments(
  respondent: string,
  keyRing: KeyRing,
): Promise<Record<string, unknown[]>> {
  const collections: Record<string, unknown[]> = {};
  for (const name of await listRespondentCollections()) {
    const documents = await connectedDb()
      .collection(name)
      .find({ respondent }, { projection: { __v: 0 } })
      .sort({ _id: 1 })
      .toArray();
    if (documents.length > 0) {
      collections[name] = documents.map((document) => revealSealed(document, keyRing));
    }
  }
  return collections;
}

/**
 * Copies a document with every sealed string replaced by its opened content: parsed JSON where
 * the content is JSON, the plain string otherwise. Dates and ids are kept as they are.
 */
export function revealSealed(value: unknown, keyRing: KeyRing): unknown {
  if (typeof value === 'string')
    return SEALED_VALUE.test(value) ? openValue(value, keyRing) : value;
  if (Array.isArray(value)) return value.map((item) => revealSealed(item, keyRing));
  if (!isPlainObject(value)) return value;

  const entries = Object.entries(value).map(([key, item]) => [key, revealSealed(item, keyRing)]);
  return Object.fromEntries(entries);
}

function openValue(sealed: string, keyRing: KeyRing): unknown {
  let plaintext: string;
  try {
    plaintext = keyRing.open(sealed);
  } catch (error) {
    if (!(error instanceof SealedValueError)) throw error;
    const unreadable: UnreadableValue = { unreadable: true, reason: error.message };
    return unreadable;
  }

  try {
    return JSON.parse(plaintext);
  } catch {
    return plaintext;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
