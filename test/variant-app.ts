import path from 'node:path';
import { inject } from 'vitest';
import { type SynthesizedStack, stackOf, synthesizedStacks } from './assembly.ts';
import type { VariantName } from './variants.ts';

/** The cloud assembly of a variant app of test/variants.ts, synthesized by the global setup. */
export const variantDir = (variant: VariantName): string => path.join(inject('variantsDir'), variant);

export const variantStacks = (variant: VariantName): SynthesizedStack[] =>
  synthesizedStacks(variantDir(variant));

export const variantStackOf = (variant: VariantName, environment: string, phase: string): SynthesizedStack =>
  stackOf(environment, phase, variantDir(variant));
