import mongoose from 'mongoose';

/**
 * Returns whether a server at `uri` responds to `ping` within `timeoutMs`. Opens and closes its own
 * client, so it works before mongoose connects and never disturbs that connection.
 */
export async function pingServer(uri: string, timeoutMs: number): Promise<boolean> {
  const client = new mongoose.mongo.MongoClient(uri, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    socketTimeoutMS: timeoutMs,
  });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close();
  }
}

export interface WaitForServerOptions {
  timeoutMs: number;
  /** Pause between pings, in milliseconds. */
  intervalMs?: number;
  /** Stops the pings early, e.g. once the server process has exited. */
  signal?: AbortSignal;
}

/**
 * Pings `uri` until it responds. Returns false when `timeoutMs` passes or `signal` aborts first.
 */
export async function waitForServer(
  uri: string,
  { timeoutMs, intervalMs = 200, signal }: WaitForServerOptions,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !signal?.aborted) {
    const remaining = deadline - Date.now();
    if (await pingServer(uri, Math.max(100, Math.min(2000, remaining)))) return true;

    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return false;
}
