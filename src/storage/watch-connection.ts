import type { Connection } from 'mongoose';

/**
 * Calls `onDown` once when `connection` stays disconnected for `downMs` without reconnecting.
 * mongoose reports the loss of the only server once the driver's next check fails, so the call
 * comes up to one `heartbeatFrequencyMS` later than `downMs` after the server went away.
 *
 * @returns a function that stops watching; call it before closing the connection on purpose.
 */
export function watchConnectionDown(
  connection: Connection,
  downMs: number,
  onDown: () => void,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  const onDisconnected = () => {
    // Unref'd, so that a command-line tool that has finished its work does not wait for it.
    timer ??= setTimeout(() => {
      stop();
      onDown();
    }, downMs).unref();
  };
  const onConnected = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  const stop = () => {
    clearTimeout(timer);
    connection.off('disconnected', onDisconnected);
    connection.off('connected', onConnected);
    connection.off('reconnected', onConnected);
  };

  connection.on('disconnected', onDisconnected);
  connection.on('connected', onConnected);
  connection.on('reconnected', onConnected);
  return stop;
}
