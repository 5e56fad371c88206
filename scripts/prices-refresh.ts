// `npm run prices:refresh`: rebuild regions' price catalogs from the AWS Price List (public offer files by
// default, or the Price List Query API).
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../lib/config/config-error.ts';
import { DEFAULT_CONFIG_DIR, loadAllConfigs } from '../lib/config/load-config.ts';
import { CatalogError, DEFAULT_CATALOG_DIR, parseCatalog } from '../lib/cost/catalog/load-catalog.ts';
import { catalogState, describeState, needsRefresh } from '../lib/cost/refresh/catalog-freshness.ts';
import { OFFER_FILES_URL, type OfferDownload, offerFileSource } from '../lib/cost/refresh/offer-files.ts';
import {
  checkRegion,
  createPricingClient,
  PriceRefreshError,
  refreshCatalog,
  type ServiceProgress,
} from '../lib/cost/refresh/refresh-catalog.ts';
import { writeCatalogFile } from '../lib/cost/refresh/write-catalog.ts';
import { runCli } from './run-cli.ts';

/** Overrides the offer files' host (a mirror, or a local test server) when --endpoint is not given. */
const ENDPOINT_VARIABLE = 'PRICES_OFFER_FILES_URL';
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

const HELP = `Usage: npm run prices:refresh -- --region <region> [options]
       npm run prices:refresh -- --regions-from-config [--if-missing-or-older-than <days>] [options]

Rebuilds the price catalog of a region and writes <out>/<region>.json: the same price ids as the bundled
catalog, each with its source (offer file URL or API offer, SKU) and the offer's publication date.
Progress, one line per service, goes to stderr. A file is replaced only when every price was read.

By default prices come from the AWS Price List bulk offer files, which are public: no AWS account and no
credentials. The region's offer file of each service is read as it downloads (the EC2 one is hundreds of
MB); only the products the cost models ask for are kept. \`--source pricing-api\` reads the same prices
through the Price List Query API (GetProducts) instead, which needs AWS credentials (any identity allowed
pricing:GetProducts: AWS_PROFILE, an SSO session, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).

  --region <region>        region to price, e.g. eu-west-1 (repeatable)
  --regions-from-config    every region named in config/<env>.json
  --if-missing-or-older-than <days>
                           only refresh catalogs that are missing or were generated more than <days> days
                           ago; a bundled snapshot is kept. A failure then warns and exits 0 (for CI: the
                           docs say plainly that a region has no prices)
  --cache-dir <dir>        with --if-missing-or-older-than: take a recent enough catalog from <dir> instead
                           of downloading, and keep a copy of each refreshed one there (CI caches it)
  --source <source>        offer-files (default) or pricing-api
  --endpoint <url>         offer-files: host of the offer files (default ${OFFER_FILES_URL},
                           or $${ENDPOINT_VARIABLE}); pricing-api: the API endpoint. A mirror or a local test server
  --api-region <region>    pricing-api: region of its endpoint: us-east-1 (default), eu-central-1 or
                           ap-south-1. The API is served only there, and each of them prices every region.
  --out <dir>              directory to write <region>.json into. Default: lib/cost/catalog
  --config-dir <dir>       where --regions-from-config looks. Default: config
  -v, --verbose            also print notes: free bands left to alwaysFree, duplicate SKUs
  -h, --help               show this help

\`npm run cost\` needs none of this: it works offline with the catalogs in lib/cost/catalog.

Examples:
  npm run prices:refresh -- --region eu-west-1 && git diff lib/cost/catalog/eu-west-1.json
  npm run prices:refresh -- --regions-from-config --if-missing-or-older-than 30`;

const NO_CREDENTIALS = `No AWS credentials found. \`--source pricing-api\` reads prices from the AWS Price List Query API,
which needs AWS credentials: sign in with an identity allowed pricing:GetProducts (\`aws sso login\`,
AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) and run it again. Nothing was written.
The default source, the public offer files, needs no credentials: leave out --source.`;

interface Settings {
  readonly source: 'offer-files' | 'pricing-api';
  readonly endpoint: string | undefined;
  readonly apiRegion: string;
  readonly outDir: string;
  readonly verbose: boolean;
}

