import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const INFRA = import.meta.dirname;
/** aws-cdk's design guidelines: a value (`@default 256`, `@default Duration.seconds(30)`) or `- <behaviour>`. */
const DEFAULT_TAG = /@default (- \S|\d|true\b|false\b|'|"|[A-Z]\w*\.\w)/;

interface Member {
  readonly where: string;
  readonly name: string;
  readonly optional: boolean;
  readonly doc: string;
}

/** Members of every exported interface under infra/ (top level of the body), with the JSDoc just above each. */
function interfaceMembers(): Member[] {
  const files = readdirSync(INFRA, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
  );
  return files.flatMap((file) => {
    const lines = readFileSync(path.join(INFRA, file), 'utf8').split('\n');
    const members: Member[] = [];
    let depth = 0;
    let name: string | undefined;
    lines.forEach((line, i) => {
      name ??= line.match(/^export interface (\w+)/)?.[1];
      const member = name && depth === 1 ? line.match(/^ {2}(?:readonly )?(\w+)(\??):/) : null;
      if (name && member?.[1]) {
        members.push({
          where: `infra/${file}:${i + 1} ${name}.${member[1]}`,
          name: member[1],
          optional: member[2] === '?',
          doc: docAbove(lines, i),
        });
      }
      if (name) depth += (line.match(/{/g) ?? []).length - (line.match(/}/g) ?? []).length;
      if (name && depth === 0 && line.startsWith('}')) name = undefined;
    });
    return members;
  });
}

function docAbove(lines: string[], index: number): string {
  let i = index - 1;
  if (!lines[i]?.trim().endsWith('*/')) return '';
  const doc: string[] = [];
  while (i >= 0 && !lines[i]?.includes('/**')) doc.unshift(lines[i--] ?? '');
  return [lines[i] ?? '', ...doc].join('\n');
}

describe('props and option interfaces under infra/ (aws-cdk design guidelines)', () => {
  const members = interfaceMembers();

  it('finds the interfaces', () => {
    expect(members.map((m) => m.where)).toEqual(
      expect.arrayContaining([expect.stringMatching(/ LakeBucketProps\.encryptionKey$/)]),
    );
  });

  it('document every member', () => {
    expect(members.filter((m) => !m.doc).map((m) => m.where)).toEqual([]);
  });

  it('say what an optional member defaults to, as a value or as `- <behaviour>`', () => {
    expect(members.filter((m) => m.optional && !DEFAULT_TAG.test(m.doc)).map((m) => m.where)).toEqual([]);
  });
});
