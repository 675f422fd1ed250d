/** A pilot's 1200x630 preview card: title, headline change with its interval, verdict; or a planned pilot's plan. */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { PilotEvidence } from '../../../core/evidence.ts';
import type { PlannedPilot } from '../../../core/plan.ts';
import { pilotCardContent } from '../../../core/present/card-model.ts';
import { planCardContent } from '../../../core/present/plan-model.ts';
import { cardImage, drawnFor } from '../../../site/drawings.ts';
import { publishedPilots, publishedPlans } from '../../../site/data.ts';
import { absoluteUrl, pilotPath } from '../../../site/urls.ts';

export const getStaticPaths = (async () => [
  ...(await publishedPilots()).map((pilot) => ({ params: { slug: pilot.slug }, props: { pilot } })),
  ...(await publishedPlans()).map((plan) => ({ params: { slug: plan.slug }, props: { plan } })),
]) satisfies GetStaticPaths;

type Props = { pilot: PilotEvidence; plan?: undefined } | { plan: PlannedPilot; pilot?: undefined };

export const GET: APIRoute<Props> = async ({ props, site }) => {
  const slug = props.pilot?.slug ?? props.plan?.slug ?? '';
  const host = absoluteUrl(pilotPath(slug), site).replace(/^https?:\/\//, '').replace(/\/$/, '');
  const content = props.pilot ? pilotCardContent(props.pilot, { host }) : planCardContent(props.plan as PlannedPilot, { host });
  const png = await drawnFor(props.pilot?.file ?? props.plan?.file ?? `pilots/${slug}.md`, 'preview card', () => cardImage(content));
  return new Response(png, { headers: { 'Content-Type': 'image/png' } });
};
