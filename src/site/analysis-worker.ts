/**
 * One worker of analyse-ahead.ts: the pilot files it takes from the queue
 * all workers share, each analysed into the store as the build would.
 */
import { workerData } from 'node:worker_threads';
import { openEvidenceCache } from '../core/cache.ts';
import { analyzeProject } from '../core/project.ts';
import { type AheadJob, claimFiles } from './analyse-ahead.ts';

const { root, dir, version, files, next } = workerData as AheadJob;
const store = openEvidenceCache(dir, version);
for (const index of claimFiles(new Int32Array(next), files.length)) {
  const file = files[index] as string;
  // Problems are the build's to report: it analyses again whatever could not be stored here.
  await analyzeProject(root, { store, only: file }).catch(() => undefined);
}
