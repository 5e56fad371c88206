// What `npm run site` does (scripts/site.ts runs it): README.md and docs/ → a static HTML site in _site/.
// Apart from its entry so that tests call it in process.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../../lib/config/input-error.ts';
import { listEnvironments, loadEnvironmentConfig } from '../../lib/config/load-config.ts';
import { buildSite } from '../../lib/site/build-site.ts';

export const HELP = `Usage: npm run site -- [--out <dir>] [--source-url <url>]

Builds the repository's docs as a static site for GitHub Pages, offline: README.md becomes index.html,
docs/architecture.md, cost.md, portfolio.md and capstone.md, the phase guides, the guides and the decision
records become pages beside it, with the pictures of docs/diagrams/ and docs/charts/ and the proof of run of
docs/evidence/. Links between pages point at the .html pages; Mermaid blocks show the picture npm run docs
drew of them (their source where there is none). Run npm run docs first so the pages are current.
The pages workflow (.github/workflows/pages.yml) publishes the result after each merge to main.

  --out <dir>          where to write the site (emptied first). Default: _site
  --source-url <url>   where links to files that are not pages point (pipeline code, schemas), e.g.
                       https://github.com/<owner>/<repo>/blob/main/. Default: left as relative links
  -h, --help           show this help

Example:
  npm run site && npx http-server _site    (or open _site/index.html)`;

const ROOT = path.resolve(import.meta.dirname, '../..');

export async function site(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string', default: '_site' },
      'source-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(HELP);
  const sourceUrl = values['source-url'];
  if (sourceUrl !== undefined && !/^https?:\/\/\S+\/$/.test(sourceUrl)) {
    throw new InputError(
      `--source-url must be an http(s) URL ending in /, such as https://github.com/<owner>/<repo>/blob/main/, not "${sourceUrl}".`,
    );
  }
  const outDir = path.resolve(ROOT, values.out);
  if (outDir === ROOT || ROOT.startsWith(`${outDir}${path.sep}`)) {
    throw new InputError(
      `--out ${values.out} would empty the repository; name a folder of its own, such as _site.`,
    );
  }
  const started = performance.now();
  const [first] = listEnvironments();
  const project = first === undefined ? 'aws-data-launchpad' : loadEnvironmentConfig(first).project;
  const result = buildSite({
    root: ROOT,
    outDir,
    project,
    sourceUrl,
    onProgress: (line) => console.error(line),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(
    `Site written to ${path.relative(ROOT, outDir) || outDir}/: ${result.pages.length} pages, ${result.assets.length} pictures and data files (${seconds} s).`,
  );
}