runCli(HELP, async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      region: { type: 'string', multiple: true },
      'regions-from-config': { type: 'boolean' },
      'if-missing-or-older-than': { type: 'string' },
      'cache-dir': { type: 'string' },
      source: { type: 'string' },
      out: { type: 'string' },
      endpoint: { type: 'string' },
      'api-region': { type: 'string' },
      'config-dir': { type: 'string' },
      verbose: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(HELP);
  const usage = (problem: string) => {
    console.error(`${problem}\n\n${HELP}`);
    process.exitCode = 1;
  };
  const source = values.source ?? 'offer-files';
  if (source !== 'offer-files' && source !== 'pricing-api') {
    return usage(`--source is "${source}"; expected offer-files (the default) or pricing-api.`);
  }
  const maxAge = values['if-missing-or-older-than'];
  const maxAgeDays = maxAge === undefined ? undefined : Number(maxAge);
  if (maxAgeDays !== undefined && !(Number.isInteger(maxAgeDays) && maxAgeDays >= 0)) {
    return usage(`--if-missing-or-older-than is "${maxAge}"; expected a whole number of days, e.g. 30.`);
  }
  if (values['cache-dir'] !== undefined && maxAgeDays === undefined) {
    return usage(
      '--cache-dir goes with --if-missing-or-older-than <days> (it says how old a cached catalog may be).',
    );
  }
  let regions = values.region ?? [];
  if (values['regions-from-config']) {
    const configDir = path.resolve(values['config-dir'] ?? DEFAULT_CONFIG_DIR);
    try {
      regions = [...regions, ...loadAllConfigs(configDir).map((config) => config.region)];
    } catch (error) {
      if (!(error instanceof ConfigError || error instanceof AggregateError)) throw error;
      console.error(`${error.message}\nFix the config file, or name the regions with --region.`);
      process.exitCode = 1;
      return;
    }
  }
  regions = [...new Set(regions)];
  if (regions.length === 0) return usage('Missing --region (or --regions-from-config).');
  const wrong = regions.find((region) => !REGION.test(region));
  if (wrong !== undefined) return usage(`"${wrong}" is not a region code (expected e.g. eu-west-1).`);

  const settings: Settings = {
    source,
    endpoint:
      values.endpoint ?? (source === 'offer-files' ? process.env[ENDPOINT_VARIABLE] || undefined : undefined),
    apiRegion: values['api-region'] ?? 'us-east-1',
    outDir: values.out === undefined ? DEFAULT_CATALOG_DIR : path.resolve(values.out),
    verbose: values.verbose ?? false,
  };
  for (const region of regions) {
    if (maxAgeDays === undefined) {
      if (!(await refreshRegion(region, settings))) process.exitCode = 1;
      continue;
    }
    await refreshIfNeeded(region, settings, maxAgeDays, values['cache-dir']);
  }
});

/** --if-missing-or-older-than: keep what is recent enough, else refresh; a failure only warns. */
async function refreshIfNeeded(
  region: string,
  settings: Settings,
  maxAgeDays: number,
  cacheDir: string | undefined,
): Promise<void> {
  const now = new Date();
  const state = catalogState(region, settings.outDir, maxAgeDays, now);
  const target = shown(path.join(settings.outDir, `${region}.json`));
  if (!needsRefresh(state)) {
    console.log(`${target}: ${describeState(state, maxAgeDays)}; kept.`);
    return;
  }
  if (cacheDir !== undefined) {
    const cached = catalogState(region, cacheDir, maxAgeDays, now);
    if (cached.kind === 'fresh') {
      mkdirSync(settings.outDir, { recursive: true });
      copyFileSync(path.join(cacheDir, `${region}.json`), path.join(settings.outDir, `${region}.json`));
      console.log(
        `${target}: ${describeState(state, maxAgeDays)}; copied from ${shown(cacheDir)} (${describeState(cached, maxAgeDays)}).`,
      );
      return;
    }
  }
  console.log(`${target}: ${describeState(state, maxAgeDays)}; refreshing.`);
  const written = await refreshRegion(region, settings, true);
  if (written && cacheDir !== undefined) {
    mkdirSync(cacheDir, { recursive: true });
    copyFileSync(written, path.join(cacheDir, `${region}.json`));
  }
}

