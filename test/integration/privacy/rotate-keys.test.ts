import { randomBytes } from 'node:crypto';

import { createLogger } from '../../../src/log';
import { KeyRing } from '../../../src/privacy/key-ring';
import { rotateKeys, type RotationProgress } from '../../../src/privacy/rotate-keys';
import { AnswerModel, ConversationModel } from '../../../src/storage/models';
import { clearCollections, useTestDatabase } from '../../support/db';
import { seedRespondent } from './seed';

useTestDatabase();

const log = createLogger({ level: 'silent' });
const oldKey = { id: 'k1', key: randomBytes(32) };
const newKey = { id: 'k2', key: randomBytes(32) };
const oldRing = new KeyRing([oldKey]);
const rotatedRing = new KeyRing([newKey, oldKey]);
const pseudonymKey = randomBytes(32);

async function seedMany(count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const phone = `+3161234567${i}`;
    await seedRespondent({ keyRing: oldRing, pseudonymKey, phone, text: `tekst ${i}` });
  }
}

async function sealedValues(): Promise<string[]> {
  const conversations = await ConversationModel.find({}).lean();
  const answers = await AnswerModel.find({}).lean();
  return [
    ...conversations.flatMap((doc) => [doc.contact ?? '', doc.answers]),
    ...answers.map((doc) => doc.text ?? ''),
  ];
}

describe('rotateKeys', () => {
  beforeEach(clearCollections);

  it('re-seals every value with the current key', async () => {
    await seedMany(3);
    const before = (await sealedValues()).map((value) => rotatedRing.open(value));

    await rotateKeys({ keyRing: rotatedRing, log });

    const after = await sealedValues();
    expect(after.every((value) => !rotatedRing.needsRotation(value))).toBe(true);
    expect(after.map((value) => rotatedRing.open(value))).toEqual(before);
  });

  it('reports counts per field', async () => {
    await seedMany(3);

    const report = await rotateKeys({ keyRing: rotatedRing, log });

    expect(report).toEqual([
      { collection: 'conversations', field: 'contact', scanned: 3, rotated: 3, unreadable: 0 },
      { collection: 'conversations', field: 'answers', scanned: 3, rotated: 3, unreadable: 0 },
      { collection: 'answers', field: 'text', scanned: 3, rotated: 3, unreadable: 0 },
    ]);
  });

  it('changes nothing when run again', async () => {
    await seedMany(3);
    await rotateKeys({ keyRing: rotatedRing, log });
    const once = await sealedValues();

    const report = await rotateKeys({ keyRing: rotatedRing, log });

    expect(report.every((field) => field.rotated === 0)).toBe(true);
    expect(await sealedValues()).toEqual(once);
  });

  it('reports progress after each batch', async () => {
    await seedMany(5);
    const progress: RotationProgress[] = [];

    await rotateKeys({
      keyRing: rotatedRing,
      log,
      batchSize: 2,
      onProgress: (p) => progress.push(p),
    });

    const contact = progress.filter(
      (p) => p.collection === 'conversations' && p.field === 'contact',
    );
    expect(contact.map((p) => p.scanned)).toEqual([2, 4, 5]);
    expect(contact.at(-1)?.rotated).toBe(5);
  });

  it('counts values it cannot open and leaves them', async () => {
    await seedMany(2);
    const lostRing = new KeyRing([{ id: 'k0', key: randomBytes(32) }]);
    const unreadable = lostRing.seal('{"answers":{},"raw":{}}');
    await AnswerModel.updateMany({}, { $set: { text: unreadable } });

    const report = await rotateKeys({ keyRing: rotatedRing, log });

    const text = report.find((p) => p.collection === 'answers');
    expect(text).toMatchObject({ scanned: 2, rotated: 0, unreadable: 2 });
    expect((await AnswerModel.find({}).lean()).map((doc) => doc.text)).toEqual([
      unreadable,
      unreadable,
    ]);
  });
});
