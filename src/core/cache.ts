/**
 * Analyses kept between builds: a store that src/core/project.ts's
 * analyzeProject consults, never a second way into the analysis. A pilot whose pilot file, data file and
 * analysis code are byte for byte what they were last time gets its evidence
 * back from disk instead of re-reading a data file that may hold millions of
 * rows. Anything else is analysed afresh: the cache can make a build faster,
 * never different.
 *
 * The key of a pilot is the sha256 of
 *   - the analysis version: CACHE_FORMAT (bump it when the analysis changes
 *     in a way the rest does not capture), the package version, and a digest
 *     of the analysis sources (src/core/) and package-lock.json of the code
 *     that runs, so editing a formula or upgrading a dependency cannot serve
 *     stale numbers;
 *   - the pilot file's bytes, and its assignment file's when it names one;
 *   - the sha256 of the data file's bytes (streamed, so a large file is
 *     never held). A pilot with nothing stored yet has them hashed as the
 *     analysis reads them, so a first build reads each data file once; a
 *     file whose size, modification time and inode are those it was hashed
 *     with is not read again (src/core/data-hashes.ts, data-hashes.memo).
 *
 * One JSON file per pilot, <dir>/<slug>.json: { format, key, evidence,
 * problems }. Only pilots without errors are kept (a failing pilot is always
 * re-checked), and files of pilots that no longer exist are removed. The
 * folder is Astro's cache folder (node_modules/.astro/) unless
 * FIELDPROOF_CACHE_DIR says otherwise; deleting it is always safe.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PilotEvidence } from './evidence.ts';
import { openDataHashes } from './data-hashes.ts';
import { appendLines, readLines, writeLines, writeWhole } from './write-whole.ts';
import { resolveDataPath } from './load/load-data.ts';
import type { PilotFile } from './pilot-file.ts';
import type { Problem } from './problems.ts';
import type { QualificationFile } from './qualification-file.ts';

/** Bump when the analysis or the shape of PilotEvidence changes in a way the source digest would miss. */
export const CACHE_FORMAT = 1;

/** A pilot's analysis as stored: its evidence and the warnings that came with it. */
export interface CachedPilot {
  evidence: PilotEvidence;
  problems: Problem[];
}

/** A file of pilots/ read without a problem: a pilot, or qualification evidence. */
export type ReadPilotFile = { kind: 'pilot'; value: PilotFile } | { kind: 'qualification'; value: QualificationFile };

/** A file of pilots/ as it was read, by its name and text. */
export interface ReadPilotFileEntry {
  file: string;
  text: string;
  read: ReadPilotFile;
}

/** A pilot's key in the making: fed its data file's bytes in order, then digested. */
export interface KeyHasher {
  dataFile: string;
  update(bytes: Buffer): void;
  digest(): string;
}

export interface EvidenceStore {
  /** The key of a pilot's current files, or null when its data file cannot be found (then it is not cached). */
  key(root: string, pilotFile: PilotFile): Promise<string | null>;
  /** The same key, fed the data file's bytes by whoever reads them (null as for key). */
  keyHasher(root: string, pilotFile: PilotFile): Promise<KeyHasher | null>;
  /** Whether anything is stored for the pilot, whatever its key. */
  has(slug: string): Promise<boolean>;
  get(slug: string, key: string): Promise<CachedPilot | null>;
  set(slug: string, key: string, value: CachedPilot): Promise<void>;
  /** Remove the entries of pilots not in `slugs`. */
  keepOnly(slugs: readonly string[]): Promise<void>;
  /**
   * The digest of this version of the code, `texts` and the bytes of `files`
   * (a data file known by its size and time is not read again: data-hashes.ts),
   * for keep and recall; null when a file cannot be read.
   */
  digest(texts: readonly string[], files: readonly string[]): Promise<string | null>;
  /** What was kept under `name` for this digest, or null. */
  recall<T>(name: string, digest: string): Promise<T | null>;
  /** Keeps one value under `name` (a slug-like word), replacing what was kept there for another digest. */
  keep(name: string, digest: string, value: unknown): Promise<void>;
  /** Whether this story text was rendered by this version of the code and found publishable. */
  storyPassed(story: string): Promise<boolean>;
  /** Remembers stories that rendered and were found publishable (written at once; a memo that cannot be written only means rendering again). */
  rememberStoriesPassed(stories: readonly string[]): Promise<void>;
  /** The file of pilots/ this version of the code read from exactly this name and text without a problem, or null. */
  readPilotFile(file: string, text: string): Promise<ReadPilotFile | null>;
  /**
   * Remembers files read without a problem. `whole`: these are all of the
   * project's, and any other file remembered is forgotten; otherwise they are added.
   */
  rememberPilotFiles(entries: readonly ReadPilotFileEntry[], whole: boolean): Promise<void>;
}

