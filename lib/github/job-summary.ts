/**
 * Writing Markdown to the job summary (the page of a workflow run), the same way for every caller:
 * through `core.summary`, with GitHub's size limit respected and without failing where there is no summary
 * (a local run, or a runner without `GITHUB_STEP_SUMMARY`).
 */
import { EOL } from 'node:os';
import * as core from '@actions/core';

/** GitHub rejects a step's summary above 1 MiB (and shows an error instead of it). */
export const JOB_SUMMARY_MAX_BYTES = 1024 * 1024;

export interface JobSummaryResult {
  readonly written: boolean;
  /** The file written, from `GITHUB_STEP_SUMMARY`. */
  readonly path?: string;
  /** Why nothing was written. */
  readonly reason?: string;
  /** The summary was cut to fit `JOB_SUMMARY_MAX_BYTES`. */
  readonly truncated?: boolean;
}

const TRUNCATED_NOTE =
  "\n\n> [!WARNING]\n> This summary was cut to fit GitHub's 1 MiB limit for a step's summary.\n";

/** Cuts `text` to at most `maxBytes` of UTF-8, never inside a character. */
function cutToBytes(text: string, maxBytes: number): string {
  const buffer = Buffer.from(text, 'utf8');
  if (buffer.length <= maxBytes) return text;
  let end = maxBytes;
  // Step back over UTF-8 continuation bytes (10xxxxxx) so no character is split.
  while (end > 0 && ((buffer[end] ?? 0) & 0xc0) === 0x80) end--;
  return buffer.subarray(0, end).toString('utf8');
}

/**
 * Appends `markdown` (and a line break) to this step's job summary; the size limit is checked for this text
 * alone, not for what the step wrote before. Returns `written: false` with the reason
 * when the runner gives no summary file; other write failures (permissions, disk) are thrown.
 */
export async function writeJobSummary(
  markdown: string,
  options: { readonly overwrite?: boolean } = {},
): Promise<JobSummaryResult> {
  const path = process.env.GITHUB_STEP_SUMMARY;
  if (!path) {
    return {
      written: false,
      reason:
        'GITHUB_STEP_SUMMARY is not set (not running in GitHub Actions), so there is no job summary to write.',
    };
  }
  let text = markdown;
  let truncated = false;
  if (Buffer.byteLength(text, 'utf8') + EOL.length > JOB_SUMMARY_MAX_BYTES) {
    const room = JOB_SUMMARY_MAX_BYTES - Buffer.byteLength(TRUNCATED_NOTE, 'utf8') - EOL.length;
    text = cutToBytes(text, room) + TRUNCATED_NOTE;
    truncated = true;
  }
  await core.summary
    .addRaw(text)
    .addEOL()
    .write({ overwrite: options.overwrite ?? false });
  return { written: true, path, truncated };
}
