// Entry point of the pipeline-run action (bundled by npm run build:actions): see action.yml.
import { run } from './run.ts';

await run();
