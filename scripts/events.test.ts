import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
  ListShardsCommand,
} from '@aws-sdk/client-kinesis';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKinesisClient } from '../lib/events/kinesis-sink.ts';
import { MALFORMED_KINDS } from '../lib/events/malformed.ts';
import { MOTO_CREDENTIALS, type MotoServer, sharedMotoServer } from '../lib/events/testing/moto-server.ts';
import { type ListeningServer, serveLocally } from '../lib/testing/local-http-server.ts';
import { runInProcess } from '../test/run-in-process.ts';
import { runScript } from '../test/run-script.ts';
import { events as eventsCommand, HELP } from './events/command.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const DUMMY_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };

/** Runs the script's main function as `npm run events` would, with none of this machine's AWS settings. */
const events = (args: string[], env: Record<string, string> = {}) =>
  runInProcess({ HELP, main: eventsCommand }, args, env, ['EVENTS_API_KEY']);

/** The lines the same options write to standard output. */
async function linesOf(args: string[]): Promise<string[]> {
  const run = await events(['--out', '-', ...args]);
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.split('\n').filter((l) => l !== '');
}

describe('npm run events: usage', () => {
  it('prints its help', async () => {
    const run = await events(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^Usage: npm run events -- \(--out <file> \| --stream <name> \| --api <url> --api-key <key>\)/,
    );
    expect(run.stdout).toContain('--schema-version 1|2');
    expect(run.stdout).toContain(`one of ${MALFORMED_KINDS.length} kinds after the other`);
  });

  it.each([
    [[], 'Say where the events go: --out <file>, --stream <name> or --api <url>.'],
    [['--out', 'a', '--stream', 'b'], 'Choose one of --out, --stream and --api, not --out and --stream.'],
    [
      ['--out', '-', '--start', '2024-03-07T08:00:00'],
      '--start must be a date or an ISO 8601 time with its zone',
    ],
    [['--out', '-', '--schema-version', '3'], '--schema-version must be 1 or 2, not "3".'],
    [['--out', '-', '--count', '1.5'], '--count must be a whole number from 0 to 1000000, not "1.5".'],
    [['--out', '-', '--hours', '0'], '--hours must be a positive number of hours'],
    [
      ['--out', '-', '--count', '0', '--duplicates', '2'],
      'duplicates copy ride events: ask for a count above 0 as well.',
    ],
    [['--out', '-', '--region', 'eu-west-1'], '--region goes with --stream only.'],
    [
      ['--api', 'http://127.0.0.1:1/events'],
      '--api needs the API key: --api-key <key>, or set EVENTS_API_KEY.',
    ],
  ])('refuses %j with a message and the help', async (args, message) => {
    const run = await events(args);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Usage: npm run events');
    expect(run.stdout).toBe('');
  });
});

describe('npm run events as a command', () => {
  it('reads its arguments, prints to standard output and error, and exits 1 on a usage error', async () => {
    const good = await runScript('events', ['--out', '-', '--seed', '1', '--count', '2'], {}, [
      'EVENTS_API_KEY',
    ]);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(2);
    expect(good.stderr).toMatch(/^Generated \d+ records with seed 1/m);

    const bad = await runScript('events', ['--out', '-', '--count', '1.5'], {}, ['EVENTS_API_KEY']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--count must be a whole number from 0 to 1000000, not "1.5".');
    expect(bad.stdout).toBe('');
  });
});

describe('npm run events --out', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'events-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reproduces the committed fixtures with the commands of the guide', async () => {
    const guide = readFileSync(path.join(ROOT, 'docs/guides/sample-events.md'), 'utf8');
    const commands = [
      ...guide.matchAll(/^npm run events -- (--out (pipeline\/fixtures\/[\w-]+\.jsonl) .*)$/gm),
    ];
    expect(commands.map((c) => c[2])).toEqual([
      'pipeline/fixtures/rides-v1.jsonl',
      'pipeline/fixtures/rides-v2.jsonl',
      'pipeline/fixtures/rides-bad.jsonl',
    ]);
    for (const [, args, fixture] of commands) {
      const out = path.join(dir, path.basename(fixture as string));
      const run = await events((args as string).replace(fixture as string, out).split(' '));
      expect(run.status, run.stderr).toBe(0);
      expect(readFileSync(out, 'utf8'), fixture).toBe(
        readFileSync(path.join(ROOT, fixture as string), 'utf8'),
      );
    }
  });

  it('has a guide that lists every malformed kind', () => {
    const guide = readFileSync(path.join(ROOT, 'docs/guides/sample-events.md'), 'utf8');
    for (const kind of MALFORMED_KINDS) expect(guide, kind.id).toContain(`| \`${kind.id}\` |`);
  });

  it('writes the same bytes for the same seed, says what it wrote, and picks a seed it prints', async () => {
    const args = [
      '--seed',
      '5',
      '--count',
      '30',
      '--start',
      '2024-03-07',
      '--duplicates',
      '2',
      '--late',
      '1',
    ];
    const first = await events(['--out', path.join(dir, 'a.jsonl'), ...args]);
    const second = await events(['--out', path.join(dir, 'b.jsonl'), ...args]);
    expect(readFileSync(path.join(dir, 'a.jsonl'), 'utf8')).toBe(
      readFileSync(path.join(dir, 'b.jsonl'), 'utf8'),
    );
    expect(first.stderr).toMatch(
      /^Generated 33 records with seed 5, 1 h from 2024-03-07T00:00:00\.000Z: 30 ride events of \d+ rides \(.*\), 2 duplicates, 1 late\.\nWrote .*a\.jsonl \(33 lines, \d+ bytes\)\.\n$/,
    );
    expect(second.status).toBe(0);

    const unseeded = await events(['--out', '-', '--count', '3']);
    expect(unseeded.stderr).toMatch(/^Generated 3 records with seed \d+, 1 h from /);
    expect(unseeded.stdout.split('\n')).toHaveLength(4);
  });
});

