/** The results document of outputs.md, exactly as `fieldproof analyze --json` prints it; for a qualification file, its own document (outputs.md). */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { QualificationResults } from '../../../core/qualification-analysis.ts';
import type { ResultsDocument } from '../../../core/results.ts';
import { pilotPagesOfBuild, qualificationsOfBuild } from '../../../site/data.ts';

export const getStaticPaths = (async () => [
  ...(await pilotPagesOfBuild()).render.map((pilot) => ({ params: { slug: pilot.slug }, props: { results: pilot.results } })),
  ...(await qualificationsOfBuild()).map((qualification) => ({ params: { slug: qualification.slug }, props: { results: qualification.results } })),
]) satisfies GetStaticPaths;

export const GET: APIRoute<{ results: ResultsDocument | QualificationResults }> = ({ props }) =>
  new Response(JSON.stringify(props.results, null, 2), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
