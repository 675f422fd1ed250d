/** A pilot's 1200x630 preview card: title, headline change with its interval, verdict; a planned pilot's plan; a qualification file's tipping point. */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { PilotEvidence } from '../../../core/evidence.ts';
import type { PlannedPilot } from '../../../core/plan.ts';
import type { QualificationEvidence } from '../../../core/qualification-analysis.ts';
import { pilotCardContent } from '../../../core/present/card-model.ts';
import { planCardContent } from '../../../core/present/plan-model.ts';
import { qualificationCardContent } from '../../../core/present/qualification-model.ts';
import { cardImage, drawnFor } from '../../../site/drawings.ts';
import { pilotPagesOfBuild, plansOfBuild, qualificationsOfBuild } from '../../../site/data.ts';
import { absoluteUrl, pilotPath } from '../../../site/urls.ts';

export const getStaticPaths = (async () => [
  ...(await pilotPagesOfBuild()).render.map((pilot) => ({ params: { slug: pilot.slug }, props: { pilot } })),
  ...(await plansOfBuild()).map((plan) => ({ params: { slug: plan.slug }, props: { plan } })),
  ...(await qualificationsOfBuild()).map((qualification) => ({ params: { slug: qualification.slug }, props: { qualification } })),
]) satisfies GetStaticPaths;

type Props =
  | { pilot: PilotEvidence; plan?: undefined; qualification?: undefined }
  | { plan: PlannedPilot; pilot?: undefined; qualification?: undefined }
  | { qualification: QualificationEvidence; pilot?: undefined; plan?: undefined };

export const GET: APIRoute<Props> = async ({ props, site }) => {
  const slug = props.pilot?.slug ?? props.plan?.slug ?? props.qualification?.slug ?? '';
  const host = absoluteUrl(pilotPath(slug), site).replace(/^https?:\/\//, '').replace(/\/$/, '');
  const content = props.pilot
    ? pilotCardContent(props.pilot, { host })
    : props.plan
      ? planCardContent(props.plan, { host })
      : qualificationCardContent(props.qualification as QualificationEvidence, { host });
  const file = props.pilot?.file ?? props.plan?.file ?? props.qualification?.file ?? `pilots/${slug}.md`;
  const png = await drawnFor(file, 'preview card', () => cardImage(content, { pilotAddress: props.pilot !== undefined }));
  return new Response(png, { headers: { 'Content-Type': 'image/png' } });
};
