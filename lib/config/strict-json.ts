import { type ParseError, parse } from 'jsonc-parser';
import { ConfigError } from './config-error.ts';
import { duplicateKeyProblems } from './duplicate-keys.ts';
import { JsonLocations } from './json-locations.ts';

/**
 * A settings file's text as strict JSON (no comments, no trailing commas, no key twice in one object),
 * with the locations of its values for the schema's errors. A byte-order mark (Notepad and some Windows
 * editors write one) is not part of the JSON and is accepted. Throws ConfigError naming `file` and `schema`.
 */
export function parseStrictJson(
  text: string,
  file: string,
  schema: string,
): { data: unknown; locations: JsonLocations } {
  const json = text.replace(/^\uFEFF/, '');
  const locations = new JsonLocations(json);
  const syntaxErrors: ParseError[] = [];
  const data: unknown = parse(json, syntaxErrors, { disallowComments: true, allowTrailingComma: false });
  if (syntaxErrors.length > 0) throw new ConfigError(file, locations.syntaxProblems(syntaxErrors), schema);
  const duplicates = duplicateKeyProblems(json, locations);
  if (duplicates.length > 0) throw new ConfigError(file, duplicates, schema);
  return { data, locations };
}
