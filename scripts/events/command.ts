// What `npm run events` does (scripts/events.ts runs it): realistic ride-hailing events to a JSON Lines file,
// a Kinesis stream or the ingestion API. Apart from its entry so that tests call it in process.
import { randomInt } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ApiError,
  checkClient,
  createKinesisClient,
  type GeneratedRecord,
  generateEvents,
  MALFORMED_KINDS,
  MAX_RECORDS,
  MAX_SEED,
  postEvents,
  putRecords,
  StreamError,
  summarize,
} from '../../lib/events/index.ts';

export const HELP = `Usage: npm run events -- (--out <file> | --stream <name> | --api <url> --api-key <key>) [options]

Generates realistic ride-hailing events that follow pipeline/schemas/ride-event.schema.json: rides in
nine cities requested within a time window, each with its lifecycle (requested, accepted, started,
completed, or cancelled on the way), real coordinates, distances and fares that fit the trip, payment
types. The same --seed and options give the same events, byte for byte. Records come in arrival order.

Where they go (one of):
  --out <file>           write JSON Lines (one event per line) to a file; "-" for standard output
  --stream <name>        put them into a Kinesis data stream (PutRecords in batches of up to 500 records
                         or 5 MB, partition key ride_id, refused records sent again with backoff).
                         The only mode that needs AWS credentials
  --api <url>            POST each event as JSON to the ingestion API (its invoke URL, resource included)
  --api-key <key>        the API key for --api, sent as x-api-key. Default: EVENTS_API_KEY

What to generate:
  --count <n>            ride events. Default 100
  --start <time>         start of the window: 2024-03-07T08:00:00Z, or a date for its midnight UTC.
                         Default: --hours before now
  --hours <n>            length of the window; events after its end have not happened yet. Default 1
  --schema-version 1|2   1: fares in whole currency units, no tip; 2: fares in cents, tip_amount. Default 2
  --seed <n>             0 to ${MAX_SEED}. Default: a random seed, printed so that you can repeat the run
  --duplicates <n>       also send n of the events a second time, unchanged (same event_id)
  --late <n>             also send n events that happened 1 to 48 hours before the window
  --malformed <n>        also send n lines that break the contract, one of ${MALFORMED_KINDS.length} kinds after the other

Sending:
  --region <name>        region of the stream. Default: AWS_REGION, or the region of your AWS profile
  --endpoint <url>       Kinesis endpoint instead of AWS's (a local Kinesis such as moto's server)
  --concurrency <n>      API requests in flight at once. Default 4
  -h, --help             show this help

Examples:
  npm run events -- --out rides.jsonl --count 1000 --hours 24 --seed 7
  npm run events -- --stream launchpad-dev-rides --count 5000 --duplicates 50 --region eu-west-1
  npm run events -- --api https://abc123.execute-api.eu-west-1.amazonaws.com/dev/events --api-key "$KEY"

Guide: docs/guides/sample-events.md`;

