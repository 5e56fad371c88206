import { describe, expect, it } from 'vitest';
import { DeployInputError } from './deploy-errors.ts';
import { parsePhases, phaseOfPath } from './phase-selection.ts';

describe('parsePhases', () => {
  it('reads all, an empty input, and lists in any order, case and spacing, into deployment order', () => {
    expect(parsePhases('all')).toBe('all');
    expect(parsePhases(' ALL ')).toBe('all');
    expect(parsePhases('')).toBe('all');
    expect(parsePhases(' Analytics, foundation ,,foundation')).toEqual(['foundation', 'analytics']);
  });

  it('names every unknown phase and the known ones', () => {
    expect(() => parsePhases('foundation,ingest,etl')).toThrow(
      new DeployInputError(
        'Unknown phases "ingest", "etl" in phases "foundation,ingest,etl". Use "all" or a comma-separated ' +
          'list of: foundation, ingestion, processing, analytics, orchestration, delivery.',
      ),
    );
    expect(() => parsePhases(' , ')).toThrow(/names no phase/);
  });
});

describe('phaseOfPath', () => {
  it('takes the phase of this environment’s stacks only', () => {
    expect(phaseOfPath('dev', 'dev/processing')).toBe('processing');
    expect(phaseOfPath('dev', 'prod/processing')).toBeUndefined();
    expect(phaseOfPath('dev', 'dev/Bootstrap')).toBeUndefined();
  });
});
