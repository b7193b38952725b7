import { isIPv4 } from 'node:net';

/**
 * True when `url` points at this machine: `localhost`, 127.0.0.0/8 or `[::1]`. Without
 * authentication nothing vouches for an activity's `serviceUrl`, and replies are POSTed there,
 * so only a local Bot Framework Emulator may receive them.
 */
export function isLoopbackUrl(url: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }

  if (hostname === 'localhost' || hostname === '[::1]') return true;
  return isIPv4(hostname) && hostname.startsWith('127.');
}
