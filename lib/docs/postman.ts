import { readFileSync } from 'node:fs';
import path from 'node:path';

const FIXTURE = path.resolve(import.meta.dirname, '../../pipeline/fixtures/rides-v2.jsonl');

/**
 * A Postman collection (v2.1) for the ingest API: a valid event, an invalid one (400 from the model), and
 * a call without the key (403). `apiUrl` and `apiKey` are collection variables: the deployed URL when known.
 */
export function ingestApiCollection(apiUrl: string | undefined, environment: string): object {
  const example = JSON.parse(readFileSync(FIXTURE, 'utf8').split('\n')[0] ?? '{}') as Record<string, unknown>;
  const post = (name: string, body: unknown, headers: { key: string; value: string }[]) => ({
    name,
    request: {
      method: 'POST',
      header: [{ key: 'Content-Type', value: 'application/json' }, ...headers],
      url: '{{apiUrl}}',
      body: { mode: 'raw', raw: JSON.stringify(body, null, 2), options: { raw: { language: 'json' } } },
    },
  });
  const key = [{ key: 'x-api-key', value: '{{apiKey}}' }];
  return {
    info: {
      name: `Ride events ingest API (${environment})`,
      description:
        'Posts ride events to the ingest API of aws-data-launchpad. Set apiKey from `aws apigateway get-api-key --include-value --api-key <ApiKeyId output>`.',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    variable: [
      {
        key: 'apiUrl',
        value: apiUrl ?? `https://<api-id>.execute-api.<region>.amazonaws.com/${environment}/events`,
      },
      { key: 'apiKey', value: '' },
    ],
    item: [
      post('Post a ride event (202)', example, key),
      post('Post an invalid event (400)', { ...example, event_type: 'teleported' }, key),
      post('Post without the API key (403)', example, []),
    ],
  };
}
