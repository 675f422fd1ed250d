/**
 * When was the hypothesis written? The pilot file's git history answers it:
 * the first commit whose frontmatter already held today's hypothesis text.
 * A hypothesis committed before the pilot started is a pre-registration, and
 * that is what makes a result credible to a sceptic; one written or rewritten
 * afterwards is reported as such.
 *
 * History is "unavailable" (and nothing is claimed) when the project is not a
 * git repository or is a shallow clone (CI checkouts default to one commit,
 * which would date every hypothesis to the latest push: pages.yml fetches the
 * full history for this reason).
 */
import { execFile } from 'node:child_process';
import yaml from 'js-yaml';

export type HypothesisHistory =
  | { status: 'committed'; date: string; commit: string }
  | { status: 'uncommitted' }
  | { status: 'unavailable'; reason: string };

/** Runs git with arguments in the project folder; replaceable in tests. */
export type Git = (args: string[]) => Promise<string>;

export function gitIn(root: string): Git {
  return (args) =>
    new Promise((resolve, reject) => {
      execFile('git', args, { cwd: root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }, (failure, stdout) =>
        failure ? reject(failure) : resolve(stdout),
      );
    });
}

const FRONTMATTER = /^\uFEFF?\s*---\r?\n([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;

/** Words only, so re-wrapping or re-quoting a YAML string is not a change. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function hypothesisIn(fileText: string): string | null {
  const match = FRONTMATTER.exec(fileText);
  if (!match) return null;
  try {
    const data = yaml.load(match[1] ?? '') as { hypothesis?: unknown } | null;
    return typeof data?.hypothesis === 'string' ? data.hypothesis : null;
  } catch {
    return null;
  }
}

/**
 * @param file repository-relative path of the pilot file, e.g. "pilots/x.md"
 * @param hypothesis the hypothesis as published now
 */
export async function hypothesisHistory(file: string, hypothesis: string, git: Git): Promise<HypothesisHistory> {
  try {
    if ((await git(['rev-parse', '--is-inside-work-tree'])).trim() !== 'true') return { status: 'unavailable', reason: 'not a git repository' };
  } catch {
    return { status: 'unavailable', reason: 'not a git repository' };
  }
  if ((await git(['rev-parse', '--is-shallow-repository'])).trim() === 'true') {
    return { status: 'unavailable', reason: 'shallow clone: the full history was not fetched' };
  }
  const prefix = (await git(['rev-parse', '--show-prefix'])).trim();
  let log: string;
  try {
    // Newest first; --follow keeps the history across renames, and --name-only
    // gives the file's path at each commit.
    log = await git(['log', '--follow', '--format=%x1e%H %cI', '--name-only', '--', file]);
  } catch {
    return { status: 'uncommitted' };
  }
  const commits = log
    .split('\x1e')
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => {
      const [head = '', ...paths] = chunk.split('\n').map((line) => line.trim()).filter(Boolean);
      const [commit = '', date = ''] = head.split(' ');
      return { commit, date, path: paths[0] ?? `${prefix}${file}` };
    })
    .reverse();
  const wanted = normalise(hypothesis);
  for (const { commit, date, path } of commits) {
    let text: string;
    try {
      text = await git(['show', `${commit}:${path}`]);
    } catch {
      continue;
    }
    const then = hypothesisIn(text);
    if (then !== null && normalise(then) === wanted) return { status: 'committed', date: date.slice(0, 10), commit };
  }
  return { status: 'uncommitted' };
}
