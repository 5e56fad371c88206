import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutputsFile } from './outputs-file.ts';
import { readDeployedOutputs } from './stack-outputs.ts';

describe('writeOutputsFile', () => {
  it('merges into the file by stack, sorted, in the shape the docs generator reads', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'outputs-'));
    const file = path.join(dir, 'cdk-outputs', 'dev.json');
    writeOutputsFile(file, {
      'launchpad-dev-ingestion': { StreamName: 'old' },
      'launchpad-dev-foundation': { B: '1' },
    });

    writeOutputsFile(file, { 'launchpad-dev-ingestion': { StreamName: 'rides', ApiUrl: 'https://x' } });

    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toEqual({
      'launchpad-dev-foundation': { B: '1' },
      'launchpad-dev-ingestion': { ApiUrl: 'https://x', StreamName: 'rides' },
    });
    expect(text.indexOf('ApiUrl')).toBeLessThan(text.indexOf('StreamName'));
    expect(readDeployedOutputs(path.join(dir, 'cdk-outputs')).get('launchpad-dev-ingestion')).toEqual({
      ApiUrl: 'https://x',
      StreamName: 'rides',
    });
  });

  it('refuses to overwrite a file it cannot read, and says how to recover', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'outputs-')), 'dev.json');
    writeFileSync(file, '{ not json');
    expect(() => writeOutputsFile(file, {})).toThrow(
      /is not valid JSON .*delete it, the deploy writes it again/,
    );
  });
});