export async function events(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      stream: { type: 'string' },
      api: { type: 'string' },
      'api-key': { type: 'string' },
      count: { type: 'string', default: '100' },
      start: { type: 'string' },
      hours: { type: 'string', default: '1' },
      'schema-version': { type: 'string', default: '2' },
      seed: { type: 'string' },
      duplicates: { type: 'string', default: '0' },
      late: { type: 'string', default: '0' },
      malformed: { type: 'string', default: '0' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
      concurrency: { type: 'string', default: '4' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(HELP);

  const modes = (['out', 'stream', 'api'] as const).filter((m) => values[m] !== undefined);
  if (modes.length !== 1) {
    throw usage(
      modes.length === 0
        ? 'Say where the events go: --out <file>, --stream <name> or --api <url>'
        : `Choose one of --out, --stream and --api, not ${modes.map((m) => `--${m}`).join(' and ')}`,
    );
  }
  const mode = modes[0] as (typeof modes)[number];
  for (const [option, needs] of [
    ['region', 'stream'],
    ['endpoint', 'stream'],
    ['api-key', 'api'],
  ] as const) {
    if (values[option] !== undefined && mode !== needs) throw usage(`--${option} goes with --${needs} only`);
  }

  const hours = positiveNumber('hours', values.hours);
  const start = values.start === undefined ? defaultStart(hours) : parseStart(values.start);
  const seed =
    values.seed === undefined ? randomInt(0, MAX_SEED) : wholeNumber('seed', values.seed, MAX_SEED);
  const schemaVersion = values['schema-version'];
  if (schemaVersion !== '1' && schemaVersion !== '2') {
    throw usage(`--schema-version must be 1 or 2, not "${schemaVersion}"`);
  }
  const apiKey = values['api-key'] ?? process.env.EVENTS_API_KEY;
  if (mode === 'api' && !apiKey) {
    throw usage('--api needs the API key: --api-key <key>, or set EVENTS_API_KEY');
  }

  const records = generate({
    seed,
    count: wholeNumber('count', values.count, MAX_RECORDS),
    start,
    hours,
    schemaVersion: schemaVersion === '1' ? 1 : 2,
    duplicates: wholeNumber('duplicates', values.duplicates, MAX_RECORDS),
    late: wholeNumber('late', values.late, MAX_RECORDS),
    malformed: wholeNumber('malformed', values.malformed, MAX_RECORDS),
  });
  console.error(describeRun(records, seed, start, hours));

  try {
    if (mode === 'out') writeOut(values.out as string, records);
    else if (mode === 'stream')
      await sendToStream(values.stream as string, records, values.region, values.endpoint);
    else
      await sendToApi(
        values.api as string,
        apiKey as string,
        records,
        Math.max(1, wholeNumber('concurrency', values.concurrency, 64)),
      );
  } catch (error) {
    if (!(error instanceof StreamError || error instanceof ApiError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}

/** The generator's own checks (e.g. duplicates without events) as usage errors. */
function generate(options: Parameters<typeof generateEvents>[0]): GeneratedRecord[] {
  try {
    return generateEvents(options);
  } catch (error) {
    if (error instanceof RangeError) throw usage(error.message.replace(/\.$/, ''));
    throw error;
  }
}

function writeOut(file: string, records: readonly GeneratedRecord[]): void {
  const text = records.map((r) => `${r.line}\n`).join('');
  if (file === '-') {
    process.stdout.write(text);
    return;
  }
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, text);
  console.error(`Wrote ${file} (${records.length} lines, ${Buffer.byteLength(text)} bytes).`);
}

async function sendToStream(
  streamName: string,
  records: readonly GeneratedRecord[],
  region: string | undefined,
  endpoint: string | undefined,
): Promise<void> {
  const client = createKinesisClient({ region, endpoint });
  try {
    const resolvedRegion = await checkClient(client);
    console.error(
      `Putting ${records.length} records into stream ${streamName} (${endpoint ?? resolvedRegion}) ...`,
    );
    const started = performance.now();
    const progress = throttled();
    const result = await putRecords(
      client,
      streamName,
      // A newline after each record: Firehose writes records to S3 as they are, so the files are JSON Lines.
      records.map((r) => ({ data: Buffer.from(`${r.line}\n`), partitionKey: r.partitionKey })),
      {
        onProgress: (p) =>
          progress(
            p.sent === p.total,
            `  ${p.sent}/${p.total} records sent (${percent(p.sent, p.total)}), ${p.retried} retried`,
          ),
      },
    );
    console.error(
      `Put ${result.sent} records into ${streamName} in ${result.requests} PutRecords requests ` +
        `(${result.retried} records sent again after the stream refused them) in ${seconds(started)}.`,
    );
  } finally {
    client.destroy();
  }
}

async function sendToApi(
  url: string,
  apiKey: string,
  records: readonly GeneratedRecord[],
  concurrency: number,
): Promise<void> {
  console.error(`Posting ${records.length} events to ${url}, ${concurrency} at a time ...`);
  const started = performance.now();
  const progress = throttled();
  const result = await postEvents(
    records.map((r) => r.line),
    {
      url,
      apiKey,
      concurrency,
      onProgress: (p) =>
        progress(
          p.done === p.total,
          `  ${p.done}/${p.total} posted (${percent(p.done, p.total)}): ${p.accepted} accepted, ${p.rejected} rejected, ${p.retries} retries`,
        ),
    },
  );
  const unexpected = result.rejected.filter((r) => records[r.index]?.kind !== 'malformed');
  const expected = result.rejected.length - unexpected.length;
  const malformed = records.filter((r) => r.kind === 'malformed').length;
  console.error(
    `Posted ${records.length} events in ${seconds(started)}: ${result.accepted} accepted, ` +
      `${result.rejected.length} rejected${expected > 0 ? ` (${expected} of them malformed on purpose)` : ''}, ` +
      `${plural(result.retries, 'retry', 'retries')} after throttling or server errors.`,
  );
  if (malformed > expected) {
    console.error(`warning: the API accepted ${malformed - expected} of the ${malformed} malformed lines.`);
  }
  if (unexpected.length > 0) {
    const shown = unexpected
      .slice(0, 5)
      .map((r) => `  event ${r.index + 1}: HTTP ${r.status} ${r.body}`)
      .join('\n');
    throw new ApiError(`The API rejected ${unexpected.length} valid events:\n${shown}`);
  }
}

function describeRun(records: readonly GeneratedRecord[], seed: number, start: Date, hours: number): string {
  const { kinds, eventTypes, rides } = summarize(records);
  const types = Object.entries(eventTypes)
    .filter(([, n]) => n > 0)
    .map(([type, n]) => `${n} ${type}`)
    .join(', ');
  const parts = [
    `${plural(kinds.event, 'ride event')}${kinds.event > 0 ? ` of ${plural(rides, 'ride')} (${types})` : ''}`,
    kinds.duplicate > 0 && plural(kinds.duplicate, 'duplicate'),
    kinds.late > 0 && `${kinds.late} late`,
    kinds.malformed > 0 && `${kinds.malformed} malformed`,
  ].filter(Boolean);
  return (
    `Generated ${plural(records.length, 'record')} with seed ${seed}, ${hours} h from ${start.toISOString()}: ` +
    `${parts.join(', ')}.`
  );
}

const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

/** Prints progress at most once a second, and always the last line. */
function throttled(): (last: boolean, line: string) => void {
  let shown = performance.now();
  return (last, line) => {
    const now = performance.now();
    if (last || now - shown >= 1000) {
      console.error(line);
      shown = now;
    }
  };
}

const percent = (n: number, total: number) => `${total === 0 ? 100 : Math.floor((n / total) * 100)}%`;
const seconds = (started: number) => `${((performance.now() - started) / 1000).toFixed(1)} s`;

function defaultStart(hours: number): Date {
  const minute = 60_000;
  return new Date(Math.floor((Date.now() - hours * 3_600_000) / minute) * minute);
}

function parseStart(text: string): Date {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text);
  const date = new Date(dateOnly ? `${text}T00:00:00Z` : text);
  if (!(dateOnly || dateTime) || Number.isNaN(date.getTime())) {
    throw usage(
      `--start must be a date or an ISO 8601 time with its zone, e.g. 2024-03-07T08:00:00Z, not "${text}"`,
    );
  }
  return date;
}

function wholeNumber(name: string, text: string | undefined, max: number): number {
  const value = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || value > max) {
    throw usage(`--${name} must be a whole number from 0 to ${max}, not "${text}"`);
  }
  return value;
}

function positiveNumber(name: string, text: string | undefined): number {
  const value = Number(text);
  if (text === undefined || !/^\d+(\.\d+)?$/.test(text) || value <= 0 || value > 24 * 366) {
    throw usage(`--${name} must be a positive number of hours (at most a year), not "${text}"`);
  }
  return value;
}

function usage(message: string): Error {
  return Object.assign(new TypeError(`${message}.`), { code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' });
}
