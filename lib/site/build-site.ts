/**
 * `npm run site`: the repository's docs as a static site for GitHub Pages (_site/). The README is the
 * landing page; the architecture, cost, portfolio and capstone pages, the phase guides, the guides and the
 * decision records follow, each with the pictures `npm run docs` drew. Nothing is fetched: the pages,
 * styles and pictures are all files of the checkout.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { PHASE_NAMES } from '../config/phases.ts';
import { readDecisions } from '../docs/decisions.ts';
import { escapeXml } from '../render/escape-xml.ts';
import { liquid, TEMPLATES_DIR } from '../render/liquid.ts';
import { markdownToHtml, pagePath } from './markdown.ts';

export interface SiteOptions {
  /** The repository root. */
  readonly root: string;
  /** Where the site is written; emptied first. */
  readonly outDir: string;
  /** Project name for titles. */
  readonly project: string;
  /** Links to files that are not on the site point here, e.g. `https://github.com/o/r/blob/main/`. */
  readonly sourceUrl?: string;
  readonly onProgress?: (line: string) => void;
}

export interface SiteResult {
  readonly pages: readonly string[];
  readonly assets: readonly string[];
}

/** Folders whose Markdown pages are on the site, besides README.md. */
const PAGE_DIRS = ['docs', 'docs/phases', 'docs/guides', 'docs/setup', 'docs/decisions'];
/** Folders whose pictures and data the pages show or link. */
const ASSET_DIRS = ['docs/diagrams', 'docs/charts', 'docs/evidence'];
const ASSET = /\.(svg|png|drawio|json)$/;

const NAV = [
  { file: 'README.md', label: 'Home' },
  { file: 'docs/architecture.md', label: 'Architecture' },
  { file: 'docs/cost.md', label: 'Cost' },
  { file: 'docs/portfolio.md', label: 'Portfolio' },
  { file: 'docs/capstone.md', label: 'Capstone' },
  { file: 'docs/decisions/index', label: 'Decisions' },
];

export function buildSite(options: SiteOptions): SiteResult {
  const { root, outDir } = options;
  const files = ['README.md', ...PAGE_DIRS.flatMap((dir) => listed(root, dir, /\.md$/))];
  const pages = new Set(files);
  const pictures = diagramPictures(root);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const written: string[] = [];
  const write = (file: string, title: string, body: string) => {
    const out = pagePath(file.endsWith('/index') ? `${file}.md` : file);
    const depth = out.split('/').length - 1;
    const rootPath = '../'.repeat(depth);
    const link = (f: string, label: string) => ({
      href: pagePath(f.endsWith('/index') ? `${f}.md` : f),
      label,
      current: f === file,
    });
    const html = liquid().renderFileSync('site/page.html.liquid', {
      title,
      project: options.project,
      root: rootPath,
      body,
      file: file.endsWith('/index') ? path.posix.dirname(file) : file,
      sourceUrl: options.sourceUrl ?? null,
      nav: NAV.filter((n) => n.file.endsWith('/index') || pages.has(n.file)).map((n) =>
        link(n.file, n.label),
      ),
      // In roadmap order, as the README's phase table lists them.
      phases: PHASE_NAMES.map((name) => `docs/phases/${name}.md`)
        .filter((f) => pages.has(f))
        .map((f) => link(f, path.basename(f, '.md'))),
    }) as string;
    mkdirSync(path.join(outDir, path.dirname(out)), { recursive: true });
    writeFileSync(path.join(outDir, out), html);
    written.push(out);
    options.onProgress?.(`page   ${out}`);
  };

  for (const file of files) {
    const markdown = readFileSync(path.join(root, file), 'utf8');
    const body = markdownToHtml(markdown, { file, pages, pictures, sourceUrl: options.sourceUrl });
    write(file, titleOf(markdown, file), body);
  }
  write('docs/decisions/index', 'Decisions', decisionsIndex(root));

  const assets = ASSET_DIRS.flatMap((dir) => listedDeep(root, dir, ASSET));
  for (const asset of assets) {
    mkdirSync(path.join(outDir, path.dirname(asset)), { recursive: true });
    copyFileSync(path.join(root, asset), path.join(outDir, asset));
  }
  copyFileSync(path.join(TEMPLATES_DIR, 'site/style.css'), path.join(outDir, 'style.css'));
  options.onProgress?.(`assets ${assets.length} pictures and data files`);
  return { pages: written, assets };
}

/** The Mermaid source of each drawn diagram (docs/diagrams/<name>.mmd) → its SVG, when both exist. */
function diagramPictures(root: string): Map<string, string> {
  const pictures = new Map<string, string>();
  for (const mmd of listed(root, 'docs/diagrams', /\.mmd$/)) {
    const svg = mmd.replace(/\.mmd$/, '.svg');
    if (existsSync(path.join(root, svg)))
      pictures.set(readFileSync(path.join(root, mmd), 'utf8').trim(), svg);
  }
  return pictures;
}

function decisionsIndex(root: string): string {
  const items = readDecisions(path.join(root, 'docs/decisions')).map(
    (d) => `<li><a href="${pagePath(d.file)}">${escapeXml(d.title)}</a> <small>(${d.area})</small></li>`,
  );
  return `<h1 id="decisions">Decisions</h1>\n<p>Why the repository is built the way it is, each with its trade-off.</p>\n<ol>\n${items.join('\n')}\n</ol>\n`;
}

function titleOf(markdown: string, file: string): string {
  return (
    markdown
      .match(/^#\s+(.+)$/m)?.[1]
      ?.replace(/[`*_]/g, '')
      .trim() ?? path.basename(file, '.md')
  );
}

function listed(root: string, dir: string, pattern: RegExp): string[] {
  const full = path.join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { withFileTypes: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => `${dir}/${e.name}`)
    .sort();
}

function listedDeep(root: string, dir: string, pattern: RegExp): string[] {
  const full = path.join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) =>
      path.posix.join(dir, path.relative(full, path.join(e.parentPath, e.name)).split(path.sep).join('/')),
    )
    .sort();
}
