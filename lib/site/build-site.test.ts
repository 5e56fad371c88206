import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, needsBrowser } from '../../test/browser.ts';
import { buildSite } from './build-site.ts';
import { markdownToHtml, siteHref } from './markdown.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Where the screenshots stay after a run, to look at. */
const SHOTS = path.join(ROOT, 'node_modules/.cache/launchpad/site-screenshots');
const SOURCE = 'https://github.com/o/r/blob/main/';

describe('Markdown → HTML for the site', () => {
  const context = {
    file: 'docs/architecture.md',
    pages: new Set(['README.md', 'docs/architecture.md', 'docs/cost.md', 'docs/phases/foundation.md']),
    pictures: new Map([['flowchart LR\n  a --> b', 'docs/diagrams/overview.svg']]),
    sourceUrl: 'https://github.com/o/r/blob/main/',
  };

  it('points links between pages at their .html pages, and other files at the source', () => {
    expect(siteHref('cost.md', context)).toBe('cost.html');
    expect(siteHref('../README.md#set-up', context)).toBe('../index.html#set-up');
    expect(siteHref('phases/foundation.md', context)).toBe('phases/foundation.html');
    expect(siteHref('../pipeline/sql/views/rides.sql', context)).toBe(
      'https://github.com/o/r/blob/main/pipeline/sql/views/rides.sql',
    );
    expect(siteHref('diagrams/overview.svg', context)).toBe('diagrams/overview.svg');
    expect(siteHref('https://aws.amazon.com/', context)).toBe('https://aws.amazon.com/');
    expect(siteHref('#cost', context)).toBe('#cost');
  });

  it('renders GitHub tables, GitHub anchors, and a drawn Mermaid block as its picture', () => {
    const html = markdownToHtml(
      [
        '## What it costs',
        '',
        '| Phase | Monthly |',
        '|---|---:|',
        '| foundation | $2.33 |',
        '',
        '```mermaid',
        'flowchart LR',
        '  a --> b',
        '```',
        '',
        '```mermaid',
        'flowchart LR',
        '  x --> y',
        '```',
        '',
        '[cost](cost.md)',
      ].join('\n'),
      context,
    );
    expect(html).toContain('<h2 id="what-it-costs">What it costs</h2>');
    expect(html).toMatch(/<table>\s*<thead>\s*<tr>\s*<th>Phase<\/th>\s*<th align="right">Monthly<\/th>/);
    expect(html).toContain('<img src="diagrams/overview.svg" alt="Diagram (overview)">');
    expect(html).toContain('<pre class="mermaid-source"><code>flowchart LR\n  x --&gt; y</code></pre>');
    expect(html).toContain('<a href="cost.html">cost</a>');
  });
});

describe('npm run site', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(path.join(tmpdir(), 'site-'));
    buildSite({ root: ROOT, outDir: out, project: 'launchpad', sourceUrl: SOURCE });
  });

  it('writes the README as the landing page, every docs page and the pictures', () => {
    for (const page of [
      'index.html',
      'docs/architecture.html',
      'docs/cost.html',
      'docs/portfolio.html',
      'docs/phases/foundation.html',
      'docs/decisions/index.html',
      'docs/decisions/0021-partition-by-event-time.html',
      'docs/guides/smoke-test.html',
      'style.css',
      'docs/diagrams/overview.svg',
      'docs/charts/revenue_by_city.svg',
    ]) {
      expect(existsSync(path.join(out, page)), page).toBe(true);
    }
    const index = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(index).toMatch(/<title>aws-data-launchpad · launchpad<\/title>/);
    expect(index).toContain('<a href="docs/architecture.html">Architecture</a>');
    // Pages link to pages; Markdown that is not on the site (pipeline/dags/README.md) is read on GitHub.
    const markdownLinks = [...index.matchAll(/href="([^"]*\.md(?:#[^"]*)?)"/g)].map((m) => m[1]);
    expect(markdownLinks.length).toBeGreaterThan(0);
    expect(markdownLinks.filter((href) => !href?.startsWith(SOURCE))).toEqual([]);
    const architecture = readFileSync(path.join(out, 'docs/architecture.html'), 'utf8');
    expect(architecture).toContain('<a href="../index.html">Home</a>');
    expect(architecture).toMatch(/<img src="diagrams\/\w+\.svg"/);
  });

  it('leaves no link to a page that does not exist', () => {
    const broken: string[] = [];
    for (const page of [
      'index.html',
      'docs/architecture.html',
      'docs/portfolio.html',
      'docs/cost.html',
      'docs/decisions/index.html',
    ]) {
      const html = readFileSync(path.join(out, page), 'utf8');
      for (const [, href = ''] of html.matchAll(/(?:href|src)="([^"#:]+)(?:#[^"]*)?"/g)) {
        const target = path.join(out, path.dirname(page), href);
        // Files that are not on the site link to SOURCE (absolute URLs, left out above).
        if (/\.html$|\.svg$|\.png$|\.css$/.test(href) && !existsSync(target)) broken.push(`${page}: ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

interface Page {
  setViewport(viewport: { width: number; height: number }): Promise<void>;
  goto(url: string, options: { waitUntil: 'load' }): Promise<unknown>;
  screenshot(options: { path: string; fullPage: boolean }): Promise<unknown>;
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

interface Shown {
  title: string;
  heading: string;
  images: { src: string | null; width: number }[];
  overflow: number;
  styled: string;
}

describe('the site in headless Chromium', needsBrowser(), () => {
  let browser: { newPage(): Promise<Page>; close(): Promise<void> };
  let out: string;
  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'site-'));
    buildSite({ root: ROOT, outDir: out, project: 'launchpad' });
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    ['landing', 'index.html'],
    ['architecture', 'docs/architecture.html'],
  ])('shows the %s page with every picture loaded and nothing wider than the window', async (name, page) => {
    const tab = await browser.newPage();
    await tab.setViewport({ width: 1280, height: 900 });
    await tab.goto(pathToFileURL(path.join(out, page)).href, { waitUntil: 'load' });
    // Run in the page, where document and window exist (this file is type-checked without the DOM's types).
    const shown = await tab.evaluate<Shown>(`({
      title: document.title,
      heading: document.querySelector('main h1')?.textContent ?? '',
      images: [...document.images].map((img) => ({ src: img.getAttribute('src'), width: img.naturalWidth })),
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      styled: getComputedStyle(document.querySelector('main')).maxWidth,
    })`);
    await tab.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
    await tab.close();
    expect(shown.title).toMatch(/· launchpad$/);
    expect(shown.heading.length).toBeGreaterThan(0);
    // The README's CI badges come from github.com, which a test does not reach; every local picture loads.
    const local = shown.images.filter((img) => !img.src?.startsWith('https://'));
    expect(local.length).toBeGreaterThan(0);
    expect(local.filter((img) => img.width === 0)).toEqual([]);
    expect(shown.overflow).toBeLessThanOrEqual(0);
    expect(shown.styled).toBe('1012px');
    writeFileSync(path.join(SHOTS, `${name}.json`), JSON.stringify(shown, null, 2));
  });
});
