// Entry point of the docs action (bundled by npm run build:actions): see action.yml.
import { run } from './run.ts';

await run();
