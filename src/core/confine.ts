/**
 * What the project may read: its pilot files and data files, confined to the
 * project once every symbolic link is followed, and each a regular file.
 *
 * A link is followed before it is judged, because a path can leave the
 * project through any of its folders (data/ itself linked to /etc) as well as
 * through its last name. A file must be a regular file, checked before it is
 * opened: a named pipe (FIFO) would wait for a writer forever, and a device
 * such as /dev/zero never ends. Nothing here reads a file's content, so no
 * message built from these answers can quote a file outside the project.
 */
import { constants, type Dirent } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** True when `candidate` is `folder` or inside it (both absolute and normalised). */
export function contains(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/** Why a path could not be followed to a real file or folder. */
export type Unresolved = 'missing' | 'loop' | 'unreadable';

/** The path with every link followed; ELOOP, which Node reports like a missing file, is told apart. */
export async function resolveLinks(absolute: string): Promise<{ ok: true; real: string } | { ok: false; why: Unresolved }> {
  try {
    return { ok: true, real: await realpath(absolute) };
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    return { ok: false, why: code === 'ELOOP' ? 'loop' : code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'unreadable' };
  }
}

/** The project folder with its links followed: what every real path is held against. */
export async function realRoot(root: string): Promise<string> {
  return realpath(root).catch(() => path.resolve(root));
}

/**
 * A folder of the project (pilots/, data/) followed through its links: it
 * must still be inside the project. `missing` when it does not exist.
 */
export async function projectFolder(
  root: string,
  name: string,
): Promise<{ ok: true; real: string } | { ok: false; why: Unresolved | 'outside' | 'not a folder' }> {
  const resolved = await resolveLinks(path.join(root, name));
  if (!resolved.ok) return resolved;
  if (!contains(await realRoot(root), resolved.real)) return { ok: false, why: 'outside' };
  const info = await stat(resolved.real).catch(() => null);
  if (info === null) return { ok: false, why: 'unreadable' };
  if (!info.isDirectory()) return { ok: false, why: 'not a folder' };
  return { ok: true, real: resolved.real };
}

/** What a path that is not a regular file is, in a user's words; null for a regular file. */
export function notAFile(info: { isFile(): boolean; isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string | null {
  if (info.isFile()) return null;
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

export type SmallFileResult =
  | { ok: true; bytes: Buffer }
  | { ok: false; why: 'not a file'; kind: string }
  | { ok: false; why: 'too large' }
  | { ok: false; why: 'unreadable'; code: string };

/**
 * A whole small file, at most `limit` bytes: its type checked before it is
 * opened, and opened non-blocking, so a named pipe swapped in after the check
 * still cannot hang the read; its size checked again on the open file, and
 * never more than `limit` + 1 bytes read, so a file that grows (or a device)
 * cannot fill memory.
 */
export async function readSmallFile(real: string, limit: number): Promise<SmallFileResult> {
  const failed = (cause: unknown): SmallFileResult => ({ ok: false, why: 'unreadable', code: String((cause as { code?: unknown }).code ?? 'EIO') });
  const before = await stat(real).catch((cause: unknown) => cause);
  if (before instanceof Error) return failed(before);
  const kind = notAFile(before as Awaited<ReturnType<typeof stat>>);
  if (kind !== null) return { ok: false, why: 'not a file', kind };
  let handle;
  try {
    handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (cause) {
    return failed(cause);
  }
  try {
    const info = await handle.stat();
    const opened = notAFile(info);
    if (opened !== null) return { ok: false, why: 'not a file', kind: opened };
    if (info.size > limit) return { ok: false, why: 'too large' };
    // Read what stat promised and one byte more: a file that grew since is caught by the extra byte.
    const chunks: Buffer[] = [];
    let length = 0;
    while (length <= limit) {
      const chunk = Buffer.alloc(Math.min(limit + 1 - length, Math.max(info.size - length + 1, 4096), 1 << 16));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
    }
    if (length > limit) return { ok: false, why: 'too large' };
    return { ok: true, bytes: Buffer.concat(chunks, length) };
  } catch (cause) {
    return failed(cause);
  } finally {
    await handle.close();
  }
}

/**
 * Every name under `folder` (files, folders and links, as relative paths),
 * without descending into links to folders. Node's own recursive readdir
 * follows them: a link to / walks the whole disk, a link to its own folder
 * goes round until the system says ELOOP, and the names it lists are of
 * files outside the project. Throws when `folder` itself cannot be read; a
 * folder below it that cannot be read is skipped.
 */
export async function namesInside(folder: string): Promise<string[]> {
  const names: string[] = [];
  const walk = async (relative: string, entries: Dirent[]) => {
    for (const entry of entries) {
      const name = relative === '' ? entry.name : path.join(relative, entry.name);
      names.push(name);
      if (!entry.isDirectory()) continue;
      const below = await readdir(path.join(folder, name), { withFileTypes: true }).catch(() => null);
      if (below !== null) await walk(name, below);
    }
  };
  await walk('', await readdir(folder, { withFileTypes: true }));
  return names;
}
