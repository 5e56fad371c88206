// Entry point of the pipeline-run action (bundled into dist/index.js): see action.yml.
import { run } from './run.ts';

await run();
