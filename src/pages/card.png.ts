/** The overview's 1200x630 preview card, drawn at build time. */
import type { APIRoute } from 'astro';
import { cardPng, overviewCardContent } from '../site/card.ts';
import { publishedPilots } from '../site/data.ts';
import { absoluteUrl } from '../site/urls.ts';

export const GET: APIRoute = async ({ site }) => {
  const host = absoluteUrl('', site).replace(/^https?:\/\//, '').replace(/\/$/, '');
  const png = await cardPng(overviewCardContent(await publishedPilots(), { host }));
  return new Response(png, { headers: { 'Content-Type': 'image/png' } });
};
