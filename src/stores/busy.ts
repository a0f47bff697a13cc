/** Runs `run` with a store's boolean flag (saving, uploading…) set for its duration, cleared even when it throws. */
export async function whileFlag<K extends string, T>(
  set: (patch: Record<K, boolean>) => void,
  key: K,
  run: () => Promise<T>,
): Promise<T> {
  set({ [key]: true } as Record<K, boolean>)
  try {
    return await run()
  } finally {
    set({ [key]: false } as Record<K, boolean>)
  }
}
