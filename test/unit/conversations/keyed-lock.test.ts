import { KeyedLock } from '../../../src/conversations/keyed-lock';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('KeyedLock', () => {
  test('runs work of one key in arrival order', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const job = (name: string) => async () => {
      events.push(`${name} start`);
      await tick();
      events.push(`${name} end`);
    };

    await Promise.all([lock.run('a', job('one')), lock.run('a', job('two'))]);

    expect(events).toEqual(['one start', 'one end', 'two start', 'two end']);
  });

  test('runs different keys at the same time', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const job = (name: string) => async () => {
      events.push(`${name} start`);
      await tick();
      events.push(`${name} end`);
    };

    await Promise.all([lock.run('a', job('one')), lock.run('b', job('two'))]);

    expect(events.slice(0, 2)).toEqual(['one start', 'two start']);
  });

  test('a failed job releases the key', async () => {
    const lock = new KeyedLock();

    const failed = lock.run('a', async () => {
      throw new Error('boom');
    });
    const next = lock.run('a', async () => 'ran');

    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });
});