describe('npm run events --stream (the real Kinesis client against moto)', () => {
  let moto: MotoServer;
  let kinesis: KinesisClient;

  beforeAll(async () => {
    moto = await sharedMotoServer();
    kinesis = createKinesisClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: MOTO_CREDENTIALS,
    });
    await kinesis.send(new CreateStreamCommand({ StreamName: 'rides', ShardCount: 2 }));
  });
  afterAll(async () => {
    kinesis?.destroy();
    await moto?.close();
  });

  async function recordsOf(stream: string): Promise<{ data: string; key: string; shard: string }[]> {
    const found: { data: string; key: string; shard: string }[] = [];
    const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: stream }));
    for (const shard of Shards) {
      const { ShardIterator } = await kinesis.send(
        new GetShardIteratorCommand({
          StreamName: stream,
          ShardId: shard.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      );
      const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator, Limit: 10_000 }));
      for (const r of Records) {
        found.push({
          data: Buffer.from(r.Data ?? []).toString('utf8'),
          key: r.PartitionKey ?? '',
          shard: shard.ShardId ?? '',
        });
      }
    }
    return found;
  }

  it('puts every record, one JSON line each, with the ride id as partition key', async () => {
    const args = ['--seed', '9', '--count', '1200', '--hours', '4', '--duplicates', '3', '--malformed', '2'];

    const run = await events(
      ['--stream', 'rides', '--endpoint', moto.endpoint, '--region', 'us-east-1', ...args],
      DUMMY_CREDENTIALS,
    );

    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`Putting 1205 records into stream rides (${moto.endpoint}) ...`);
    expect(run.stderr).toMatch(/ {2}1205\/1205 records sent \(100%\), 0 retried\n/);
    expect(run.stderr).toMatch(
      /Put 1205 records into rides in 3 PutRecords requests \(0 records sent again .*\) in \d+\.\d s\.\n$/,
    );
    const expected = await linesOf(args);
    const arrived = await recordsOf('rides');
    expect(arrived.map((r) => r.data).sort()).toEqual(expected.map((l) => `${l}\n`).sort());
    for (const record of arrived) {
      if (record.data.startsWith('{"schema_version"') && !record.data.includes('NaN')) {
        const rideId = /"ride_id":"(ride-[0-9a-z]{10})"/.exec(record.data)?.[1];
        if (rideId) expect(record.key).toBe(rideId);
      }
    }
    // A ride's events share a partition key, so they are on one shard.
    const shardsPerRide = new Map<string, Set<string>>();
    for (const r of arrived) shardsPerRide.set(r.key, (shardsPerRide.get(r.key) ?? new Set()).add(r.shard));
    expect([...shardsPerRide.values()].every((s) => s.size === 1)).toBe(true);
    expect(new Set(arrived.map((r) => r.shard)).size).toBe(2);
  });

  it('says when the stream does not exist', async () => {
    const run = await events(
      ['--stream', 'no-such-stream', '--endpoint', moto.endpoint, '--region', 'us-east-1', '--count', '2'],
      DUMMY_CREDENTIALS,
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Stream no-such-stream does not exist in this account and region');
  });

  it('says that it needs credentials, and that the other modes do not', async () => {
    const run = await events(['--stream', 'rides', '--endpoint', moto.endpoint, '--region', 'us-east-1']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('No AWS credentials found. --stream puts records into Kinesis');
    expect(run.stderr).toContain('--out and --api need none.');
    expect(await recordsOf('rides')).toHaveLength(1205); // nothing more was sent
  });

  it('says that it needs a region', async () => {
    const run = await events(['--stream', 'rides', '--endpoint', moto.endpoint], DUMMY_CREDENTIALS);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('No AWS region: pass --region');
  });
});

