/**
 * The pilots collection: every markdown file in pilots/, validated by the
 * same schema the command line uses (src/core/pilot.ts).
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { pilotSchema } from './core/pilot.ts';

const pilots = defineCollection({
  loader: glob({ pattern: '*.md', base: './pilots' }),
  schema: pilotSchema,
});

export const collections = { pilots };
