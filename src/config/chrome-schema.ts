// Converts the JSON Schema zod emits into the subset Chrome accepts for `storage.managed_schema`
// (https://www.chromium.org/administrators/configuring-policy-for-extensions/): type, properties,
// items, additionalProperties, enum (string/integer), minimum/maximum. Nothing else.
//
// What the subset cannot express (values of mixed types such as a condition's value or a JSON body
// template) becomes `{type: "string"}`: Chrome strips undeclared properties and has no "any" type, so
// the policy carries those values JSON-encoded as strings and src/config/policy-wire.ts decodes them
// before zod validates the policy strictly. test/unit/config/policy-wire.test.ts round-trips a policy
// using every such position through a validator of this subset.

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const INT32_MAX = 2 ** 31 - 1;
const outOfInt32 = (n: unknown): boolean => typeof n === 'number' && (n > INT32_MAX || n < -INT32_MAX - 1);

/** Where the subset cannot express a value: the policy carries it JSON-encoded in a string. */
export const ENCODED: Json = { type: 'string' };

export function toChromeSchema(root: Json): Json {
  const defs = (isObj(root.$defs) ? root.$defs : isObj(root.definitions) ? root.definitions : {}) as Record<
    string,
    Json
  >;
  const seen = new Set<string>();

  const resolve = (node: Json): Json | undefined => {
    if (typeof node.$ref !== 'string') return node;
    const name = node.$ref.replace(/^#\/(\$defs|definitions)\//, '');
    if (node.$ref === '#' || seen.has(name)) return undefined; // recursive: unrepresentable
    const target = defs[name];
    return target ? { ...target, __ref: name } : undefined;
  };

  const convert = (input: Json): Json | undefined => {
    const node = resolve(input);
    if (!node) return undefined;
    const ref = typeof node.__ref === 'string' ? node.__ref : undefined;
    if (ref) seen.add(ref);
    try {
      return convertNode(node);
    } finally {
      if (ref) seen.delete(ref);
    }
  };

  const convertNode = (node: Json): Json | undefined => {
    const union = (node.anyOf ?? node.oneOf) as Json[] | undefined;
    if (Array.isArray(union)) return convertUnion(union);
    if (node.const !== undefined) {
      const t = typeof node.const;
      return t === 'string'
        ? { type: 'string', enum: [node.const] }
        : t === 'boolean'
          ? { type: 'boolean' }
          : undefined;
    }
    switch (node.type) {
      case 'object': {
        const out: Json = { type: 'object' };
        if (isObj(node.properties)) {
          const props: Json = {};
          for (const [k, v] of Object.entries(node.properties)) {
            props[k] = (isObj(v) ? convert(v) : undefined) ?? ENCODED;
          }
          out.properties = props;
        }
        if (isObj(node.additionalProperties))
          out.additionalProperties = convert(node.additionalProperties) ?? ENCODED;
        return out;
      }
      case 'array': {
        const items = isObj(node.items) ? convert(node.items) : undefined;
        return { type: 'array', items: items ?? ENCODED };
      }
      case 'string':
        return Array.isArray(node.enum) ? { type: 'string', enum: node.enum } : { type: 'string' };
      case 'integer':
      case 'number': {
        // Chrome's integers are 32-bit: a larger one (a timestamp such as a saved test's `savedAt`)
        // arrives as a double and fails `integer`. Where zod allows more, the schema says `number`
        // (zod still checks it is whole).
        if (node.type === 'integer' && (outOfInt32(node.minimum) || outOfInt32(node.maximum)))
          return { type: 'number' };
        const out: Json = { type: node.type };
        if (typeof node.minimum === 'number') out.minimum = node.minimum;
        if (typeof node.maximum === 'number') out.maximum = node.maximum;
        return out;
      }
      case 'boolean':
        return { type: 'boolean' };
      default:
        return undefined;
    }
  };

  const convertUnion = (branches: Json[]): Json | undefined => {
    const originals = branches.map((b) => resolve(b)).filter((b): b is Json => !!b && b.type !== 'null');
    const parts = originals.map((b) => convert(b));
    if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
    const list = parts as Json[];
    const types = new Set(list.map((p) => p.type));
    if (types.size !== 1) return undefined;
    const [type] = [...types];
    if (type === 'object') {
      const keys = new Set(originals.flatMap((o) => Object.keys((o.properties as Json | undefined) ?? {})));
      const props: Json = {};
      for (const k of keys) {
        // A key whose branches disagree (or that one branch cannot express) is carried encoded.
        const variants: Json[] = [];
        let expressible = true;
        originals.forEach((o, i) => {
          if (!isObj(o.properties) || !(k in o.properties)) return;
          const v = (list[i]?.properties as Json | undefined)?.[k];
          if (isObj(v)) variants.push(v);
          else expressible = false;
        });
        props[k] = (expressible ? mergeVariants(variants) : undefined) ?? ENCODED;
      }
      return { type: 'object', properties: props };
    }
    return mergeVariants(list);
  };

  /** Same schema in every branch → that schema; strings with enums → the union of enums. */
  const mergeVariants = (variants: Json[]): Json | undefined => {
    const first = variants[0];
    if (!first) return undefined;
    const same = variants.every((v) => JSON.stringify(v) === JSON.stringify(first));
    if (same) return first;
    if (variants.every((v) => v.type === 'string')) {
      if (variants.every((v) => Array.isArray(v.enum)))
        return { type: 'string', enum: [...new Set(variants.flatMap((v) => v.enum as string[]))] };
      return { type: 'string' };
    }
    return undefined;
  };

  const top = convert(root);
  if (top?.type !== 'object') throw new Error('policy schema must be an object');
  return top;
}
