/**
 * The command line compiled at install (`prepare`, which npm runs after
 * `npm ci` and `npm install`): src/cli/main.ts and everything of src/ it
 * loads, bundled by esbuild into a few files under
 * node_modules/.fieldproof-cli/, packages left to node_modules. Node 24 runs
 * the sources themselves, types stripped, but loading them is resolving,
 * reading and linking about 120 modules on every start: an `analyze` of 100k
 * rows took 553 ms from the sources and 505 ms from the bundle, the same
 * output (bench/RESULTS.md).
 *
 * bin/fieldproof.mjs runs the bundle only while every source it was built
 * from is as it was then (bin/fresh-bundle.mjs): an edited source runs from
 * src/ at once, never a stale bundle. A failure here never fails the
 * install; the command then runs from src/ as before.
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_FOLDER, MANIFEST, type BundleManifest } from '../bin/fresh-bundle.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

type Build = typeof import('esbuild').build;

/**
 * Bundles the command line of the checkout at `root` into `out` (its bundle
 * folder unless told), with the manifest of its sources. `build` is
 * esbuild's unless a test gives its own.
 */
export async function bundleCli(root: string = ROOT, out: string = path.join(root, BUNDLE_FOLDER), build?: Build): Promise<BundleManifest> {
  build ??= (await import('esbuild')).build;
  const staging = `${out}.building-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  // Each source as it was before esbuild read it: one edited meanwhile would be listed as it is
  // after the edit, beside a bundle made from it before, and pass for up to date.
  const before = await sourceFacts(root);
  try {
    return await bundleInto(build, root, staging, out, before);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** The size and modification time of every file under src/, by path from `root`. */
async function sourceFacts(root: string): Promise<Map<string, [number, number]>> {
  const names = (await readdir(path.join(root, 'src'), { recursive: true })) as string[];
  const facts = new Map<string, [number, number]>();
  for (const name of names) {
    const info = await stat(path.join(root, 'src', name));
    if (info.isFile()) facts.set(path.join('src', name), [info.size, info.mtimeMs]);
  }
  return facts;
}

async function bundleInto(build: Build, root: string, staging: string, out: string, before: Map<string, [number, number]>): Promise<BundleManifest> {
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
    const file = path.relative(root, path.resolve(process.cwd(), input));
    const [was, now] = [before.get(file), await stat(path.join(root, file))];
    if (was === undefined || was[0] !== now.size || was[1] !== now.mtimeMs) throw new Error(`${file} changed while the command line was compiled`);
    sources[file] = was;
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
