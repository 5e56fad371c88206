/**
 * Personalizes a repository made with "Use this template": the template's `owner/repo` in README.md
 * (badges, links, clone URLs) and its Pages address (`owner.github.io/repo`) become the new repository's, and the placeholder `owner` of config/*.json
 * (the tag on every resource) becomes the repository owner. Generated README regions are left to
 * `npm run docs`; a line holding `template-init: keep` (e.g. a "made from the template" credit) is kept
 * as it is. Running it again finds nothing to change and writes no byte.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { applyEdits, modify, parse } from 'jsonc-parser';
import { regionNames } from '../../lib/docs/generated-regions.ts';
import { render } from '../../lib/render/liquid.ts';
import { writeIfChanged } from '../../lib/render/write-if-changed.ts';

/** Where this template lives; a repository made from it may name its template with --template instead. */
export const DEFAULT_TEMPLATE_REPOSITORY = 'aws-data-launchpad/aws-data-launchpad';
/** The `owner` the template's config files ship with. */
export const PLACEHOLDER_OWNER = 'data-engineering-learner';
/** A README line with this text is never changed (e.g. a link back to the template). */
export const KEEP_MARKER = 'template-init: keep';

export interface Repository {
  readonly owner: string;
  readonly name: string;
}

export class TemplateInitError extends Error {
  override readonly name = 'TemplateInitError';
}

const SLUG = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;

export function parseRepository(text: string, what = 'repository'): Repository {
  const match = SLUG.exec(text.trim());
  if (match === null || match[2] === '.' || match[2] === '..') {
    throw new TemplateInitError(`The ${what} must be given as OWNER/REPO; got ${JSON.stringify(text)}.`);
  }
  return { owner: match[1] ?? '', name: match[2] ?? '' };
}

const slug = (r: Repository) => `${r.owner}/${r.name}`;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The Pages address of a repository: `https://owner.github.io/repo/` (owner names are case-insensitive there). */
function pagesPattern(r: Repository): RegExp {
  return new RegExp(
    `(?<![\\w.-])${escapeRegExp(r.owner)}\\.github\\.io/${escapeRegExp(r.name)}(?![\\w.-])`,
    'gi',
  );
}
const pagesAddress = (r: Repository) => `${r.owner.toLowerCase()}.github.io/${r.name}`;

/** `owner/repo` as a whole: not inside a longer name, but followed by `.git` in a clone URL. */
function slugPattern(r: Repository): RegExp {
  return new RegExp(`(?<![\\w.-])${escapeRegExp(slug(r))}(?=\\.git\\b|(?![\\w.-]))`, 'gi');
}

/** Splits text into the parts outside generated regions (editable) and the regions (kept as they are). */
function segments(text: string, file: string): { text: string; editable: boolean }[] {
  regionNames(text, file); // throws on unbalanced markers: better than editing half a region
  const parts: { text: string; editable: boolean }[] = [];
  const region = /<!-- BEGIN GENERATED: ([\w.-]+) -->[\s\S]*?<!-- END GENERATED: \1 -->/g;
  let last = 0;
  for (const match of text.matchAll(region)) {
    parts.push({ text: text.slice(last, match.index), editable: true });
    parts.push({ text: match[0], editable: false });
    last = match.index + match[0].length;
  }
  parts.push({ text: text.slice(last), editable: true });
  return parts;
}

export interface ReadmeResult {
  readonly text: string;
  /** How many template references were replaced. */
  readonly references: number;
  readonly title: boolean;
}

export function personalizeReadme(
  text: string,
  template: Repository,
  repository: Repository,
  file = 'README.md',
): ReadmeResult {
  const pattern = slugPattern(template);
  const pages = pagesPattern(template);
  let references = 0;
  let title = false;
  const out = segments(text, file).map((part) => {
    if (!part.editable) return part.text;
    return part.text
      .split('\n')
      .map((line) => {
        if (line.includes(KEEP_MARKER)) return line;
        return line
          .replace(pattern, () => {
            references++;
            return slug(repository);
          })
          .replace(pages, () => {
            references++;
            return pagesAddress(repository);
          });
      })
      .join('\n');
  });
  let result = out.join('');
  // The first heading names the project: the template's name becomes the repository's.
  const heading = /^# (.+)$/m.exec(result);
  if (
    heading !== null &&
    heading[1]?.trim() === template.name &&
    template.name !== repository.name &&
    !heading[0].includes(KEEP_MARKER)
  ) {
    result = `${result.slice(0, heading.index)}# ${repository.name}${result.slice(heading.index + heading[0].length)}`;
    title = true;
  }
  return { text: result, references, title };
}

