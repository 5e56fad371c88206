// Starts a TypeScript CLI of this repository (`node scripts/launch.mjs scripts/cost.ts [args]`), the way
// the npm scripts run them. tsx would transform and load each of a command's ~70 modules through loader
// hooks, which takes longer than the command's own work; esbuild bundles our modules into one file in about
// 0.1 s (packages stay external and load from node_modules as usual), Node runs that file, and the next start
// reuses it while none of its sources changed. `import.meta` in our sources is rewritten to their own
// location, so data files are found beside them, and an inline source map keeps stack traces on the .ts lines.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'launchpad');
// A command started from an earlier bundle may still import its chunks for a while: they go a day later.
const STALE_CHUNK_MS = 24 * 60 * 60 * 1000;
// V8 keeps the compiled code of every module it loads (aws-cdk-lib, elkjs, ...) in this cache, so the next
// start reads it instead of parsing and compiling again (~50 ms for elkjs alone). Node 22.1+; older: no cache.
module.enableCompileCache?.(path.join(CACHE_DIR, 'compile'));

const entry = process.argv[2];
if (!entry) {
  console.error(
    'Usage: node scripts/launch.mjs <script.ts> [arguments]: runs a TypeScript CLI (npm run does this).',
  );
  process.exit(2);
}
const entryPath = path.resolve(entry);
// Inside node_modules, so that the bundle's package imports resolve from the repository's node_modules.
// Keyed by the checkout too: git worktrees may share one node_modules, and each must run its own sources.
const checkout = createHash('sha256').update(ROOT).digest('hex').slice(0, 12);
const outdir = path.join(CACHE_DIR, checkout, path.relative(ROOT, entryPath).replaceAll(path.sep, '__'));
const main = path.join(outdir, 'main.js');
const sourcesFile = path.join(outdir, 'sources.json');

// LAUNCH_REBUILD=1 builds the bundle again whatever the cache holds (the benchmark times a first start so).
if (process.env.LAUNCH_REBUILD === '1' || !isFresh()) await bundle();
process.setSourceMapsEnabled(true);
// The command reads its arguments from process.argv.slice(2), as when Node runs it directly.
process.argv.splice(1, 2, entryPath);
await import(pathToFileURL(main).href);

/** The bundle exists and every source it was built from has the size and time it had then. */
function isFresh() {
  if (!existsSync(sourcesFile)) return false;
  const sources = JSON.parse(readFileSync(sourcesFile, 'utf8'));
  return sources.every(({ file, size, mtimeMs }) => {
    const stat = statSync(file, { throwIfNoEntry: false });
    return stat !== undefined && stat.size === size && stat.mtimeMs === mtimeMs;
  });
}

async function bundle() {
  const { build, transform } = await import('esbuild');
  /**
   * Each source's `import.meta.dirname`, `.filename` and `.url` become its path on disk, as tsx gives them.
   * esbuild's `define` replaces them in the syntax tree (never inside strings), file by file; the inline
   * source map of that step is composed into the bundle's.
   */
  const sourceLocation = {
    name: 'source-location',
    setup(esbuild) {
      esbuild.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta')) return { contents: source, loader: 'ts' };
        const { code } = await transform(source, {
          loader: 'ts',
          format: 'esm',
          sourcefile: args.path,
          sourcemap: 'inline',
          define: {
            'import.meta.dirname': JSON.stringify(path.dirname(args.path)),
            'import.meta.filename': JSON.stringify(args.path),
            'import.meta.url': JSON.stringify(pathToFileURL(args.path).href),
          },
        });
        return { contents: code, loader: 'js' };
      });
    },
  };
  const output = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: entryPath },
    bundle: true,
    // Code behind a dynamic import (the CDK app, when a command synthesizes) goes to a chunk of its own, so
    // that its packages load only when that import runs.
    splitting: true,
    outdir,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    sourcesContent: false,
    metafile: true,
    // Bundled CommonJS code calls require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    plugins: [sourceLocation],
    write: false,
    logLevel: 'error',
  });
  const sources = Object.keys(output.metafile.inputs).map((input) => {
    const file = path.resolve(ROOT, input);
    const { size, mtimeMs } = statSync(file);
    return { file, size, mtimeMs };
  });
  // Each file is written under a temporary name and renamed, so that two commands started together never
  // read half a file; chunk names are content hashes, so a chunk another command wrote is the same chunk.
  // The sources list goes last: a bundle is reused only once it is whole.
  mkdirSync(outdir, { recursive: true });
  const files = [
    ...output.outputFiles.map((f) => [f.path, f.contents]),
    [sourcesFile, JSON.stringify(sources)],
  ];
  for (const [file, contents] of files) {
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, contents);
    renameSync(partial, file);
  }
  pruneChunks(new Set(files.map(([file]) => path.basename(file))));
}

/** Removes the chunks of earlier bundles of this command (each source change leaves new ones beside them). */
function pruneChunks(current) {
  for (const name of readdirSync(outdir)) {
    if (current.has(name) || !name.endsWith('.js')) continue;
    const file = path.join(outdir, name);
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat && Date.now() - stat.mtimeMs > STALE_CHUNK_MS) rmSync(file, { force: true });
  }
}
