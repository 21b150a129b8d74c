// Quitting must never hang: the core's close (stopping generations, the background check, the
// last batched writes, the database) gets a time limit, after which the app quits anyway. What
// SQLite has committed is safe either way (WAL); an answer still streaming is marked
// interrupted at the next start.
export async function closeWithin(
  close: () => Promise<void>,
  limitMs: number,
): Promise<'closed' | 'timed-out' | 'failed'> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), limitMs);
  });
  const closing = close().then(
    () => 'closed' as const,
    (err: unknown) => {
      console.error('[runnel] closing failed:', err);
      return 'failed' as const;
    },
  );
  try {
    return await Promise.race([closing, limit]);
  } finally {
    clearTimeout(timer);
  }
}
