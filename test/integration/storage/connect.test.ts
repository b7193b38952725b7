import { Writable } from 'node:stream';

import mongoose from 'mongoose';

import { ConflictError, NotFoundError, StorageError } from '../../../src/errors';
import { createLogger } from '../../../src/log';
import {
  isDatabaseHealthy,
  isDuplicateKeyError,
  translateStorageError,
} from '../../../src/storage/connect';
import { ConversationModel, DeliveryModel, SuppressionModel } from '../../../src/storage/models';
import { dropAllCollections, rawDump, useTestDatabase } from '../../support/db';

function captureLog() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: createLogger({ level: 'debug', destination }), lines };
}

function conversation(openKey: string) {
  const now = new Date();
  return {
    surveyId: 'service-visit',
    channel: 'sms',
    respondent: 'a1b2',
    openKey,
    locale: 'nl',
    status: 'open',
    stepIndex: 0,
    retries: 0,
    answers: 'v1.sealed',
    startedAt: now,
    lastActivityAt: now,
    expiresAt: now,
  };
}

async function duplicateKeyErrorOf(write: () => Promise<unknown>): Promise<unknown> {
  try {
    await write();
  } catch (error) {
    return error;
  }
  throw new Error('expected the write to fail');
}

describe('connectDatabase', () => {
  const database = useTestDatabase();

  beforeEach(async () => {
    await dropAllCollections();
  });

  it('connects to the test file database', () => {
    expect(mongoose.connection.name).toBe(database.name);
  });

  it('creates the unique openKey index', async () => {
    const indexes = await ConversationModel.collection.indexes();

    const openKey = indexes.find((index) => index.key.openKey === 1);

    expect(openKey?.unique).toBe(true);
  });

  it('creates the compound unique suppression index', async () => {
    const indexes = await SuppressionModel.collection.indexes();

    const compound = indexes.find(
      (index) => index.key.respondent === 1 && index.key.surveyId === 1,
    );

    expect(compound?.unique).toBe(true);
  });

  it('rejects a second open conversation with one openKey', async () => {
    await ConversationModel.create(conversation('a1b2:sms'));

    const error = await duplicateKeyErrorOf(() =>
      ConversationModel.create(conversation('a1b2:sms')),
    );

    expect(isDuplicateKeyError(error)).toBe(true);
    expect(await ConversationModel.countDocuments()).toBe(1);
  });

  it('rejects a repeated delivery id', async () => {
    await DeliveryModel.create({ _id: 'sms:SM1', at: new Date() });

    const error = await duplicateKeyErrorOf(() =>
      DeliveryModel.create({ _id: 'sms:SM1', at: new Date() }),
    );

    expect(isDuplicateKeyError(error)).toBe(true);
  });

  it('finds duplicates in insertMany write errors', async () => {
    const error = await duplicateKeyErrorOf(() =>
      DeliveryModel.insertMany([
        { _id: 'sms:SM2', at: new Date() },
        { _id: 'sms:SM2', at: new Date() },
      ]),
    );

    expect(isDuplicateKeyError(error)).toBe(true);
  });

  it('keeps unique indexes after dropAllCollections', async () => {
    await ConversationModel.create(conversation('a1b2:sms'));

    await dropAllCollections();
    await ConversationModel.create(conversation('a1b2:sms'));
    const error = await duplicateKeyErrorOf(() =>
      ConversationModel.create(conversation('a1b2:sms')),
    );

    expect(isDuplicateKeyError(error)).toBe(true);
  });

  it('dumps every document with rawDump', async () => {
    await ConversationModel.create(conversation('dump:sms'));
    await DeliveryModel.create({ _id: 'sms:SM3', at: new Date() });

    const dump = JSON.parse(await rawDump());

    expect(dump.conversations).toHaveLength(1);
    expect(dump.conversations[0].openKey).toBe('dump:sms');
    expect(dump.deliveries[0]._id).toBe('sms:SM3');
  });

  it('reports a connected database as healthy', async () => {
    expect(await isDatabaseHealthy()).toBe(true);
  });
});

describe('isDuplicateKeyError', () => {
  it.each([
    ['a server error with code 11000', { code: 11000 }, true],
    ['a bulk write error containing one', { code: 65, writeErrors: [{ code: 11000 }] }, true],
    ['another server error', { code: 112 }, false],
    ['a plain Error', new Error('E11000 duplicate key'), false],
    ['undefined', undefined, false],
  ])('returns the right answer for %s', (_case, error, expected) => {
    expect(isDuplicateKeyError(error)).toBe(expected);
  });
});

describe('translateStorageError', () => {
  it('turns a duplicate key into a ConflictError', () => {
    const { log, lines } = captureLog();

    const error = translateStorageError(
      { code: 11000, message: 'E11000 dup key: { openKey: "x" }' },
      { log, operation: 'save conversation', collection: 'conversations' },
    );

    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe(
      'save conversation on conversations failed: a document with the same unique key exists',
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, operation: 'save conversation' });
  });

  it('turns other failures into a StorageError', () => {
    const { log, lines } = captureLog();
    const cause = new mongoose.mongo.MongoNetworkError('connection refused');

    const error = translateStorageError(cause, { log, operation: 'load conversation' });

    expect(error).toBeInstanceOf(StorageError);
    expect(error.status).toBe(503);
    expect(error.message).toMatch(/^load conversation failed \(MongoNetworkError\): check that/);
    expect(error.cause).toBe(cause);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, err: { message: 'connection refused' } });
  });

  it('leaves the message of a validation error out of the log', () => {
    const { log, lines } = captureLog();
    const cause = new mongoose.Error.ValidationError();
    cause.message = 'answer "my private reply" is invalid';

    translateStorageError(cause, { log, operation: 'save answer' });

    expect(JSON.stringify(lines)).not.toContain('my private reply');
  });

  it('returns ces-bot errors unchanged without logging', () => {
    const { log, lines } = captureLog();
    const original = new NotFoundError('conversation c1 not found');

    const error = translateStorageError(original, { log, operation: 'load conversation' });

    expect(error).toBe(original);
    expect(lines).toHaveLength(0);
  });
});