export interface ConfigResult {
  readonly text: string;
  /** The owner it had, when it was changed. */
  readonly from?: string;
}

/** Sets `owner` when it is still the template's placeholder (or the template's owner); edits nothing else. */
export function personalizeConfig(text: string, template: Repository, owner: string): ConfigResult {
  const json = parse(text) as { owner?: unknown } | undefined;
  const current = json?.owner;
  if (typeof current !== 'string') return { text };
  const placeholders = [PLACEHOLDER_OWNER, template.owner].map((p) => p.toLowerCase());
  if (!placeholders.includes(current.toLowerCase()) || current === owner) return { text };
  const edits = modify(text, ['owner'], owner, { formattingOptions: { insertSpaces: true, tabSize: 2 } });
  return { text: applyEdits(text, edits), from: current };
}

export interface Change {
  readonly file: string;
  readonly what: string;
}

export interface TemplateInitResult {
  readonly changes: readonly Change[];
  readonly written: boolean;
}

export interface TemplateInitOptions {
  /** The repository's folder. */
  readonly root: string;
  readonly repository: Repository;
  readonly template: Repository;
  /** Report what would change and write nothing. */
  readonly dryRun?: boolean;
}

/** The config files that carry an `owner`: config/<env>.json, not the schemas. */
function configFiles(root: string): string[] {
  const dir = path.join(root, 'config');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.json') && !name.endsWith('schema.json'))
    .sort()
    .map((name) => path.join('config', name));
}

export function templateInit(options: TemplateInitOptions): TemplateInitResult {
  const { root, repository, template } = options;
  if (slug(repository).toLowerCase() === slug(template).toLowerCase()) {
    throw new TemplateInitError(
      `${slug(repository)} is the template itself: template-init personalizes repositories made from it. Nothing was changed.`,
    );
  }
  const changes: Change[] = [];
  const pending: { file: string; text: string }[] = [];

  const readmeFile = path.join(root, 'README.md');
  let readme: string | undefined;
  try {
    readme = readFileSync(readmeFile, 'utf8');
  } catch {
    readme = undefined;
  }
  if (readme !== undefined) {
    const result = personalizeReadme(readme, template, repository);
    if (result.references > 0) {
      changes.push({
        file: 'README.md',
        what: `${result.references} reference(s) to ${slug(template)} → ${slug(repository)}`,
      });
    }
    if (result.title) {
      changes.push({ file: 'README.md', what: `title "${template.name}" → "${repository.name}"` });
    }
    if (result.text !== readme) pending.push({ file: readmeFile, text: result.text });
  }

  for (const file of configFiles(root)) {
    const text = readFileSync(path.join(root, file), 'utf8');
    const result = personalizeConfig(text, template, repository.owner);
    if (result.from !== undefined) {
      changes.push({ file, what: `owner "${result.from}" → "${repository.owner}"` });
      pending.push({ file: path.join(root, file), text: result.text });
    }
  }

  if (!options.dryRun) for (const { file, text } of pending) writeIfChanged(file, text);
  return { changes, written: !options.dryRun && pending.length > 0 };
}

export interface ChecklistData {
  readonly repository: Repository;
  /** The template the repository was made from, when known. */
  readonly template?: Repository;
  /** Default https://github.com. */
  readonly serverUrl?: string;
}

export const DEPLOY_VARIABLES = ['AWS_ROLE_ARN', 'AWS_REGION', 'AWS_ACCOUNT_ID'] as const;

/** The setup-checklist issue's body, from templates/setup/checklist-issue.md.liquid. */
export function renderChecklist(data: ChecklistData): string {
  return render('setup/checklist-issue.md', {
    repository: slug(data.repository),
    owner: data.repository.owner,
    template: data.template === undefined ? '' : slug(data.template),
    server_url: (data.serverUrl ?? 'https://github.com').replace(/\/+$/, ''),
    variables: DEPLOY_VARIABLES,
    environments: [
      { name: 'dev', when: 'on every push to `main`' },
      { name: 'stage', when: 'after dev' },
      { name: 'prod', when: 'after stage, when promoted (see below)' },
    ],
  });
}
