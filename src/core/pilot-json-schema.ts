/**
 * The JSON Schema of pilot frontmatter, generated from the zod schema so the
 * two can never disagree. Dates are described as strings with format "date"
 * (what a person types), not as the Date objects YAML may produce.
 */
import { z } from 'zod';
import { isoDate, pilotSchema } from './pilot.ts';

export function pilotJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(pilotSchema, {
      io: 'input',
      unrepresentable: 'any',
      override(context) {
        if (context.zodSchema === isoDate) {
          for (const key of Object.keys(context.jsonSchema)) delete context.jsonSchema[key];
          Object.assign(context.jsonSchema, { type: 'string', format: 'date', description: 'ISO date, YYYY-MM-DD' });
        }
      },
    }),
    $id: 'https://fieldproof.dev/pilot.schema.json',
    title: 'fieldproof pilot frontmatter',
  };
}
