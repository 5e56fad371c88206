// `npm run prices:refresh`: rebuild one region's price catalog from the AWS Price List API.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CatalogError, parseCatalog } from '../lib/cost/catalog/load-catalog.ts';
import {
  checkRegion,
  createPricingClient,
  PriceRefreshError,
  refreshCatalog,
  type ServiceProgress,
} from '../lib/cost/refresh/refresh-catalog.ts';
import { writeCatalogFile } from '../lib/cost/refresh/write-catalog.ts';
import { runCli } from './run-cli.ts';

const CATALOG_DIR = path.resolve(import.meta.dirname, '../lib/cost/catalog');

const HELP = `Usage: npm run prices:refresh -- --region <region> [--out <dir>] [--endpoint <url>] [--api-region <region>]

Rebuilds the price catalog of one region from the AWS Price List API (GetProducts) and writes
<out>/<region>.json: the same price ids as the bundled catalog, with origin "price-list-api" and
each price's offer, SKU and dates as its source. Prints one line per service. Price ids of services
the region does not offer are left out and listed. The file is replaced only when every price was read.

This is the one command, besides deploying, that needs AWS credentials: any identity allowed
pricing:GetProducts (AWS_PROFILE, an SSO session, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).
\`npm run cost\` needs none: it works offline with the bundled catalog.

  --region <region>      region to price, e.g. eu-west-1 (required)
  --out <dir>            directory to write <region>.json into. Default: lib/cost/catalog
  --endpoint <url>       call this Price List API endpoint instead of AWS's (a proxy, or a local test server)
  --api-region <region>  region of the Price List API endpoint: us-east-1 (default), eu-central-1 or
                         ap-south-1. The API is served only there, and each of them prices every region.
  -v, --verbose          also print notes: free bands left to alwaysFree, duplicate SKUs
  -h, --help             show this help

Example: npm run prices:refresh -- --region eu-west-1 && git diff lib/cost/catalog/eu-west-1.json`;

const NO_CREDENTIALS = `No AWS credentials found. \`npm run prices:refresh\` reads prices from the AWS Price List API, and it is
the one command (besides deploying) that needs AWS credentials. Sign in with an identity allowed
pricing:GetProducts (\`aws sso login\`, AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) and run it
again. Nothing was written.
\`npm run cost\` needs no credentials: it works offline with the bundled catalog (lib/cost/catalog/).`;

runCli(HELP, async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      region: { type: 'string' },
      out: { type: 'string' },
      endpoint: { type: 'string' },
      'api-region': { type: 'string' },
      verbose: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(HELP);
  const region = values.region;
  if (region === undefined || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    console.error(
      `${region === undefined ? 'Missing --region.' : `"${region}" is not a region code (expected e.g. eu-west-1).`}\n\n${HELP}`,
    );
    process.exitCode = 1;
    return;
  }
  const outDir = values.out === undefined ? CATALOG_DIR : path.resolve(values.out);
  const apiRegion = values['api-region'] ?? 'us-east-1';

  const started = performance.now();
  try {
    checkRegion(region);
    const client = createPricingClient({ apiRegion, endpoint: values.endpoint });
    console.log(
      `Reading ${region} prices from the AWS Price List API (${values.endpoint ?? `endpoint in ${apiRegion}`}) ...`,
    );
    const omitted: ServiceProgress['omitted'][number][] = [];
    const catalog = await refreshCatalog({
      region,
      client,
      onProgress: (progress) => {
        console.log(progress.line);
        omitted.push(...progress.omitted);
        for (const note of progress.notes) {
          if (note.level === 'warning' || values.verbose)
            console.log(`  ${note.level}: ${note.id}: ${note.text}`);
        }
      },
    });
    // The loader's own checks (schema, contiguous bands, one quantity per free pool) before the file is replaced.
    const file = await writeCatalogFile(catalog, outDir, (text, target) =>
      parseCatalog(text, target, region),
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const count = Object.keys(catalog.prices).length;
    const shown = file.startsWith(`${process.cwd()}${path.sep}`) ? path.relative(process.cwd(), file) : file;
    console.log(
      `Wrote ${shown}: ${count} prices${omitted.length > 0 ? `, ${omitted.length} left out` : ''} in ${seconds} s.`,
    );
    if (omitted.length > 0) {
      console.log(`Left out (no product in ${region}): ${omitted.map((o) => o.id).join(', ')}.`);
    }
  } catch (error) {
    if (error instanceof CatalogError) {
      console.error(
        `The refreshed catalog failed the loader's checks, so it was not written:\n${error.message}`,
      );
    } else if (error instanceof PriceRefreshError) {
      console.error(error.kind === 'credentials' ? `${NO_CREDENTIALS}\n(${error.message})` : error.message);
      if (error.kind !== 'credentials') console.error('Nothing was written; the catalog file is unchanged.');
    } else {
      throw error;
    }
    process.exitCode = 1;
  }
});
