import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Decision {
  readonly file: string;
  readonly title: string;
  readonly decision: string;
  readonly tradeOff?: string;
  /** `data design` for the records about the data itself (a `**Area.** Data design.` line), else `tooling`. */
  readonly area: 'data design' | 'tooling';
}

/**
 * The design decisions of docs/decisions/*.md for the portfolio page: each file's `# title`, its
 * `**Decision.**` paragraph and its `**Trade-off.**` paragraph (or first paragraph when unmarked), and its
 * `**Area.**`: the portfolio lists the data-design records apart from the tooling ones.
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
        area: /^data design\b/i.test(marked('Area') ?? '') ? ('data design' as const) : ('tooling' as const),
      };
    });
}
