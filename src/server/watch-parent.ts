/**
 * Calls `onExit` once when the parent process has exited, noticed within `intervalMs` as a change
 * of `process.ppid`, because the kernel gives an orphan a new parent (init or a subreaper).
 * `npm start` does not pass SIGTERM on to its child, so this is how a `kill` of npm, as a process
 * manager or `docker stop` sends it, reaches ces-bot.
 *
 * A process whose parent is init (ppid 0 or 1) from the start never stops this way.
 *
 * @returns a function that stops watching.
 */
export function watchParentProcess(
  onExit: (parentPid: number) => void,
  intervalMs = 1_000,
): () => void {
  const parentPid = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parentPid) return;

    clearInterval(timer);
    onExit(parentPid);
  }, intervalMs);
  // Unref'd, so that the watch never keeps the process running.
  timer.unref();
  return () => clearInterval(timer);
}
