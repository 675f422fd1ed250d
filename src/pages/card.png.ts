/** The overview's 1200x630 preview card, drawn at build time. */
import type { APIRoute } from 'astro';
import { overviewCardContent } from '../core/present/card-model.ts';
import { cardImage } from '../site/drawings.ts';
import { publishedPilots } from '../site/data.ts';
import { absoluteUrl } from '../site/urls.ts';

export const GET: APIRoute = async ({ site }) => {
  const host = absoluteUrl('', site).replace(/^https?:\/\//, '').replace(/\/$/, '');
  const png = await cardImage(overviewCardContent(await publishedPilots(), { host }));
  return new Response(png, { headers: { 'Content-Type': 'image/png' } });
};
