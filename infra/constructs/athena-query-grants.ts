import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { acknowledgeWildcardResource } from '../nag/acknowledge-wildcard-resource.ts';
import type { IAthenaWorkgroup } from './athena-workgroup.ts';
import { LakeCatalog } from './lake-catalog.ts';
import { QUERY_FIND_BUCKETS, QUERY_KEY, QUERY_READ_OBJECTS, QUERY_WRITE_OBJECTS } from './perms.ts';

/** The objects under one prefix of a bucket. */
export interface BucketFolder {
  /** The bucket, owned or found by name. */
  readonly bucket: s3.IBucket;
  /** Key prefix, ending in `/`. */
  readonly prefix: string;
}

/** What a principal's queries do, each part with the actions of perms.ts. */
export interface QueryAccess {
  /** Athena actions on the workgroup (ATHENA_*). */
  readonly athena: readonly string[];
  /** Athena actions on its Data Catalog, AwsDataCatalog (ATHENA_*_CATALOG). @default - none */
  readonly dataCatalog?: readonly string[];
  /** Glue actions (GLUE_*) on `databases` and their tables. */
  readonly glue: readonly string[];
  /** Glue databases the queries read or create tables in. */
  readonly databases: readonly string[];
  /** Read and write the workgroup's results folder through S3. @default false: the lake's own grants cover it */
  readonly results?: boolean;
  /** Folders whose objects the queries read: the tables' data. @default - none */
  readonly reads?: readonly BucketFolder[];
  /** Folders the queries write (CTAS) and read back. @default - none */
  readonly writes?: readonly BucketFolder[];
}

/**
 * The one grant of Athena queries: the workgroup, the catalog tables, the S3 folders read and written (with
 * the buckets found and listed), and the lake's key when any S3 object is touched. The wildcard resources
 * this needs (`table/<db>/*`, `<folder>*`) are acknowledged on the grantee, one finding each.
 */
export function grantAthenaQueries(
  workgroup: IAthenaWorkgroup,
  grantee: iam.IGrantable & IConstruct,
  access: QueryAccess,
): iam.Grant {
  const stack = Stack.of(grantee);
  const grant = (actions: readonly string[], resourceArns: string[]) =>
    iam.Grant.addToPrincipal({ grantee, actions: [...actions], resourceArns });
  const grants = [grant(access.athena, [workgroup.workgroupArn])];
  if (access.dataCatalog) {
    const catalog = stack.formatArn({
      service: 'athena',
      resource: 'datacatalog',
      resourceName: 'AwsDataCatalog',
    });
    grants.push(grant(access.dataCatalog, [catalog]));
  }
  grants.push(LakeCatalog.grantTables(grantee, access.glue, access.databases));

  const writes = [...(access.writes ?? [])];
  if (access.results) {
    if (!workgroup.resultsFolder) {
      throw new Error(
        `The workgroup ${workgroup.workgroupName} was found by name without its results bucket: pass resultsBucket to AthenaWorkgroup.fromWorkgroupName.`,
      );
    }
    writes.push(workgroup.resultsFolder);
  }
  const reads = access.reads ?? [];
  const objects = (folders: readonly BucketFolder[]) =>
    folders.map((f) => f.bucket.arnForObjects(`${f.prefix}*`));
  if (reads.length > 0) grants.push(grant(QUERY_READ_OBJECTS, objects(reads)));
  if (writes.length > 0) grants.push(grant(QUERY_WRITE_OBJECTS, objects(writes)));
  const buckets = [...new Set([...reads, ...writes].map((f) => f.bucket))];
  if (buckets.length > 0) {
    grants.push(
      grant(
        QUERY_FIND_BUCKETS,
        buckets.map((b) => b.bucketArn),
      ),
    );
    if (workgroup.key) grants.push(grant(QUERY_KEY, [workgroup.key.keyArn]));
  }
  for (const folder of objects([...reads, ...writes])) {
    acknowledgeWildcardResource(
      grantee,
      folder,
      'Objects of one folder: the data files of a table, or results Athena names by query id.',
    );
  }
  return grants.reduce((all, g) => all.combine(g));
}
