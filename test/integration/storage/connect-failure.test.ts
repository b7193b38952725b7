import { StorageError } from '../../../src/errors';
import { createLogger } from '../../../src/log';
import { findFreePort } from '../../../src/storage/child-process';
import { connectDatabase, isDatabaseHealthy } from '../../../src/storage/connect';

describe('connectDatabase without a server', () => {
  it('rejects with a StorageError naming MONGODB_URI', async () => {
    const port = await findFreePort();
    const log = createLogger({ level: 'silent' });

    const connecting = connectDatabase({
      uri: `mongodb://127.0.0.1:${port}/nothing`,
      log,
      serverSelectionTimeoutMS: 500,
    });

    await expect(connecting).rejects.toBeInstanceOf(StorageError);
    await expect(connecting).rejects.toThrow(/connect failed .*MONGODB_URI/);
  });

  it('reports an unconnected database as unhealthy', async () => {
    expect(await isDatabaseHealthy()).toBe(false);
  });
});
