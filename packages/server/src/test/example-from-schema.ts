/**
 * The smallest value a JSON Schema (as the OpenAPI document holds it) accepts: required properties
 * only, the first enum member, the lower bound of a range. The authorisation matrix sends it as the
 * body of every write, so a refusal it sees is the route's decision, not the validator's.
 */
// biome-ignore lint/suspicious/noExplicitAny: JSON Schema is untyped data here; each branch checks what it reads.
type Schema = any;

export function exampleFromSchema(schema: Schema): unknown {
  if (!schema || typeof schema !== 'object') return null;
  if ('const' in schema) return schema.const;
  if ('default' in schema && schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants)) {
    const nonNull = variants.find((v: Schema) => v?.type !== 'null');
    return exampleFromSchema(nonNull ?? variants[0]);
  }
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...schema.allOf.map(exampleFromSchema));
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? []) out[name] = exampleFromSchema(schema.properties?.[name]);
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => exampleFromSchema(schema.items));
    case 'integer':
    case 'number':
      return Math.max(
        schema.minimum ?? 1,
        schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1,
      );
    case 'boolean':
      return false;
    case 'string':
      return exampleString(schema);
    case 'null':
      return null;
    default:
      return {};
  }
}

function exampleString(schema: Schema): string {
  switch (schema.format) {
    case 'email':
      return 'someone@example.com';
    case 'uri':
    case 'url':
      return 'https://example.com/';
    case 'date':
      return '2026-01-01';
    case 'date-time':
      return '2026-01-01T00:00:00.000Z';
    default:
      break;
  }
  const pattern = typeof schema.pattern === 'string' ? schema.pattern : '';
  if (pattern.includes('#')) return '#336699';
  if (/^\^?\[A-Z\]/.test(pattern)) return 'ABC';
  if (/^\^?\[a-z\]/.test(pattern)) return 'abc';
  return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
}
