import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOUDTRAIL_COLUMNS, cloudTrailRow, duckDbType, readCloudTrailFile } from './cloudtrail-table.ts';

describe('CloudTrail records as rows of the Athena table', () => {
  const record = {
    eventVersion: '1.09',
    userIdentity: {
      type: 'AssumedRole',
      arn: 'arn:aws:sts::111122223333:assumed-role/deploy/ci',
      sessionContext: { sessionIssuer: { type: 'Role', userName: 'deploy' } },
    },
    eventTime: '2024-03-07T08:01:10Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketPolicy',
    awsRegion: 'eu-west-1',
    requestParameters: { bucketName: 'b', Policy: { Version: '2012-10-17' } },
    readOnly: false,
    managementEvent: true,
  };

  it('lower-cases names, keeps request parameters as JSON text and adds the projected partitions', () => {
    const row = cloudTrailRow(record, 'f.json#0');
    expect(Object.keys(row)).toEqual(Object.keys(CLOUDTRAIL_COLUMNS));
    expect(row).toMatchObject({
      eventversion: '1.09',
      useridentity: {
        type: 'AssumedRole',
        arn: 'arn:aws:sts::111122223333:assumed-role/deploy/ci',
        sessioncontext: { sessionissuer: { type: 'Role', username: 'deploy' } },
      },
      eventname: 'PutBucketPolicy',
      requestparameters: '{"bucketName":"b","Policy":{"Version":"2012-10-17"}}',
      readonly: 'false',
      errorcode: null,
      region: 'eu-west-1',
      timestamp: '2024/03/07',
    });
    expect(row).not.toHaveProperty('managementevent');
  });

  it('refuses a record without a readable eventTime, naming where it is', () => {
    expect(() => cloudTrailRow({ ...record, eventTime: 'yesterday' }, 'f.json#3')).toThrow(
      'f.json#3: eventTime must be an ISO 8601 time such as 2024-03-07T08:00:00Z.',
    );
  });

  it('refuses a file that is not a CloudTrail log file', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'launchpad-trail-')), 'events.json');
    writeFileSync(file, JSON.stringify([record]));
    expect(() => readCloudTrailFile(file)).toThrow(
      `${file} is not a CloudTrail log file: it needs a "Records" array at the top.`,
    );
  });

  it('spells the column types as DuckDB takes them', () => {
    expect(duckDbType({ arn: 'VARCHAR', tags: ['VARCHAR'], inner: { type: 'INTEGER' } })).toBe(
      'STRUCT("arn" VARCHAR, "tags" VARCHAR[], "inner" STRUCT("type" INTEGER))',
    );
  });
});
