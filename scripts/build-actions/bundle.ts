/**
 * Bundles the custom actions with esbuild: one self-contained ES module per action, so that GitHub runs it
 * without `npm ci`. The output is deterministic, so a rebuild that differs from the committed file means
 * the source changed without a rebuild.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

export const ACTIONS_DIR = path.resolve(import.meta.dirname, '../../actions');

/**
 * Our modules find their data files (templates, price catalog, config) next to their source through
 * `import.meta.dirname`, which in a bundle would be the dist folder. A local action's bundle runs inside the
 * repository checkout, so each use is rewritten to the source location relative to the bundle.
 */
function sourceLocationPlugin(outdir: string): Plugin {
  return {
    name: 'source-location',
    setup(esbuild) {
      esbuild.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        let contents = readFileSync(args.path, 'utf8');
        if (contents.includes('import.meta.')) {
          const relative = (target: string) =>
            JSON.stringify(path.relative(outdir, target).split(path.sep).join('/'));
          contents = contents
            .replaceAll('import.meta.dirname', `__sourcePath(${relative(path.dirname(args.path))})`)
            .replaceAll('import.meta.filename', `__sourcePath(${relative(args.path)})`)
            .replaceAll('import.meta.url', `__sourceUrl(${relative(args.path)})`);
        }
        return { contents, loader: 'ts' };
      });
    },
  };
}

const BANNER = [
  // Bundled CommonJS dependencies call require(); an ES module has none of its own.
  "import { createRequire as __createRequire } from 'node:module';",
  "import { fileURLToPath as __fileURLToPath } from 'node:url';",
  'const require = __createRequire(import.meta.url);',
  'const __sourceUrl = (relative) => new URL(relative, import.meta.url).href;',
  'const __sourcePath = (relative) => __fileURLToPath(__sourceUrl(relative));',
].join(' ');

/** Optional per-action settings, `actions/<name>/build.json`: packages to leave out of the bundle. */
interface BuildSettings {
  readonly external?: readonly string[];
}

export interface BuildResult {
  readonly name: string;
  readonly outfile: string;
  readonly bytes: number;
  /** The bundle differs from the file on disk (or it is missing). */
  readonly stale: boolean;
}

/** Every folder under actions/ with an action.yml: the actions, as opposed to lib. */
export function listActions(dir = ACTIONS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'action.yml')))
    .map((entry) => entry.name)
    .sort();
}

export async function buildActions(
  names: readonly string[],
  options: { readonly write: boolean; readonly dir?: string },
): Promise<BuildResult[]> {
  const dir = options.dir ?? ACTIONS_DIR;
  const results: BuildResult[] = [];
  for (const name of names) {
    const actionDir = path.join(dir, name);
    const entry = path.join(actionDir, 'main.ts');
    if (!existsSync(entry)) {
      throw new Error(
        `${path.relative(process.cwd(), actionDir)} has no main.ts: an action's entry point is actions/<name>/main.ts.`,
      );
    }
    const settingsFile = path.join(actionDir, 'build.json');
    const settings: BuildSettings = existsSync(settingsFile)
      ? JSON.parse(readFileSync(settingsFile, 'utf8'))
      : {};
    const outfile = path.join(actionDir, 'dist', 'index.js');
    const output = await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      // runs.using is node24; the same code must also run on the Node 20 of a self-hosted runner.
      target: 'node20',
      // ES module builds first: some packages' UMD builds require() their parts dynamically (jsonc-parser).
      mainFields: ['module', 'main'],
      minify: true,
      legalComments: 'eof',
      // Left out packages resolve from the repository's node_modules: local actions run after `npm ci`.
      external: [...(settings.external ?? [])],
      plugins: [sourceLocationPlugin(path.dirname(outfile))],
      banner: { js: BANNER },
      write: false,
      logLevel: 'error',
    });
    const text = output.outputFiles[0]?.text ?? '';
    const stale = !existsSync(outfile) || readFileSync(outfile, 'utf8') !== text;
    if (options.write && stale) {
      mkdirSync(path.dirname(outfile), { recursive: true });
      writeFileSync(outfile, text);
    }
    results.push({ name, outfile, bytes: Buffer.byteLength(text), stale });
  }
  return results;
}
