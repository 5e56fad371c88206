import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Decision {
  readonly file: string;
  readonly title: string;
  readonly decision: string;
  readonly tradeOff?: string;
}

/**
 * The design decisions of docs/decisions/*.md for the portfolio page: each file's `# title`, its
 * `**Decision.**` paragraph and its `**Trade-off.**` paragraph (or first paragraph when unmarked).
 */
export function readDecisions(dir: string): Decision[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => {
      const text = readFileSync(path.join(dir, f), 'utf8');
      const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim().replace(/\s*\n\s*/g, ' '));
      const marked = (label: string) =>
        paragraphs
          .find((p) => p.startsWith(`**${label}.**`))
          ?.slice(label.length + 5)
          .trim();
      const title = text.match(/^#\s+(.+)$/m)?.[1]?.replace(/^\d+\.\s*/, '') ?? f;
      return {
        file: f,
        title,
        decision: marked('Decision') ?? paragraphs.find((p) => !p.startsWith('#')) ?? '',
        tradeOff: marked('Trade-off'),
      };
    });
}
