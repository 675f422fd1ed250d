/**
 * The pilots collection: every markdown file in pilots/, validated by Astro
 * with the same schema the command line uses (src/core/pilot.ts), so a pilot
 * the CLI accepts is one the site accepts, and the other way round.
 *
 * Before Astro validates entry by entry (and stops at the first bad one), the
 * whole project is analysed once, so a failing build lists every problem of
 * every pilot and its data, exactly as `fieldproof check` does. FIELDPROOF_ROOT
 * points the collection and the analysis at another project (the build tests).
 */
import path from 'node:path';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import type { Loader } from 'astro/loaders';
import { pilotSchema } from './core/pilot.ts';
import { projectRoot, publishedPilots } from './site/data.ts';

function pilotsLoader(): Loader {
  const files = glob({ pattern: '*.md', base: path.join(projectRoot(), 'pilots') });
  return {
    ...files,
    name: 'fieldproof-pilots',
    async load(context) {
      await publishedPilots();
      return files.load(context);
    },
  };
}

const pilots = defineCollection({ loader: pilotsLoader(), schema: pilotSchema });

export const collections = { pilots };
