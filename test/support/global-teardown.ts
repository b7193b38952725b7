import { rmSync } from 'node:fs';

/** Stops the server that global-setup started and removes its temporary data folder. */
export default async function globalTeardown(): Promise<void> {
  const state = globalThis.cesTestServer;
  if (!state) return;

  await state.server.stop();
  rmSync(state.dataDir, { recursive: true, force: true });
  globalThis.cesTestServer = undefined;
}
