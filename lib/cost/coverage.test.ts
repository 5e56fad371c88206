import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverageText, measureCoverage } from './coverage.ts';

/** A folder as public template collections look: templates in subfolders, beside files that are none. */
function fixtureFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'launchpad-coverage-'));
  mkdirSync(path.join(dir, 'nested'));
  const write = (file: string, text: string) => writeFileSync(path.join(dir, file), text);
  write(
    'priced-and-free.yaml',
    'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n  Role:\n    Type: AWS::IAM::Role\n    Properties: {}\n',
  );
  write(
    'nested/unpriced.json',
    JSON.stringify({
      Resources: {
        Thing: { Type: 'AWS::Made::Up' },
        Other: { Type: 'AWS::Made::Up' },
        Param: { Type: 'AWS::SSM::Parameter', Properties: { Tier: 'Advanced' } },
      },
    }),
  );
  write('nested/broken.yml', 'Resources:\n  Bad: [unclosed\n');
  // Rain templates as aws-cloudformation-templates holds them: a YAML tag, and a module as a JSON resource's Type.
  write(
    'rain-embed.yaml',
    'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code:\n        ZipFile: !Rain::Embed handler.py\n',
  );
  write(
    'nested/rain-module.json',
    JSON.stringify({ Resources: { Storage: { Type: { 'Rain::Module': '../modules/bucket.yml' } } } }),
  );
  write('package.json', JSON.stringify({ name: 'x', scripts: { Resources: 'not a template' } }));
  write('event.json', JSON.stringify({ detail: { Resources: {} } }));
  write('buildspec.yml', 'version: 0.2\nphases: {}\n');
  write('notes.txt', 'Resources: not a template extension');
  return dir;
}

describe('template coverage', () => {
  const report = measureCoverage(fixtureFolder());

  it('counts priced, free and unpriced resources, and templates wholly covered', () => {
    expect(report.templates).toBe(3);
    expect(report.skipped).toBe(3);
    expect(report.resources).toEqual({ total: 5, priced: 1, free: 1 });
    expect(report.fullyCovered).toBe(1);
  });

  it('lists unpriced types by count with the templates they appear in and why', () => {
    expect(report.unpriced).toEqual([
      { type: 'AWS::Made::Up', count: 2, templates: 1, reason: 'no cost model for AWS::Made::Up' },
      {
        type: 'AWS::SSM::Parameter',
        count: 1,
        templates: 1,
        reason: 'advanced parameters are billed per parameter-month; not priced here',
      },
    ]);
  });

  it('counts a template it cannot read and names it with its error, and goes on', () => {
    expect(report.unreadable).toHaveLength(1);
    expect(report.unreadable[0]?.file).toBe(path.join('nested', 'broken.yml'));
    expect(report.unreadable[0]?.error).toMatch(/broken\.yml/);
  });

  it('counts Rain templates apart, not among the templates nor the unreadable', () => {
    expect(report.rain).toEqual([path.join('nested', 'rain-module.json'), 'rain-embed.yaml']);
  });

  it('prints the two shares over the templates read', () => {
    const text = coverageText(report);
    expect(text).toContain('Templates: 3 found, 2 read, 1 unreadable (3 other .json/.yaml files skipped');
    expect(text).toContain('Resources priced or declared free: 40.0 %');
    expect(text).toContain(
      'Templates fully covered: 50.0 % (1 of 2 read; 33.3 % counting the unreadable as not covered)',
    );
    expect(text).toContain(
      'Rain templates left out: 2 (not CloudFormation: Rain directives, run rain pkg first; not counted among the templates)',
    );
    expect(text).toMatch(/ {5}2 {5}1 {2}AWS::Made::Up: no cost model/);
  });
});
