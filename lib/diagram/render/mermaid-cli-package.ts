/**
 * Where mermaid-cli and puppeteer are installed (`npm run mermaid-cli:install`), apart from the repository's
 * packages: with mermaid they weigh about 500 MB, which only machines that render in a browser need.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export const MERMAID_CLI_DIR = path.resolve(import.meta.dirname, '../../../tools/mermaid-cli');

/** The command that installs them, for messages. */
export const MERMAID_CLI_INSTALL = 'npm run mermaid-cli:install';

/** Whether mermaid-cli is installed in `dir`. */
export function mermaidCliInstalled(dir: string = MERMAID_CLI_DIR): boolean {
  return existsSync(path.join(dir, 'node_modules', '@mermaid-js', 'mermaid-cli', 'package.json'));
}
