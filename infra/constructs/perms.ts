/**
 * The IAM actions behind the grant methods of the lake, the catalog and the workgroup, each named by
 * action: like aws-s3's perms.ts, without its wildcards (`s3:GetObject*`), which this project never grants.
 */

/** What one kind of access to a lake bucket allows: on the bucket, on its objects, with its key (through S3). */
export interface BucketActions {
  /** On the bucket itself. */
  readonly bucket: readonly string[];
  /** On the objects under a key pattern. */
  readonly objects: readonly string[];
  /** On the lake's key, when it has one, asked through S3. */
  readonly key: readonly string[];
}

/** List the bucket and read objects, any version. */
export const LAKE_READ: BucketActions = {
  bucket: ['s3:ListBucket', 's3:GetBucketLocation'],
  objects: ['s3:GetObject', 's3:GetObjectVersion'],
  key: ['kms:Decrypt'],
};
/** Put objects (multipart too), and nothing else: no list, no read, no delete. */
export const LAKE_WRITE: BucketActions = {
  bucket: ['s3:ListBucketMultipartUploads'],
  objects: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
  key: ['kms:GenerateDataKey', 'kms:Decrypt'],
};
/** Delete objects (ETL jobs overwrite partitions). */
export const LAKE_DELETE: BucketActions = { bucket: [], objects: ['s3:DeleteObject'], key: [] };
/** Find and list the bucket, without reading an object (Firehose checks where it delivers). */
export const LAKE_LIST: BucketActions = { bucket: LAKE_READ.bucket, objects: [], key: [] };
/** List the bucket and read the current objects, as a Glue crawler does. */
export const LAKE_CRAWL: BucketActions = {
  bucket: ['s3:ListBucket'],
  objects: ['s3:GetObject'],
  key: ['kms:Decrypt'],
};

/** Athena in one workgroup: start a query and follow it (the results are read from S3). */
export const ATHENA_START_QUERIES = ['athena:StartQueryExecution', 'athena:GetQueryExecution'];
/** ... and stop it (a timed-out task or DAG run). */
export const ATHENA_RUN_QUERIES = [...ATHENA_START_QUERIES, 'athena:StopQueryExecution'];
/** ... and read their results through Athena (a function that decides on what a query found). */
export const ATHENA_FETCH_RESULTS = [...ATHENA_RUN_QUERIES, 'athena:GetQueryResults'];
/** ... and read results and the workgroup's settings through Athena (QuickSight). */
export const ATHENA_READ_RESULTS = [...ATHENA_RUN_QUERIES, 'athena:GetQueryResults', 'athena:GetWorkGroup'];
/** ... and list past queries and the saved (named) ones: a person in the console. */
export const ATHENA_ANALYSE = [
  ...ATHENA_READ_RESULTS,
  'athena:BatchGetQueryExecution',
  'athena:ListQueryExecutions',
  'athena:GetNamedQuery',
  'athena:BatchGetNamedQuery',
  'athena:ListNamedQueries',
];
/** Athena's view of the Glue Data Catalog (AwsDataCatalog): resolve it. */
export const ATHENA_GET_CATALOG = ['athena:GetDataCatalog'];
/** ... and browse its databases and tables in the console. */
export const ATHENA_BROWSE_CATALOG = [
  ...ATHENA_GET_CATALOG,
  'athena:ListDatabases',
  'athena:GetDatabase',
  'athena:ListTableMetadata',
  'athena:GetTableMetadata',
];

/** Glue Data Catalog: what a query planner reads of a database and its tables. */
export const GLUE_READ_TABLES = ['glue:GetDatabase', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartitions'];
/** ... and list every database: a Spark job with the Data Catalog as its metastore. */
export const GLUE_READ_CATALOG = [...GLUE_READ_TABLES, 'glue:GetDatabases'];
/** ... and single partitions: a person browsing in the console. */
export const GLUE_BROWSE_TABLES = [...GLUE_READ_CATALOG, 'glue:GetPartition', 'glue:BatchGetPartition'];
/** Keep the tables a crawler finds, and their partitions. */
export const GLUE_CRAWL_TABLES = [
  'glue:GetDatabase',
  'glue:GetTable',
  'glue:GetTables',
  'glue:CreateTable',
  'glue:UpdateTable',
  'glue:GetPartition',
  'glue:GetPartitions',
  'glue:BatchGetPartition',
  'glue:BatchCreatePartition',
  'glue:UpdatePartition',
  'glue:BatchUpdatePartition',
];
/** Rebuild a table by CTAS: drop it, create it, register its partitions. */
export const GLUE_REBUILD_TABLES = [
  ...GLUE_READ_TABLES,
  'glue:CreateTable',
  'glue:DeleteTable',
  'glue:BatchCreatePartition',
];
/** Create, replace and drop views (Athena keeps a view as a table). */
export const GLUE_MANAGE_VIEWS = [
  'glue:GetDatabase',
  'glue:GetTable',
  'glue:GetTables',
  'glue:CreateTable',
  'glue:UpdateTable',
  'glue:DeleteTable',
];
/** Create or replace a view, never drop one. */
export const GLUE_REPLACE_VIEWS = [
  'glue:GetDatabase',
  'glue:GetTable',
  'glue:CreateTable',
  'glue:UpdateTable',
];

/** S3 for a query: Athena reads the objects of its tables ... */
export const QUERY_READ_OBJECTS = ['s3:GetObject'];
/** ... writes results (and CTAS data) and reads them back ... */
export const QUERY_WRITE_OBJECTS = ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'];
/** ... after finding and listing the buckets. */
export const QUERY_FIND_BUCKETS = ['s3:ListBucket', 's3:GetBucketLocation'];
/** The key of the lake's objects and results, used by Athena on the principal's behalf. */
export const QUERY_KEY = ['kms:Decrypt', 'kms:GenerateDataKey'];
