import type { InventoryResource, InventoryStack } from '../../assembly/types.ts';
import { ConfigError } from '../../config/config-error.ts';
import type { CostModel } from '../models/cost-model.ts';
import type { UsageFile } from '../usage/usage-file.ts';
import type { UsageValue } from './estimate-types.ts';

/** The keys a usage file may use for a resource: construct path in four spellings, or logical id. */
export function usageKeys(resource: InventoryResource, stack: InventoryStack): string[] {
  const keys = [resource.logicalId];
  const path = resource.constructPath;
  if (path) {
    const short = path.endsWith('/Resource') ? path.slice(0, -'/Resource'.length) : path;
    keys.push(path, short);
    const prefix = stack.environment ? `${stack.environment}/` : undefined;
    if (prefix && path.startsWith(prefix)) keys.push(path.slice(prefix.length), short.slice(prefix.length));
  }
  return keys;
}

/**
 * Looks up usage for one resource: the usage file's entry for the resource, else its entry for the type,
 * else the model's default. Records every value read so the estimate can say where each came from.
 */
export function usageResolver(
  model: CostModel,
  resource: InventoryResource,
  stack: InventoryStack,
  usageFile: UsageFile | undefined,
  matchedKeys: Set<string>,
): { read: (field: string) => number; used: Record<string, UsageValue> } {
  const key = usageFile && usageKeys(resource, stack).find((k) => k in usageFile.resources);
  const own = key && usageFile ? usageFile.resources[key] : undefined;
  if (key && own) {
    matchedKeys.add(key);
    const unknown = Object.keys(own).filter((field) => !(field in model.usage));
    if (unknown.length > 0 && usageFile) {
      throw new ConfigError(usageFile.file, [
        {
          pointer: `/resources/${key}/${unknown[0]}`,
          line: usageFile.lineOf(key),
          expected: `a usage field of ${resource.type}: ${Object.keys(model.usage).join(', ') || 'none (it needs no usage)'}`,
          found: `the field "${unknown[0]}"`,
          hint: `Usage of ${key} (${resource.type}).`,
        },
      ]);
    }
  }
  const forType = usageFile?.types[resource.type];
  const used: Record<string, UsageValue> = {};
  const read = (field: string): number => {
    const declared = model.usage[field];
    if (!declared) throw new Error(`cost model for ${resource.type} reads undeclared usage field "${field}"`);
    const value: UsageValue =
      own?.[field] !== undefined
        ? { value: own[field], source: 'usage file (resource)' }
        : forType?.[field] !== undefined
          ? { value: forType[field], source: 'usage file (type)' }
          : { value: declared.default, source: 'default' };
    used[field] = value;
    return value.value;
  };
  return { read, used };
}
