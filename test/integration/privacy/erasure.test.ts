import mongoose from 'mongoose';

import { createLogger } from '../../../src/log';
import { erasureLedgerKey } from '../../../src/privacy/erasure-ledger';
import { RightsService } from '../../../src/privacy/rights';
import { AuditModel, ErasureModel } from '../../../src/storage/models';
import { clearCollections, rawDump, useTestDatabase } from '../../support/db';
import { createTestKeys, seedRespondent } from './seed';

useTestDatabase();

const PHONE_A = '+31612345678';
const PHONE_B = '+31687654321';
const TEXT_A = 'De monteur kwam drie uur te laat';
const TEXT_B = 'Prima geholpen door de monteur';

/** Reads every document of a respondent by collection, as a backup would contain them. */
async function snapshotOf(respondent: string): Promise<Record<string, mongoose.mongo.Document[]>> {
  const db = mongoose.connection.db!;
  const snapshot: Record<string, mongoose.mongo.Document[]> = {};
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    snapshot[name] = await db.collection(name).find({ respondent }).toArray();
  }
  return snapshot;
}

async function restore(snapshot: Record<string, mongoose.mongo.Document[]>): Promise<void> {
  for (const [name, documents] of Object.entries(snapshot)) {
    if (documents.length > 0) await mongoose.connection.db!.collection(name).insertMany(documents);
  }
}

describe('RightsService.erase', () => {
  const { keyRing, pseudonymKey } = createTestKeys();
  const log = createLogger({ level: 'silent' });
  const rights = new RightsService({ keyRing, pseudonymKey, log });

  beforeEach(clearCollections);

  it('leaves neither the number, nor its pseudonym, nor the text', async () => {
    const a = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE_A, text: TEXT_A });
    await seedRespondent({ keyRing, pseudonymKey, phone: PHONE_B, text: TEXT_B });

    await rights.erase(a.respondent, 'admin');

    const dump = await rawDump();
    expect(dump).not.toContain(PHONE_A);
    expect(dump).not.toContain('612345678');
    expect(dump).not.toContain(a.respondent);
    expect(dump).not.toContain(TEXT_A);
  });

  it('keeps the other respondent intact', async () => {
    const a = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE_A, text: TEXT_A });
    const b = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE_B, text: TEXT_B });
    const before = await snapshotOf(b.respondent);

    await rights.erase(a.respondent, 'admin');

    expect(await snapshotOf(b.respondent)).toEqual(before);
    const exported = await rights.exportData(b.respondent);
    expect(JSON.stringify(exported)).toContain(TEXT_B);
  });

  it('returns the deleted documents per collection', async () => {
    const a = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE_A, text: TEXT_A });

    const counts = await rights.erase(a.respondent, 'chat');

    expect(counts).toMatchObject({
      answers: 1,
      consents: 1,
      conversations: 1,
      deliveries: 1,
      suppressions: 1,
    });
  });

  it('erases from a collection added later', async () => {
    const a = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE_A, text: TEXT_A });
    const invitations = mongoose.connection.db!.collection('scheduled_invitations');
    await invitations.insertOne({ respondent: a.respondent, at: new Date() });

    const counts = await rights.erase(a.respondent, 'admin');

    expect(counts.scheduled_invitations).toBe(1);
    expect(await invitations.countDocuments({})).toBe(0);
  });

  it('keys the ledger by a derived key', async () => {
    const a = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE_A, text: TEXT_A });

    await rights.erase(a.respondent, 'cli');

    const entries = await ErasureModel.find({}).lean();
    expect(entries).toHaveLength(1);
    expect(entries[0]?._id).toBe(erasureLedgerKey(pseudonymKey, a.respondent));
    expect(entries[0]?._id).not.toBe(a.respondent);
    expect(entries[0]?.source).toBe('cli');
    expect(await rights.isErased(a.respondent)).toBe(true);
  });

  it('keeps the first ledger entry on a repeated erasure', async () => {
    const a = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE_A, text: TEXT_A });
    await rights.erase(a.respondent, 'chat');

    await rights.erase(a.respondent, 'admin');

    const entries = await ErasureModel.find({}).lean();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.source).toBe('chat');
  });

  it('writes an audit entry with counts only', async () => {
    const a = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE_A, text: TEXT_A });

    await rights.erase(a.respondent, 'admin');

    const audits = await AuditModel.find({ action: 'erasure' }).lean();
    expect(audits).toHaveLength(1);
    expect(audits[0]?.detail).toMatchObject({ source: 'admin', counts: { answers: 1 } });
    expect(JSON.stringify(audits)).not.toContain(a.respondent);
  });
});

describe('RightsService.reapplyErasures', () => {
  const { keyRing, pseudonymKey } = createTestKeys();
  const log = createLogger({ level: 'silent' });
  const rights = new RightsService({ keyRing, pseudonymKey, log });

  beforeEach(clearCollections);

  it('erases restored documents again', async () => {
    const a = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE_A, text: TEXT_A });
    await seedRespondent({ keyRing, pseudonymKey, phone: PHONE_B, text: TEXT_B });
    const backup = await snapshotOf(a.respondent);
    await rights.erase(a.respondent, 'admin');
    await restore(backup);
    expect(await rawDump()).toContain(a.respondent);

    const erasedAgain = await rights.reapplyErasures();

    expect(erasedAgain).toBe(1);
    expect(await rawDump()).not.toContain(a.respondent);
  });

  it('leaves respondents outside the ledger alone', async () => {
    const a = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE_A, text: TEXT_A });
    const b = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE_B, text: TEXT_B });
    const before = await snapshotOf(b.respondent);
    const backup = await snapshotOf(a.respondent);
    await rights.erase(a.respondent, 'admin');
    await restore(backup);

    await rights.reapplyErasures();

    expect(await snapshotOf(b.respondent)).toEqual(before);
  });

  it('returns zero and writes no audit entry when nothing was restored', async () => {
    const a = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE_A, text: TEXT_A });
    await rights.erase(a.respondent, 'admin');

    const erasedAgain = await rights.reapplyErasures();

    expect(erasedAgain).toBe(0);
    expect(await AuditModel.countDocuments({ action: 'erasure-reapplied' })).toBe(0);
  });

  it('writes an audit entry when it erases again', async () => {
    const a = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE_A, text: TEXT_A });
    const backup = await snapshotOf(a.respondent);
    await rights.erase(a.respondent, 'admin');
    await restore(backup);

    await rights.reapplyErasures();

    const audits = await AuditModel.find({ action: 'erasure-reapplied' }).lean();
    expect(audits).toHaveLength(1);
    expect(audits[0]?.detail).toMatchObject({ respondents: 1, counts: { conversations: 1 } });
  });
});
