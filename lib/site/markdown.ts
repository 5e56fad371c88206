/**
 * One Markdown page → HTML for the Pages site, as GitHub shows it: GitHub-flavoured tables, headings with
 * GitHub's anchors, links between pages rewritten from .md to .html, and each Mermaid block replaced by
 * the picture `npm run docs` drew of the same source (docs/diagrams/<name>.mmd → .svg), else shown as
 * its source.
 */
import path from 'node:path';
import { Marked, type Tokens } from 'marked';
import { escapeXml } from '../render/escape-xml.ts';

export interface PageContext {
  /** The page's path in the repository, e.g. `docs/architecture.md`. */
  readonly file: string;
  /** Repository paths that become pages of the site (README.md → index.html). */
  readonly pages: ReadonlySet<string>;
  /** Mermaid source (trimmed) → repository path of its rendered SVG. */
  readonly pictures: ReadonlyMap<string, string>;
  /** Files that are not on the site link here (`https://github.com/o/r/blob/main/`); else left as written. */
  readonly sourceUrl?: string;
}

/** The site path of a repository page: README.md → index.html, docs/x.md → docs/x.html. */
export function pagePath(file: string): string {
  return file === 'README.md' ? 'index.html' : file.replace(/\.md$/, '.html');
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function slugger() {
  const seen = new Map<string, number>();
  return (text: string) => {
    const base = text
      .toLowerCase()
      .replace(/<[^>]+>/g, '')
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .trim()
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}-${count}`;
  };
}

/** Rewrites a relative link of `from` for the site; absolute URLs and anchors stay as they are. */
export function siteHref(href: string, context: PageContext): string {
  if (/^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(href)) return href;
  const [target = '', anchor] = href.split('#', 2);
  if (target === '') return href;
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(context.file), target));
  const fromDir = path.posix.dirname(pagePath(context.file));
  const hash = anchor === undefined ? '' : `#${anchor}`;
  if (context.pages.has(resolved)) {
    return `${path.posix.relative(fromDir, pagePath(resolved)) || path.posix.basename(pagePath(resolved))}${hash}`;
  }
  if (resolved.endsWith('.md') || !/\.(svg|png|drawio|json)$/.test(resolved)) {
    // Source files and pages the site leaves out: on GitHub, where they can be read.
    return context.sourceUrl ? `${context.sourceUrl}${resolved}${hash}` : href;
  }
  return href;
}

export function markdownToHtml(markdown: string, context: PageContext): string {
  const slug = slugger();
  const marked = new Marked({
    gfm: true,
    walkTokens(token) {
      if (token.type === 'link' || token.type === 'image') {
        const t = token as Tokens.Link | Tokens.Image;
        t.href = siteHref(t.href, context);
      }
    },
    renderer: {
      heading({ tokens, depth }) {
        const inner = this.parser.parseInline(tokens);
        return `<h${depth} id="${slug(inner)}">${inner}</h${depth}>\n`;
      },
      code({ text, lang }) {
        if (lang !== 'mermaid') return false;
        const svg = context.pictures.get(text.trim());
        if (svg === undefined) return `<pre class="mermaid-source"><code>${escapeXml(text)}</code></pre>\n`;
        const src = path.posix.relative(path.posix.dirname(pagePath(context.file)), svg);
        return `<figure class="diagram"><a href="${src}"><img src="${src}" alt="Diagram (${path.posix.basename(svg, '.svg')})"></a></figure>\n`;
      },
    },
  });
  return marked.parse(markdown, { async: false });
}
