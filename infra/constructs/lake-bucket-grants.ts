import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { type BucketActions, LAKE_DELETE, LAKE_LIST, LAKE_READ, LAKE_WRITE } from './perms.ts';

/**
 * Grants on one bucket of the lake, with the actions of perms.ts and the key the lake encrypts with, usable
 * through S3 only. The same for a bucket of this stack and for one a later phase finds by name: like
 * aws-s3's `BucketGrants.fromBucket`, whose own actions (`s3:GetObject*`...) this project does not grant.
 */
export class LakeBucketGrants {
  /** Grants on `bucket`, whose objects `key` encrypts when the lake uses SSE-KMS. */
  static fromBucket(bucket: s3.IBucket, key?: kms.IKey): LakeBucketGrants {
    return new LakeBucketGrants(bucket, key);
  }

  private constructor(
    private readonly bucket: s3.IBucket,
    private readonly key: kms.IKey | undefined,
  ) {}

  /** List the bucket and read the objects under `objectsKeyPattern`. */
  read(grantee: iam.IGrantable, objectsKeyPattern = '*'): iam.Grant {
    return this.grant(grantee, LAKE_READ, objectsKeyPattern);
  }

  /** Put objects under `objectsKeyPattern`, and nothing else: no list, no read, no delete. */
  write(grantee: iam.IGrantable, objectsKeyPattern = '*'): iam.Grant {
    return this.grant(grantee, LAKE_WRITE, objectsKeyPattern);
  }

  /** Read, write and delete the objects under `objectsKeyPattern`. */
  readWrite(grantee: iam.IGrantable, objectsKeyPattern = '*'): iam.Grant {
    return this.read(grantee, objectsKeyPattern)
      .combine(this.write(grantee, objectsKeyPattern))
      .combine(this.grant(grantee, LAKE_DELETE, objectsKeyPattern));
  }

  /** Find and list the bucket. */
  list(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, LAKE_LIST);
  }

  /**
   * Any other access named in perms.ts: one statement per kind of resource, the objects under
   * `objectsKeyPattern`, the bucket, the key (asked through S3 only).
   */
  grant(grantee: iam.IGrantable, actions: BucketActions, objectsKeyPattern = '*'): iam.Grant {
    const grants: iam.Grant[] = [];
    const add = (
      list: readonly string[],
      resource: string,
      conditions?: Record<string, Record<string, unknown>>,
    ) => {
      if (list.length > 0) {
        grants.push(
          iam.Grant.addToPrincipal({ grantee, actions: [...list], resourceArns: [resource], conditions }),
        );
      }
    };
    add(actions.objects, this.bucket.arnForObjects(objectsKeyPattern));
    add(actions.bucket, this.bucket.bucketArn);
    if (this.key) {
      const viaS3 = `s3.${Stack.of(this.bucket).region}.amazonaws.com`;
      add(actions.key, this.key.keyArn, { StringEquals: { 'kms:ViaService': viaS3 } });
    }
    return grants.reduce((all, grant) => all.combine(grant));
  }
}
