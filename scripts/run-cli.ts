import { BootstrapError } from '../infra/bootstrap/bootstrap-error.ts';
import { InventoryError } from '../lib/assembly/inventory-error.ts';
import { ConfigError } from '../lib/config/config-error.ts';
import { InputError } from '../lib/config/input-error.ts';
import { CostExplorerError } from '../lib/cost/actual/cost-explorer-error.ts';
import { CatalogError } from '../lib/cost/catalog/load-catalog.ts';
import { DeployInputError } from '../lib/deploy/deploy-errors.ts';
import { DiagramSyntaxError, RendererUnavailableError } from '../lib/diagram/render/errors.ts';
import { RegionError } from '../lib/docs/generated-regions.ts';
import { TofuInstallError } from '../lib/terraform/tofu.ts';

/** Errors whose message already says what is wrong and what to do: a stack trace would only bury it. */
const EXPLAINED_ERRORS = [
  ConfigError,
  InputError,
  RegionError,
  InventoryError,
  CatalogError,
  CostExplorerError,
  DiagramSyntaxError,
  RendererUnavailableError,
  BootstrapError,
  DeployInputError,
  TofuInstallError,
];

/** A command's main function: its arguments, without the program and script names. */
export type CliMain = (argv: string[]) => void | Promise<void>;

/**
 * Runs a script's main function with the process arguments and turns failures into a message and exit
 * code 1: a config or usage error prints only its message (it already says what to fix), anything else
 * its stack as well.
 */
export function runCli(help: string, main: CliMain): void {
  void runMain(help, main, process.argv.slice(2)).then((status) => {
    if (status !== 0) process.exitCode = status;
  });
}

/** Runs `main` as {@link runCli} does and resolves with the exit status; tests call it in process. */
export async function runMain(help: string, main: CliMain, argv: string[]): Promise<number> {
  try {
    await main(argv);
    return 0;
  } catch (error) {
    if (EXPLAINED_ERRORS.some((type) => error instanceof type)) {
      console.error((error as Error).message);
    } else if (error instanceof AggregateError) {
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
    return 1;
  }
}
