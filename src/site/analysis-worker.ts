/**
 * One worker of analyse-ahead.ts: each of its pilot files analysed into the
 * store, one at a time, as the build would analyse it.
 */
import { workerData } from 'node:worker_threads';
import { openEvidenceCache } from '../core/cache.ts';
import { analyzeProject } from '../core/project.ts';
import type { AheadJob } from './analyse-ahead.ts';

const { root, dir, version, files } = workerData as AheadJob;
const store = openEvidenceCache(dir, version);
for (const file of files) {
  // Problems are the build's to report: it analyses again whatever could not be stored here.
  await analyzeProject(root, { store, only: file }).catch(() => undefined);
}
