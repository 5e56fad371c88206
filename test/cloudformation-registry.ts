import { execFileSync } from 'node:child_process';

// cfn-lint ships CloudFormation's resource provider schemas; their `tagging` section says which types take tags.
const TAG_PROPERTY_SCRIPT = `
import json, sys
from cfnlint.schema import PROVIDER_SCHEMA_MANAGER
result = {}
for type_name in json.load(sys.stdin):
    try:
        schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema("us-east-1", type_name).schema
    except Exception:
        result[type_name] = None
        continue
    tagging = schema.get("tagging", {})
    taggable = tagging.get("taggable", "Tags" in schema.get("properties", {}))
    result[type_name] = tagging.get("tagProperty", "/properties/Tags").split("/")[-1] if taggable else None
print(json.dumps(result))
`;

/** For each CloudFormation type: the property that holds its tags, or null when it takes none. */
export function tagPropertiesOf(types: readonly string[]): Record<string, string | null> {
  const output = execFileSync('python3', ['-c', TAG_PROPERTY_SCRIPT], { input: JSON.stringify(types) });
  return JSON.parse(output.toString());
}
