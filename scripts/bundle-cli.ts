/**
 * The command line compiled at install (`prepare`, which npm runs after
 * `npm ci` and `npm install`): src/cli/main.ts and everything of src/ it
 * loads, bundled by esbuild into a few files under
 * node_modules/.fieldproof-cli/, packages left to node_modules. Node 24 runs
 * the sources themselves, types stripped, but loading them is resolving,
 * reading and linking about 120 modules on every start: an `analyze` of 100k
 * rows took 549 ms from the sources and 490 ms from the bundle, the same
 * output (bench/RESULTS.md).
 *
 * bin/fieldproof.mjs runs the bundle only while every source it was built
 * from is as it was then (bin/fresh-bundle.mjs): an edited source runs from
 * src/ at once, never a stale bundle. A failure here never fails the
 * install; the command then runs from src/ as before.
 */
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_FOLDER, MANIFEST, type BundleManifest } from '../bin/fresh-bundle.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles the command line of the checkout at `root` into `out` (its bundle folder unless told), with the manifest of its sources. */
export async function bundleCli(root: string = ROOT, out: string = path.join(root, BUNDLE_FOLDER)): Promise<BundleManifest> {
  const { build } = await import('esbuild');
  const staging = `${out}.building-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const result = await build({
    entryPoints: { main: path.join(root, 'src', 'cli', 'main.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    packages: 'external',
    outdir: staging,
    metafile: true,
    logLevel: 'silent',
    // Names of functions kept, as in the sources: error messages and stack traces read the same.
    keepNames: true,
  });
  const sources: BundleManifest['sources'] = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = path.resolve(process.cwd(), input);
    const facts = await stat(file);
    sources[path.relative(root, file)] = [facts.size, facts.mtimeMs];
  }
  const manifest: BundleManifest = { node: process.version, sources };
  await writeFile(path.join(staging, MANIFEST), JSON.stringify(manifest));
  await mkdir(path.dirname(out), { recursive: true });
  await rm(out, { recursive: true, force: true });
  await rename(staging, out);
  return manifest;
}

const isScript = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isScript) {
  try {
    const manifest = await bundleCli();
    process.stderr.write(`fieldproof: the command line compiled from ${Object.keys(manifest.sources).length} sources into ${BUNDLE_FOLDER}/\n`);
  } catch (cause) {
    process.stderr.write(`fieldproof: the command line was not compiled (${(cause as Error).message.split('\n')[0]}); it runs from src/, a little slower to start\n`);
  }
}
