/**
 * The source artifact CodePipeline's S3 source action reads: a zip of a folder (or a zip file given as is),
 * put in the versioned artifact bucket. The object's version id is what pins this execution to this upload,
 * whatever is uploaded after it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { zipFolder } from './zip-folder.ts';

export interface SourceArtifactRequest {
  readonly bucket: string;
  readonly key: string;
  /** A folder to zip, or a `.zip` file to upload unchanged. */
  readonly path: string;
  readonly commitSha: string;
  /** The execution's client token: with the zip's digest, it lets a retried step reuse its own upload. */
  readonly clientToken?: string;
}

export interface SourceArtifact {
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string;
  readonly bytes: number;
  /** Files in the zip; undefined when a zip file was uploaded as given. */
  readonly files?: number;
  readonly sha256: string;
  /** The object already in S3 was this upload, made by an earlier try of the same step. */
  readonly reused: boolean;
}

/** Object metadata (x-amz-meta-*) that records who uploaded a version and what it holds. */
const META_TOKEN = 'launchpad-client-token';
const META_SHA256 = 'launchpad-sha256';
const META_COMMIT = 'launchpad-commit';

export function readSourceZip(sourcePath: string): { readonly zip: Buffer; readonly files?: number } {
  if (!existsSync(sourcePath)) {
    throw new Error(
      `The source path ${sourcePath} does not exist: give source-path a folder to zip (default ".", the repository root) or a .zip file.`,
    );
  }
  if (statSync(sourcePath).isDirectory()) {
    const { zip, files } = zipFolder(sourcePath);
    if (files === 0) throw new Error(`The source folder ${sourcePath} has no files to upload.`);
    return { zip, files };
  }
  const zip = readFileSync(sourcePath);
  if (zip.readUInt32LE(0) !== 0x04034b50 && zip.readUInt32LE(0) !== 0x06054b50) {
    throw new Error(`${sourcePath} is not a zip file: CodePipeline's S3 source needs a zip archive.`);
  }
  return { zip };
}

export async function uploadSourceArtifact(
  s3: S3Client,
  request: SourceArtifactRequest,
  abortSignal?: AbortSignal,
): Promise<SourceArtifact> {
  const { zip, files } = readSourceZip(request.path);
  const sha256 = createHash('sha256').update(zip).digest('hex');
  const base = { bucket: request.bucket, key: request.key, bytes: zip.length, files, sha256 };

  if (request.clientToken !== undefined) {
    const previous = await headObject(s3, request, abortSignal);
    const meta = previous?.Metadata ?? {};
    if (previous?.VersionId && meta[META_TOKEN] === request.clientToken && meta[META_SHA256] === sha256) {
      return { ...base, versionId: previous.VersionId, reused: true };
    }
  }

  const put = await s3.send(
    new PutObjectCommand({
      Bucket: request.bucket,
      Key: request.key,
      Body: zip,
      ContentType: 'application/zip',
      Metadata: {
        [META_SHA256]: sha256,
        [META_COMMIT]: request.commitSha,
        ...(request.clientToken === undefined ? {} : { [META_TOKEN]: request.clientToken }),
      },
    }),
    { abortSignal },
  );
  if (!put.VersionId) {
    throw new Error(
      `s3://${request.bucket} has no versioning: CodePipeline's S3 source reads a versioned bucket, and the version id is what pins the run to this upload. Deploy the delivery stack, whose artifact bucket is versioned.`,
    );
  }
  return { ...base, versionId: put.VersionId, reused: false };
}

async function headObject(s3: S3Client, request: SourceArtifactRequest, abortSignal?: AbortSignal) {
  try {
    return await s3.send(new HeadObjectCommand({ Bucket: request.bucket, Key: request.key }), {
      abortSignal,
    });
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
      return undefined;
    throw error;
  }
}
