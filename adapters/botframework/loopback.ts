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

/**
 * True when a request came from this machine. Without authentication only a local Emulator may
 * call the bot: otherwise anyone who reaches the port could make it POST to local services.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const ip = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return ip === '::1' || (isIPv4(ip) && ip.startsWith('127.'));
}
