// `npm run query`: runs an Athena SQL file of pipeline/sql/ offline, on the sample data in DuckDB.
import { HELP, query } from './query/command.ts';
import { runCli } from './run-cli.ts';

runCli(HELP, query);
