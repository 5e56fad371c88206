import { ConfigError } from '../infra/config/config-error.ts';

/**
 * Runs a script's main function with the process arguments and turns failures into a message and exit
 * code 1: a config or usage error prints only its message (it already says what to fix), anything else
 * its stack as well.
 */
export function runCli(help: string, main: (argv: string[]) => void | Promise<void>): void {
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .catch((error: unknown) => {
      if (error instanceof ConfigError || error instanceof AggregateError) {
        console.error(error.message);
      } else if (
        error instanceof TypeError &&
        'code' in error &&
        String(error.code).startsWith('ERR_PARSE_ARGS')
      ) {
        console.error(`${error.message}\n\n${help}`);
      } else {
        console.error(error);
      }
      process.exitCode = 1;
    });
}
