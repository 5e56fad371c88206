import {
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListObjectVersionsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

/**
 * Deletes every object version and delete marker of a bucket, then the bucket: what CloudFormation leaves
 * when a bucket is retained, and what the console's "Empty" button does. The data is gone for good.
 */
export async function deleteBucketAndData(s3: S3Client, bucket: string): Promise<number> {
  let deleted = 0;
  for (;;) {
    // Listing from the start each time: the deleted versions drop out of the listing.
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: 1000 }));
    const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => ({
      Key: v.Key ?? '',
      VersionId: v.VersionId,
    }));
    if (objects.length === 0) break;
    const answer = await s3.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }),
    );
    const errors = answer.Errors ?? [];
    if (errors.length > 0) {
      const first = errors[0];
      throw new Error(
        `Could not empty ${bucket}: ${errors.length} object(s) refused, e.g. ${first?.Key}: ${first?.Code} ${first?.Message}`,
      );
    }
    deleted += objects.length;
  }
  await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
  return deleted;
}
