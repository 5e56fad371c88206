// `npm run events`: realistic ride-hailing events to a JSON Lines file, a Kinesis stream or the ingestion API.
import { events, HELP } from './events/command.ts';
import { runCli } from './run-cli.ts';

runCli(HELP, events);