/** At most this many story digests are remembered: the newest, a few for each pilot of a large project. */
const MOST_STORIES_REMEMBERED = 20_000;

/** Where the cache lives: FIELDPROOF_CACHE_DIR, or fieldproof/ inside Astro's cache folder. */
export function cacheDirectory(root: string, env: Record<string, string | undefined> = process.env): string {
  const configured = env.FIELDPROOF_CACHE_DIR;
  if (configured !== undefined && configured !== '') return path.resolve(root, configured);
  return path.join(root, 'node_modules', '.astro', 'fieldproof');
}

/**
 * Where the running fieldproof code lives: the nearest folder above this
 * module holding src/core/cache.ts (the repository, whether this module runs
 * from source or from Astro's bundle in dist/), or null.
 */
export function findCodeRoot(from: string = fileURLToPath(import.meta.url)): string | null {
  let dir = path.dirname(from);
  for (;;) {
    if (existsSync(path.join(dir, 'src', 'core', 'cache.ts'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * The version of the analysis code: CACHE_FORMAT, and from the folder of the
 * running code (findCodeRoot) its package version and a digest of src/core/
 * and package-lock.json. Without that folder, CACHE_FORMAT alone.
 */
export async function analysisVersion(codeRoot: string | null): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`fieldproof-cache ${CACHE_FORMAT}\n`);
  if (codeRoot === null) return `unknown+${hash.digest('hex').slice(0, 16)}`;
  let version = 'unknown';
  try {
    const manifest = JSON.parse(await readFile(path.join(codeRoot, 'package.json'), 'utf8')) as { version?: unknown };
    version = String(manifest.version ?? 'unknown');
  } catch {
    // No readable package.json: the digest below still tells versions apart.
  }
  hash.update(`version ${version}\n`);
  const coreDir = path.join(codeRoot, 'src', 'core');
  // Read synchronously: over a hundred small files, each awaited in turn, took 25 to 45 ms of every
  // command's start; read in one go they take a few.
  const readOrNull = (file: string): Buffer | null => {
    try {
      return readFileSync(file);
    } catch {
      return null;
    }
  };
  let sources: string[];
  try {
    sources = readdirSync(coreDir, { recursive: true, encoding: 'utf8' });
  } catch {
    sources = [];
  }
  for (const name of sources.filter((entry) => /\.(ts|js|mjs)$/.test(entry)).sort()) {
    hash.update(`source ${name.split(path.sep).join('/')}\n`);
    hash.update(readOrNull(path.join(coreDir, name)) ?? Buffer.alloc(0));
  }
  const lock = readOrNull(path.join(codeRoot, 'package-lock.json'));
  if (lock !== null) hash.update(lock);
  return `${version}+${hash.digest('hex').slice(0, 16)}`;
}

/** The sha256 of a file's bytes, streamed, so a large file is never held. */
function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    const stream = createReadStream(file, { highWaterMark: 1 << 20 });
    stream.on('data', (chunk) => hash.update(chunk as Buffer));
    stream.on('end', () => resolve(hash.digest('hex')));
    stream.on('error', reject);
  });
}

// JSON has no Infinity or NaN; the evidence should never hold them, but if it
// did, the cache must give back exactly what the analysis gave.
const NUMBER_TAG = '\u0000number:';
/** The tag as it appears inside JSON text. */
const NUMBER_TAG_JSON = JSON.stringify(NUMBER_TAG).slice(1, -1);

function replacer(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? `${NUMBER_TAG}${String(value)}` : value;
}

function reviver(_key: string, value: unknown): unknown {
  return typeof value === 'string' && value.startsWith(NUMBER_TAG) ? Number(value.slice(NUMBER_TAG.length)) : value;
}

