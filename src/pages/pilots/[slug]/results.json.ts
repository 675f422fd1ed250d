/** The results document of outputs.md, exactly as `fieldproof analyze --json` prints it. */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { ResultsDocument } from '../../../core/results.ts';
import { publishedPilots } from '../../../site/data.ts';

export const getStaticPaths = (async () =>
  (await publishedPilots()).map((pilot) => ({ params: { slug: pilot.slug }, props: { results: pilot.results } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ results: ResultsDocument }> = ({ props }) =>
  new Response(JSON.stringify(props.results, null, 2), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
