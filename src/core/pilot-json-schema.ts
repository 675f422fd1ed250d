/**
 * The JSON Schema of a file in pilots/, generated from the zod schemas so the
 * two can never disagree: a pilot's frontmatter, or, when it says `kind:
 * qualification`, a qualification evidence file's (qualification.ts). Dates
 * are described as strings with format "date" (what a person types), not as
 * the Date objects YAML may produce.
 */
import { z } from 'zod';
import { isoDate, pilotSchema } from './pilot-schema.ts';
import { qualificationSchema } from './qualification.ts';

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override(context) {
      if (context.zodSchema === isoDate) {
        for (const key of Object.keys(context.jsonSchema)) delete context.jsonSchema[key];
        Object.assign(context.jsonSchema, { type: 'string', format: 'date', description: 'ISO date, YYYY-MM-DD' });
      }
    },
  });
  return rest;
}

/** One schema for every file in pilots/: `kind: qualification` picks the qualification file's keys, anything else a pilot's. */
export function pilotJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://fieldproof.dev/pilot.schema.json',
    title: 'fieldproof pilot frontmatter (or qualification evidence, with kind: qualification)',
    if: { type: 'object', required: ['kind'], properties: { kind: { const: 'qualification' } } },
    then: jsonSchemaOf(qualificationSchema),
    else: jsonSchemaOf(pilotSchema),
  };
}
