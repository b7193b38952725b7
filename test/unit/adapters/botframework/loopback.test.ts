import { isLoopbackAddress, isLoopbackUrl } from '../../../../adapters/botframework/loopback';

describe('isLoopbackUrl', () => {
  test.each([
    'http://localhost:51234',
    'http://LOCALHOST:51234/',
    'http://127.0.0.1:51234',
    'http://127.8.9.10',
    'http://[::1]:51234',
  ])('%s is loopback', (url) => {
    expect(isLoopbackUrl(url)).toBe(true);
  });

  test.each([
    'https://smba.trafficmanager.net/emea/',
    'http://localhost.example.test',
    'http://127.0.0.1.example.test',
    'http://10.0.0.1',
    'http://[::ffff:8.8.8.8]',
    'not a url',
  ])('%s is not loopback', (url) => {
    expect(isLoopbackUrl(url)).toBe(false);
  });
});

describe('isLoopbackAddress', () => {
  test.each(['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1'])('accepts %s', (address) => {
    expect(isLoopbackAddress(address)).toBe(true);
  });

  test.each(['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.5', 'fe80::1', '', undefined])(
    'rejects %s',
    (address) => {
      expect(isLoopbackAddress(address)).toBe(false);
    },
  );
});
