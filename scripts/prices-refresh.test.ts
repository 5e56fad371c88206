import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCatalog } from '../lib/cost/catalog/load-catalog.ts';
import { allPriceIds, PRICE_QUERY_SETS } from '../lib/cost/models/index.ts';
import {
  type FakePricingServer,
  serviceUnavailable,
  startFakePricingServer,
} from '../lib/cost/refresh/testing/fake-pricing-server.ts';
import { fixtureDocuments } from '../lib/cost/refresh/testing/price-list-fixture.ts';
import { runScript } from '../test/run-script.ts';

const DUMMY_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIDCLITEST', AWS_SECRET_ACCESS_KEY: 'cli-test-secret' };

/** Runs the script as `npm run prices-refresh` does, with none of this machine's AWS settings. */
const refresh = (args: string[], env: Record<string, string> = {}) => runScript('prices-refresh', args, env);

let server: FakePricingServer;
let out: string;
beforeAll(async () => {
  server = await startFakePricingServer(fixtureDocuments());
});
afterAll(() => server.close());
beforeEach(() => {
  out = mkdtempSync(path.join(tmpdir(), 'prices-refresh-'));
});
afterEach(() => {
  server.reset(fixtureDocuments());
  rmSync(out, { recursive: true, force: true });
});

describe('npm run prices:refresh', () => {
  it('writes a region’s catalog from the Price List API, one line per service', async () => {
    const run = await refresh(
      ['--region', 'eu-west-1', '--out', out, '--endpoint', server.endpoint],
      DUMMY_CREDENTIALS,
    );

    expect(run.stderr).not.toMatch(/Error|\s+at /);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(`Reading eu-west-1 prices from the AWS Price List API (${server.endpoint}) ...`);
    expect(lines.slice(1, 1 + PRICE_QUERY_SETS.length).map((l) => l.split(/\s{2,}/)[0])).toEqual(
      PRICE_QUERY_SETS.map((s) => s.label),
    );
    expect(lines[1]).toMatch(/^S3\s+20 prices … ok \(20 requests, \d+\.\d s\)$/);
    const file = path.join(out, 'eu-west-1.json');
    expect(lines.at(-1)).toMatch(
      new RegExp(`^Wrote ${file.replaceAll('.', '\\.')}: ${allPriceIds().length} prices in \\d+\\.\\d s\\.$`),
    );

    const text = readFileSync(file, 'utf8');
    const catalog = parseCatalog(text, file, 'eu-west-1');
    expect(catalog.origin).toBe('price-list-api');
    expect(Object.keys(catalog.prices)).toEqual(allPriceIds());
    expect(catalog.prices['lambda.requests']).toMatchObject({
      usageType: 'Request',
      alwaysFree: { quantity: 1_000_000 },
    });
    expect(
      text.startsWith(
        '{\n  "$schema": "./catalog.schema.json",\n  "schemaVersion": 1,\n  "region": "eu-west-1",\n',
      ),
    ).toBe(true);
    expect(readdirSync(out)).toEqual(['eu-west-1.json']);
    expect(
      server.requests.every((r) => String(r.headers.authorization).includes('Credential=AKIDCLITEST/')),
    ).toBe(true);
  });

  it('lists the price ids a region does not offer', async () => {
    const run = await refresh(
      ['--region', 'eu-west-2', '--out', out, '--endpoint', server.endpoint],
      DUMMY_CREDENTIALS,
    );

    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^QuickSight\s+0 prices, 3 omitted … ok/m);
    expect(run.stdout).toMatch(
      new RegExp(`: ${allPriceIds().length - 4} prices, 4 left out in \\d+\\.\\d s\\.$`, 'm'),
    );
    expect(run.stdout).toContain(
      'Left out (no product in eu-west-2): mwaa.environment.mw1.micro, quicksight.author, quicksight.reader, quicksight.spice.',
    );
  });

  it('says that this is the one command that needs credentials, and that cost estimates work offline', async () => {
    const run = await refresh(['--region', 'eu-west-1', '--out', out, '--endpoint', server.endpoint]);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('No AWS credentials found.');
    expect(run.stderr).toContain('it is\nthe one command (besides deploying) that needs AWS credentials');
    expect(run.stderr).toContain(
      '`npm run cost` needs no credentials: it works offline with the bundled catalog',
    );
    expect(run.stderr).not.toMatch(/\s+at /);
    expect(server.requests).toHaveLength(0);
    expect(existsSync(path.join(out, 'eu-west-1.json'))).toBe(false);
  });

  it('keeps the old file and explains the failure when the API keeps failing', async () => {
    writeFileSync(path.join(out, 'eu-west-1.json'), 'previous catalog');
    server.addFault({ answer: serviceUnavailable(), times: Infinity });

    const run = await refresh(
      ['--region', 'eu-west-1', '--out', out, '--endpoint', server.endpoint],
      DUMMY_CREDENTIALS,
    );

    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^S3\s+0 prices … failed/m);
    expect(run.stderr).toMatch(
      /The AWS Price List API failed while reading S3 prices \(price id "s3\.storage\.standard"\)/,
    );
    expect(run.stderr).toMatch(/gave up after 5 attempts/);
    expect(run.stderr).toContain('Nothing was written; the catalog file is unchanged.');
    expect(run.stderr).not.toMatch(/\s+at /);
    expect(readFileSync(path.join(out, 'eu-west-1.json'), 'utf8')).toBe('previous catalog');
  });

  it('explains itself with --help, and asks for a region', async () => {
    const help = await refresh(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(
      /^Usage: npm run prices:refresh -- --region <region> \[--out <dir>\] \[--endpoint <url>\]/,
    );
    expect(help.stdout).toContain('This is the one command, besides deploying, that needs AWS credentials');

    const missing = await refresh([]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^Missing --region\.\n\nUsage: npm run prices:refresh/);

    const unknown = await refresh(['--region', 'eu-west-1', '--endpoints', 'x']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown option '--endpoints'[\s\S]*Usage: npm run prices:refresh/);
  });
});
