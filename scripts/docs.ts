// `npm run docs`, the main job: synth (offline) → inventory → cost → diagrams → README and docs/.
import { docs, HELP } from './docs/command.ts';
import { runCli } from './run-cli.ts';

runCli(HELP, docs);
