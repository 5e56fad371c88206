// Entry point of the deploy action (bundled by npm run build:actions): see action.yml.
// @aws-cdk/toolkit-lib stays out of the bundle (scripts/build-actions/bundle.ts): it ships a WebAssembly
// module and data files that esbuild cannot inline. The action runs as `uses: ./actions/deploy` in the
// checkout after npm ci, so Node resolves the package from the node_modules beside the app it deploys.
import { run } from './run.ts';

await run();
