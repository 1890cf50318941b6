type Node = Record<string | number, unknown>;

const isIndex = (part: string | undefined): boolean => part !== undefined && /^\d+$/.test(part);

/**
 * The awsQuery form fields of a request (`Tags.member.2.Key=…`) as the nested input they encode
 * (`{ Tags: [_, { Key: … }] }`), without `Action` and `Version`, so they compare with the input mcc
 * gave the SDK. Lists are `member.N` (IAM and STS do not flatten them); every value stays a string.
 */
export function unflattenQuery(form: Readonly<Record<string, string>>): Record<string, unknown> {
  const root: Node = {};
  for (const [key, value] of Object.entries(form)) {
    if (key === 'Action' || key === 'Version') continue;
    const path = key.split('.').filter((part) => part !== 'member');
    let node = root;
    for (let i = 0; i < path.length - 1; i++) {
      const part = path[i]!;
      const slot = isIndex(part) ? Number(part) - 1 : part;
      node[slot] ??= isIndex(path[i + 1]) ? [] : {};
      node = node[slot] as Node;
    }
    const leaf = path.at(-1)!;
    node[isIndex(leaf) ? Number(leaf) - 1 : leaf] = value;
  }
  return root;
}
