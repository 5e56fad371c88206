/**
 * Collects what is written to stdout while `run` runs (workflow commands such as `::warning::` go there),
 * without printing it. The real `process.stdout.write` is put back afterwards, even when `run` throws.
 */
export async function captureStdout<T>(run: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const original = process.stdout.write;
  let text = '';
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof process.stdout.write;
  try {
    const result = await run();
    return { result, lines: text.split(/\r?\n/).filter((line) => line !== '') };
  } finally {
    process.stdout.write = original;
  }
}