describe('npm run events --api (against a local API)', () => {
  let server: ListeningServer;
  let url: string;
  const requests: { body: string; key: string | undefined }[] = [];
  let throttleNext = 0;
  let answered = 0;
  const { $schema: _draft04, ...schema } = JSON.parse(
    readFileSync(path.join(ROOT, 'pipeline/schemas/ride-event.schema.json'), 'utf8'),
  );
  const valid = new Ajv({ strict: false }).compile(schema);

  beforeAll(async () => {
    // 202 for a valid event, 400 for anything else (as API Gateway's request validation), and 429 once
    // after the first event.
    server = await serveLocally((request, received, response) => {
      const body = received.toString('utf8');
      requests.push({ body, key: request.headers['x-api-key'] as string | undefined });
      answered++;
      if (request.headers['x-api-key'] !== 'test-key') {
        response.writeHead(403, { 'content-type': 'application/json' }).end('{"message":"Forbidden"}');
      } else if (answered === 2 || throttleNext > 0) {
        throttleNext = Math.max(0, throttleNext - 1);
        response
          .writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' })
          .end('{"message":"Too Many Requests"}');
      } else {
        let ok = false;
        try {
          ok = valid(JSON.parse(body));
        } catch {}
        response
          .writeHead(ok ? 202 : 400, { 'content-type': 'application/json' })
          .end(ok ? '{"sequenceNumber":"1"}' : '{"message":"Invalid request body"}');
      }
    });
    url = `${server.url}/dev/events`;
  });
  afterAll(() => server.close());

  it('posts every event with the key, and rides out a 429', async () => {
    requests.length = 0;
    answered = 0;
    const args = ['--seed', '11', '--count', '25', '--duplicates', '1'];

    const run = await events(['--api', url, '--api-key', 'test-key', '--concurrency', '1', ...args]);

    expect(run.status, run.stderr).toBe(0);
    expect(requests).toHaveLength(27); // 26 events, the second one twice
    expect(requests[1]?.body).toBe(requests[2]?.body);
    expect(requests.every((r) => r.key === 'test-key')).toBe(true);
    expect(new Set(requests.map((r) => r.body))).toEqual(new Set(await linesOf(args)));
    expect(run.stderr).toMatch(
      /Posted 26 events in \d+\.\d s: 26 accepted, 0 rejected, 1 retry after throttling or server errors\.\n$/,
    );
  });

  it('counts malformed lines the API refuses as expected, and says which ones it let through', async () => {
    const run = await events(
      ['--api', url, '--seed', '3', '--count', '4', '--malformed', String(MALFORMED_KINDS.length)],
      { EVENTS_API_KEY: 'test-key' },
    );

    const caught = MALFORMED_KINDS.filter((k) => k.schemaCatches).length;
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      `${4 + MALFORMED_KINDS.length - caught} accepted, ${caught} rejected (${caught} of them malformed on purpose)`,
    );
    expect(run.stderr).toContain(
      `warning: the API accepted ${MALFORMED_KINDS.length - caught} of the ${MALFORMED_KINDS.length} malformed lines.`,
    );
  });

  it('stops at the first 403 and says to check the key', async () => {
    requests.length = 0;
    const run = await events(['--api', url, '--api-key', 'wrong', '--count', '20', '--concurrency', '1']);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'The API refused the request with HTTP 403 ({"message":"Forbidden"}). Check --api-key',
    );
    expect(requests).toHaveLength(1);
  });
});
