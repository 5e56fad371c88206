import { describe, expect, it } from 'vitest';
import { evaluateNames, evaluateString } from './evaluate-names.ts';

const lookup = (reference: string) =>
  ({ 'var.prefix': 'launchpad-dev', 'local.prefix': 'launchpad-dev', 'var.count': 3 })[reference];

describe('evaluating the naming expressions', () => {
  it('fills plain references and replace() calls', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL interpolations, not JavaScript templates.
    expect(evaluateString('${var.prefix}-raw-${var.count}', lookup, 'f')).toBe('launchpad-dev-raw-3');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an HCL interpolation, not a JavaScript template.
    expect(evaluateString('${replace(local.prefix, "-", "_")}_raw', lookup, 'f')).toBe('launchpad_dev_raw');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an HCL interpolation, not a JavaScript template.
    expect(evaluateNames({ raw: '${var.prefix}-raw' }, lookup, 'f')).toEqual({ raw: 'launchpad-dev-raw' });
  });

  it('refuses what it cannot evaluate, naming where and what to keep to', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an HCL interpolation, not a JavaScript template.
    expect(() => evaluateString('${lower(var.prefix)}', lookup, 'names.tf local.x')).toThrow(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an HCL interpolation, not a JavaScript template.
      'names.tf local.x: "${lower(var.prefix)}" is not a plain reference or replace(ref, "a", "b")',
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an HCL interpolation, not a JavaScript template.
    expect(() => evaluateString('${var.missing}', lookup, 'names.tf local.y')).toThrow(
      'names.tf local.y: var.missing has no string value here',
    );
  });
});