/** A cache in `dir` for analyses made by the analysis `version` (see analysisVersion). */
export function openEvidenceCache(dir: string, version: string): EvidenceStore {
  const entry = (slug: string) => path.join(dir, `${slug}.json`);
  // Not a .json file, so keepOnly never takes it for a pilot's entry.
  const dataHashes = openDataHashes(path.join(dir, 'data-hashes.memo'));
  /** The data files this store has hashed or looked up: the ones whose hashes a whole-project run keeps. */
  const dataFilesSeen = new Set<string>();
  /** Everything in a pilot's key but its data file's hash, which comes last. */
  const keyStart = async (root: string, { file, pilot }: PilotFile): Promise<{ hash: Hash; dataFile: string } | null> => {
    const data = await resolveDataPath(root, pilot.data, file);
    if (!data.ok) return null;
    const hash = createHash('sha256');
    hash.update(`${version}\n${file}\n${pilot.data}\n`);
    try {
      hash.update(await readFile(path.join(root, file)));
    } catch {
      return null;
    }
    hash.update('\n');
    // The assignment file decides the design the analysis uses, so it is part of
    // the key: a redrawn or edited assignment must never be served old results.
    if (pilot.assignment !== undefined) {
      const assignment = await resolveDataPath(root, pilot.assignment.trim(), file);
      if (!assignment.ok) return null;
      try {
        hash.update(`assignment ${pilot.assignment}\n`);
        hash.update(await readFile(assignment.absolute));
      } catch {
        return null;
      }
      hash.update('\n');
    }
    dataFilesSeen.add(data.absolute);
    return { hash, dataFile: data.absolute };
  };
  const keyEnd = (start: { hash: Hash }, dataSha256: string) => start.hash.update(`data ${dataSha256}\n`).digest('hex');
  // Stories found publishable, by the digest of the code's version and the story's text: a check
  // with nothing changed then need not load the markdown renderer (src/core/story.ts) at all. One
  // digest per line, appended (each analysis ahead checks one pilot's story), the newest kept.
  const storiesFile = path.join(dir, 'stories.memo');
  let stories: Promise<{ passed: Set<string>; lines: number }> | null = null;
  const storiesPassed = () =>
    (stories ??= readLines(storiesFile).then((lines) => ({
      // A digest is 64 hex digits: anything else (a line cut short, an older memo) is left out.
      passed: new Set(lines.filter((line) => /^[0-9a-f]{64}$/.test(line))),
      lines: lines.length,
    })));
  const storyDigest = (story: string) => createHash('sha256').update(`${version}\n`).update(story).digest('hex');
  // Files of pilots/ read without a problem, by the digest of the code's version, the file's name and
  // its text: a check with no pilot file changed then need not load YAML and the schemas (zod) at all.
  // One JSON line per file, so a run that reads one pilot (analyze, each analysis ahead) appends a
  // line instead of writing every file's again, and two processes appending lose nothing; a whole
  // project's run writes the file anew when it holds anything else (old versions, files gone).
  const pilotFilesFile = path.join(dir, 'pilot-files.memo');
  let pilotFiles: Promise<{ entries: Map<string, ReadPilotFile>; lines: number }> | null = null;
  const pilotFilesRead = () =>
    (pilotFiles ??= readLines(pilotFilesFile).then((lines) => {
      const entries = new Map<string, ReadPilotFile>();
      for (const line of lines) {
        try {
          const { digest, read } = JSON.parse(line) as { digest?: unknown; read?: ReadPilotFile };
          if (typeof digest === 'string' && read !== null && typeof read === 'object') entries.set(digest, read);
        } catch {
          // A line cut short (a run stopped while appending) is a miss, never an error.
        }
      }
      return { entries, lines: lines.length };
    }));
  const pilotFileDigest = (file: string, text: string) => createHash('sha256').update(`${version}\n${file}\n`).update(text).digest('hex');
  const pilotFileLine = ([digest, read]: [string, ReadPilotFile]) => JSON.stringify({ digest, read });
  // Other work kept between runs (a plan's exact power, a qualification file's analysis): <name>.kept,
  // one per name, so never more than one per pilot file, and never taken for a pilot's .json entry.
  const kept = (name: string) => path.join(dir, `${name}.kept`);
  return {
    async digest(texts, files) {
      const hash = createHash('sha256');
      hash.update(`${version}\n`);
      for (const text of texts) hash.update(`text ${text.length}\n`).update(text).update('\n');
      for (const file of files) {
        const facts = await dataHashes.facts(file);
        let sha256 = facts === null ? null : await dataHashes.known(file, facts);
        if (sha256 === null) {
          try {
            sha256 = await hashFile(file);
          } catch {
            return null;
          }
          if (facts !== null) dataHashes.remember(file, facts, sha256);
        }
        dataFilesSeen.add(file);
        hash.update(`file ${sha256}\n`);
      }
      return hash.digest('hex');
    },
    async recall<T>(name: string, digest: string): Promise<T | null> {
      try {
        const text = await readFile(kept(name), 'utf8');
        const stored = (text.includes(NUMBER_TAG_JSON) ? JSON.parse(text, reviver) : JSON.parse(text)) as { format?: unknown; digest?: unknown; value?: T };
        return stored.format === CACHE_FORMAT && stored.digest === digest && stored.value !== undefined ? stored.value : null;
      } catch {
        return null;
      }
    },
    async keep(name, digest, value) {
      await writeWhole(kept(name), JSON.stringify({ format: CACHE_FORMAT, digest, value }, replacer));
      await dataHashes.save();
    },
    async storyPassed(story) {
      return (await storiesPassed()).passed.has(storyDigest(story));
    },
    async rememberStoriesPassed(passed) {
      const memo = await storiesPassed();
      const added = [...new Set(passed.map(storyDigest))].filter((digest) => !memo.passed.has(digest));
      if (added.length === 0) return;
      for (const digest of added) memo.passed.add(digest);
      if (memo.lines + added.length > 2 * MOST_STORIES_REMEMBERED) {
        // Past twice the most remembered, written anew with the newest.
        memo.passed = new Set([...memo.passed].slice(-MOST_STORIES_REMEMBERED));
        memo.lines = memo.passed.size;
        await writeLines(storiesFile, [...memo.passed]);
      } else {
        memo.lines += added.length;
        await appendLines(storiesFile, added);
      }
    },
    async readPilotFile(file, text) {
      return (await pilotFilesRead()).entries.get(pilotFileDigest(file, text)) ?? null;
    },
    async rememberPilotFiles(entries, whole) {
      const memo = await pilotFilesRead();
      const wanted = new Map(entries.map((entry) => [pilotFileDigest(entry.file, entry.text), entry.read]));
      const fresh = [...wanted].filter(([digest]) => !memo.entries.has(digest));
      for (const [digest, read] of fresh) memo.entries.set(digest, read);
      if (whole && memo.lines + fresh.length > wanted.size) {
        // Lines of files gone, of older versions, or twice over: only this project's files are kept.
        memo.entries = wanted;
        memo.lines = wanted.size;
        await writeLines(pilotFilesFile, [...wanted].map(pilotFileLine));
      } else if (fresh.length > 0) {
        memo.lines += fresh.length;
        await appendLines(pilotFilesFile, fresh.map(pilotFileLine));
      }
    },
    async keyHasher(root, pilotFile) {
      const start = await keyStart(root, pilotFile);
      if (start === null) return null;
      // Looked at before the analysis reads the file, so a change during the read is a change next time.
      const facts = await dataHashes.facts(start.dataFile);
      const data = createHash('sha256');
      return {
        dataFile: start.dataFile,
        update: (bytes) => data.update(bytes),
        digest: () => {
          const sha256 = data.digest('hex');
          if (facts !== null) dataHashes.remember(start.dataFile, facts, sha256);
          return keyEnd(start, sha256);
        },
      };
    },
    async key(root, pilotFile) {
      const start = await keyStart(root, pilotFile);
      if (start === null) return null;
      const facts = await dataHashes.facts(start.dataFile);
      const known = facts === null ? null : await dataHashes.known(start.dataFile, facts);
      if (known !== null) return keyEnd(start, known);
      let sha256: string;
      try {
        sha256 = await hashFile(start.dataFile);
      } catch {
        return null;
      }
      if (facts !== null) dataHashes.remember(start.dataFile, facts, sha256);
      return keyEnd(start, sha256);
    },
    async has(slug) {
      return (await stat(entry(slug)).catch(() => null)) !== null;
    },
    async get(slug, key) {
      let text: string;
      try {
        text = await readFile(entry(slug), 'utf8');
      } catch {
        return null;
      }
      try {
        // The reviver costs a call per value: only when a tagged number is there to revive.
        const stored = (text.includes(NUMBER_TAG_JSON) ? JSON.parse(text, reviver) : JSON.parse(text)) as { format?: unknown; key?: unknown } & Partial<CachedPilot>;
        if (stored.format !== CACHE_FORMAT || stored.key !== key || stored.evidence === undefined || !Array.isArray(stored.problems)) return null;
        return { evidence: stored.evidence, problems: stored.problems };
      } catch {
        // A torn or hand-edited entry is a miss, never an error.
        return null;
      }
    },
    async set(slug, key, value) {
      await writeWhole(entry(slug), JSON.stringify({ format: CACHE_FORMAT, key, ...value }, replacer));
      await dataHashes.save();
    },
    async keepOnly(slugs) {
      const wanted = new Set(slugs.map((slug) => `${slug}.json`));
      const present = await readdir(dir).catch(() => [] as string[]);
      await Promise.all(
        present
          .filter((name) => name.endsWith('.json') && !wanted.has(name))
          .map((name) => rm(path.join(dir, name), { force: true }).catch(() => undefined)),
      );
      await dataHashes.keepOnly([...dataFilesSeen]);
    },
  };
}
