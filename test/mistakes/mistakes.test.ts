import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_MISTAKES } from './config-mistakes.ts';
import { MARKER_MISTAKES, OUTPUTS_MISTAKES, TEMPLATE_MISTAKES, USAGE_MISTAKES } from './file-mistakes.ts';
import { FLAG_MISTAKES } from './flag-mistakes.ts';
import { inTempDir, type Mistake } from './mistake.ts';
import { changedFiles, trackedFiles } from './tracked-files.ts';

/**
 * Every mistake of the tables gets a clear answer and loses nothing: the exit code, the words of the
 * message (file or flag, what is wrong, the fix), no stack trace, and no tracked file written or deleted.
 */
const TABLES: Record<string, readonly Mistake[]> = {
  flags: FLAG_MISTAKES,
  config: CONFIG_MISTAKES,
  templates: TEMPLATE_MISTAKES,
  usage: USAGE_MISTAKES,
  markers: MARKER_MISTAKES,
  outputs: OUTPUTS_MISTAKES,
};

const counts = { tried: 0, clear: 0, dataLost: 0 };
const total = Object.values(TABLES).reduce((n, rows) => n + rows.length, 0);

describe(`${total} mistakes across every command`, () => {
  for (const [area, rows] of Object.entries(TABLES)) {
    describe(area, () => {
      for (const mistake of rows) {
        it(mistake.name, async () => {
          counts.tried++;
          const before = trackedFiles();
          const run = await inTempDir(mistake.files ?? {}, mistake.run);
          const changed = changedFiles(before, trackedFiles());
          if (changed.length > 0) counts.dataLost++;
          const message = `${run.stderr}${run.stdout}`;
          const clear =
            run.status === (mistake.status ?? 1) &&
            !/^\s+at /m.test(message) &&
            mistake.words.every((w) => (typeof w === 'string' ? message.includes(w) : w.test(message)));
          if (clear) counts.clear++;
          expect(changed, 'tracked files changed').toEqual([]);
          expect(message, 'a stack trace').not.toMatch(/^\s+at /m);
          for (const word of mistake.words) {
            if (typeof word === 'string') expect(message).toContain(word);
            else expect(message).toMatch(word);
          }
          expect(run.status).toBe(mistake.status ?? 1);
        });
      }
    });
  }
  afterAll(() => {
    // The lead reports these numbers: mistakes tried, clear errors, data lost (must be 0).
    console.log(
      `mistakes tried: ${counts.tried}, clear errors: ${counts.clear}, data lost: ${counts.dataLost}`,
    );
  });
});
