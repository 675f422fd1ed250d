/**
 * A repository's history read in two git processes for a whole build,
 * however many pilots it has: one `git log` of every commit with the files
 * it changed (renames detected), and one `git cat-file --batch` for the file
 * contents asked for. Asking `git log --follow` and `git show` per pilot
 * forked the build's process (a gigabyte at a hundred pilots) four times a
 * pilot, which cost more than analysing it.
 *
 * What a file's commits are, from that log, is what `git log --follow
 * --name-only -- file` says: newest first, the file's path at each commit,
 * and past a rename the file it was renamed from. Both use git's rename
 * detection (a similarity of 50% or more); the whole log detects renames
 * among at most diff.renameLimit files of one commit (1,000 by default), a
 * limit a pilot repository does not reach. One case differs, on purpose: a
 * new file much like one already there (a pilot written from another as a
 * template) starts its own history here, where --follow takes it for a copy
 * and reports the other file's commits as its own
 * (test/core/repository-log.test.ts). And -z keeps names as they are, where
 * --name-only quotes one with "é" in it and `git show` could not read it.
 */

/** One file changed by a commit: its status letter(s) and path, and for a rename (R) the path it had before. */
export interface LoggedChange {
  status: string;
  path: string;
  from?: string;
}

/** A commit of the repository log: its hash, author date (ISO 8601) and changed files. */
export interface LoggedCommit {
  commit: string;
  date: string;
  changes: LoggedChange[];
}

/** A commit that touched a file, and the file's path in it. */
export interface FileCommit {
  commit: string;
  date: string;
  path: string;
}

/**
 * The arguments of the log parseRepositoryLog reads. The author date: a
 * rebase keeps it, where the committer date becomes the merge's. -z keeps
 * paths unquoted whatever characters they hold.
 */
export const REPOSITORY_LOG = ['log', '-M', '--format=%x1e%H %aI', '--name-status', '-z'];

/** The commits of REPOSITORY_LOG's output, newest first. */
export function parseRepositoryLog(output: string): LoggedCommit[] {
  const commits: LoggedCommit[] = [];
  for (const chunk of output.split('\x1e')) {
    if (chunk.trim() === '') continue;
    const fields = chunk.split('\0');
    const [commit = '', date = ''] = (fields[0] ?? '').trim().split(' ');
    const changes: LoggedChange[] = [];
    // After the header: status, path; or, for a rename or copy, status, old path, new path.
    for (let i = 1; i < fields.length; ) {
      const status = (fields[i] ?? '').trim();
      if (status === '') {
        i += 1;
        continue;
      }
      if (status.startsWith('R') || status.startsWith('C')) {
        changes.push({ status, from: fields[i + 1] ?? '', path: fields[i + 2] ?? '' });
        i += 3;
      } else {
        changes.push({ status, path: fields[i + 1] ?? '' });
        i += 2;
      }
    }
    commits.push({ commit, date, changes });
  }
  return commits;
}

/** The commits that touched `file` (repository-relative), oldest first, renames followed back to where it began. */
export function commitsOfFile(commits: readonly LoggedCommit[], file: string): FileCommit[] {
  const found: FileCommit[] = [];
  let name = file;
  for (const { commit, date, changes } of commits) {
    const change = changes.find((candidate) => candidate.path === name);
    if (change === undefined) continue;
    found.push({ commit, date, path: name });
    if (change.status.startsWith('R') && change.from !== undefined) name = change.from;
  }
  return found.reverse();
}

/**
 * The contents `git cat-file --batch` printed for `count` requests, in their
 * order: a header "<object> <type> <size>" then size bytes and a newline, or
 * "<request> missing" (null here, as for anything but a blob).
 */
export function parseBatch(output: Buffer, count: number): (string | null)[] {
  const contents: (string | null)[] = [];
  let at = 0;
  while (contents.length < count && at < output.length) {
    const lineEnd = output.indexOf(0x0a, at);
    if (lineEnd < 0) break;
    const header = output.subarray(at, lineEnd).toString('utf8').split(' ');
    const size = Number(header[2]);
    if (header.length !== 3 || !Number.isInteger(size)) {
      contents.push(null);
      at = lineEnd + 1;
      continue;
    }
    contents.push(header[1] === 'blob' ? output.subarray(lineEnd + 1, lineEnd + 1 + size).toString('utf8') : null);
    at = lineEnd + 1 + size + 1;
  }
  while (contents.length < count) contents.push(null);
  return contents;
}
