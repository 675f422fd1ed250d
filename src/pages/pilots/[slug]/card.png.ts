/** A pilot's 1200x630 preview card: title, headline change with its interval, verdict. */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { PilotEvidence } from '../../../core/evidence.ts';
import { pilotCardContent } from '../../../core/present/card-model.ts';
import { cardImage } from '../../../site/drawings.ts';
import { publishedPilots } from '../../../site/data.ts';
import { absoluteUrl, pilotPath } from '../../../site/urls.ts';

export const getStaticPaths = (async () =>
  (await publishedPilots()).map((pilot) => ({ params: { slug: pilot.slug }, props: { pilot } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ pilot: PilotEvidence }> = async ({ props, site }) => {
  const host = absoluteUrl(pilotPath(props.pilot.slug), site).replace(/^https?:\/\//, '').replace(/\/$/, '');
  const png = await cardImage(pilotCardContent(props.pilot, { host }));
  return new Response(png, { headers: { 'Content-Type': 'image/png' } });
};