/** Refreshes one region; returns the file written, or undefined after printing why not. */
async function refreshRegion(
  region: string,
  settings: Settings,
  warnOnly = false,
): Promise<string | undefined> {
  const started = performance.now();
  try {
    checkRegion(region);
    const omitted: ServiceProgress['omitted'][number][] = [];
    const onProgress = (progress: ServiceProgress) => {
      console.error(progress.line);
      omitted.push(...progress.omitted);
      for (const note of progress.notes) {
        if (note.level === 'warning' || settings.verbose)
          console.error(`  ${note.level}: ${note.id}: ${note.text}`);
      }
    };
    let catalog: Awaited<ReturnType<typeof refreshCatalog>>;
    if (settings.source === 'pricing-api') {
      const client = createPricingClient({ apiRegion: settings.apiRegion, endpoint: settings.endpoint });
      console.error(
        `Reading ${region} prices from the AWS Price List API (${settings.endpoint ?? `endpoint in ${settings.apiRegion}`}) ...`,
      );
      catalog = await refreshCatalog({ region, client, onProgress });
    } else {
      const baseUrl = settings.endpoint ?? OFFER_FILES_URL;
      console.error(
        `Reading ${region} prices from the AWS Price List offer files (${baseUrl}), no credentials needed ...`,
      );
      const source = offerFileSource(region, {
        baseUrl,
        onDownload: (d) => console.error(downloadLine(d)),
        onReading: (r) =>
          console.error(
            `  reading ${r.what}: ${mib(r.bytes)}${r.total === undefined ? '' : ` of ${mib(r.total)}`} MB ...`,
          ),
      });
      catalog = await refreshCatalog({ region, source, onProgress });
    }
    // The loader's own checks (schema, contiguous bands, one quantity per free pool) before the file is replaced.
    const file = await writeCatalogFile(catalog, settings.outDir, (text, target) =>
      parseCatalog(text, target, region),
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const count = Object.keys(catalog.prices).length;
    console.log(
      `Wrote ${shown(file)}: ${count} prices${omitted.length > 0 ? `, ${omitted.length} left out` : ''} in ${seconds} s.`,
    );
    if (omitted.length > 0) {
      console.log(`Left out (no product in ${region}): ${omitted.map((o) => o.id).join(', ')}.`);
    }
    return file;
  } catch (error) {
    let message: string;
    if (error instanceof CatalogError) {
      message = `The refreshed ${region} catalog failed the loader's checks, so it was not written:\n${error.message}`;
    } else if (error instanceof PriceRefreshError) {
      message =
        error.kind === 'credentials'
          ? `${NO_CREDENTIALS}\n(${error.message})`
          : `${error.message}\nNothing was written; the ${region} catalog file is unchanged.`;
    } else {
      throw error;
    }
    if (warnOnly) {
      // In CI the docs and the cost comment still succeed without this catalog and say so; a warning
      // annotation makes the skipped refresh visible on the run's page.
      const prefix =
        process.env.GITHUB_ACTIONS === 'true' ? '::warning title=Price refresh skipped::' : 'warning: ';
      console.error(
        `${prefix}${region} prices were not refreshed; estimates for ${region} say that no prices are bundled.\n${message}`,
      );
    } else {
      console.error(message);
    }
    return undefined;
  }
}

const mib = (bytes: number) => (bytes / 1_048_576).toFixed(0);

function downloadLine(d: OfferDownload): string {
  const mb = d.bytes / 1_048_576;
  const rate = d.seconds > 0 ? `, ${(mb / d.seconds).toFixed(1)} MB/s` : '';
  const kept =
    d.kept === undefined ? '' : `; kept ${d.kept} of ${d.products?.toLocaleString('en-US')} products`;
  return `  read ${d.what}: ${mb.toFixed(1)} MB in ${d.seconds.toFixed(1)} s${rate}${kept}`;
}

function shown(file: string): string {
  return file.startsWith(`${process.cwd()}${path.sep}`) ? path.relative(process.cwd(), file) : file;
}
