import { describe, expect, it } from 'vitest';
import { fillRegions, RegionError, region, regionNames } from './generated-regions.ts';

const README = `# My project

My own words.

${region('cost', 'old cost')}

More of my words.

${region('architecture', 'old diagram')}
`;

describe('generated regions', () => {
  it('replace only what is between their markers', () => {
    const { text, missing } = fillRegions(
      README,
      { cost: 'new cost', architecture: 'new diagram', phases: 'x' },
      'README.md',
    );
    expect(text).toBe(README.replace('old cost', 'new cost').replace('old diagram', 'new diagram'));
    expect(missing).toEqual(['phases']);
  });

  it('change no byte when filled twice with the same content', () => {
    const once = fillRegions(README, { cost: 'a\n\nb' }, 'README.md').text;
    expect(fillRegions(once, { cost: 'a\n\nb' }, 'README.md').text).toBe(once);
  });

  it('leave regions they are not given alone', () => {
    expect(fillRegions(README, { cost: 'new' }, 'README.md').text).toContain('old diagram');
  });

  it('refuse broken markers with the line and the fix', () => {
    expect(() => regionNames('<!-- BEGIN GENERATED: a -->\n', 'README.md')).toThrow(
      /README\.md: region "a" has no "<!-- END GENERATED: a -->" line/,
    );
    expect(() => regionNames('x\n<!-- END GENERATED: a -->', 'README.md')).toThrow(
      /line 2: "END GENERATED: a" without its BEGIN/,
    );
    expect(() => regionNames(`${region('a', '')}\n${region('a', '')}`, 'f.md')).toThrow(RegionError);
    expect(() => regionNames('<!-- BEGIN GENERATED: a -->\n<!-- BEGIN GENERATED: b -->', 'f.md')).toThrow(
      /starts inside region "a"/,
    );
  });

  it('move a line written inside a region since the last commit to just after it, and say which', () => {
    // Before: the line was removed with the region's old content, silently.
    const edited = README.replace('old cost', 'old cost\nMy note on the bill.');
    const { text, moved } = fillRegions(edited, { cost: 'new cost', architecture: 'x' }, 'README.md', README);
    expect(text).toContain(`${region('cost', 'new cost')}\n\nMy note on the bill.\n\nMore of my words.`);
    expect(moved).toEqual([{ region: 'cost', line: 7, text: 'My note on the bill.' }]);
    // The generator's own old lines (in the baseline) are replaced as before, not moved.
    expect(fillRegions(README, { cost: 'new cost' }, 'README.md', README).moved).toEqual([]);
    expect(fillRegions(edited, { cost: 'new cost' }, 'README.md').moved).toEqual([]);
  });

  it('read the last commit only when a region holds a line the new content lacks', () => {
    let reads = 0;
    const baseline = () => {
      reads++;
      return README;
    };
    // Current regions: no git show at all.
    const current = fillRegions(
      README,
      { cost: 'old cost', architecture: 'old diagram' },
      'README.md',
      baseline,
    );
    expect(current.text).toBe(README);
    expect(reads).toBe(0);
    // A region whose content changes: the baseline tells the generator's old line from a hand-written one.
    const edited = README.replace('old cost', 'old cost\nMy note on the bill.');
    const changed = fillRegions(
      edited,
      { cost: 'new cost', architecture: 'new diagram' },
      'README.md',
      baseline,
    );
    expect(changed.moved.map((l) => l.text)).toEqual(['My note on the bill.']);
    expect(reads).toBe(1);
  });
});
