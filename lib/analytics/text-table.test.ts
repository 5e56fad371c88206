import { describe, expect, it } from 'vitest';
import { formatTable } from './text-table.ts';

describe('formatTable', () => {
  it('aligns numbers right and text left, prints nulls and nested values, cuts long cells', () => {
    const rows = [
      { city: 'Paris', rides: 7, tags: ['a'], note: null },
      { city: 'New York', rides: 120, tags: null, note: 'x'.repeat(70) },
      { city: 'Rome', rides: 3, tags: { b: 1 }, note: 'left out' },
    ];
    expect(formatTable(['city', 'rides', 'tags', 'note'], rows, 2).split('\n')).toEqual([
      'city      rides  tags   note',
      `--------  -----  -----  ${'-'.repeat(60)}`,
      'Paris         7  ["a"]  NULL',
      `New York    120  NULL   ${'x'.repeat(59)}…`,
    ]);
  });

  it('prints the header of an empty result', () => {
    expect(formatTable(['a', 'bb'], [], 10)).toBe('a  bb\n-  --');
  });
});
