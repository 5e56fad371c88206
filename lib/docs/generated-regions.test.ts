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
});
