/**
 * One drawing thread of a build (drawing-pool.ts): draws each piece it is
 * sent and posts it back, a card's PNG bytes moved rather than copied. A
 * failure goes back as its message, or as its problems when it names the
 * user's input (FieldproofError), so the page reports it as if drawn there.
 */
import { parentPort } from 'node:worker_threads';
import { FieldproofError } from '../core/problems.ts';
import { type DrawingKind, drawHere } from './drawing-kinds.ts';

export interface DrawingRequest {
  id: number;
  kind: DrawingKind;
  args: unknown[];
}

export type DrawingReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; message: string; problems?: FieldproofError['problems']; exitCode?: FieldproofError['exitCode'] };

async function reply({ id, kind, args }: DrawingRequest): Promise<void> {
  let answer: DrawingReply;
  try {
    answer = { id, ok: true, value: await drawHere(kind, args) };
  } catch (cause) {
    answer =
      cause instanceof FieldproofError
        ? { id, ok: false, message: cause.message, problems: cause.problems, exitCode: cause.exitCode }
        : { id, ok: false, message: cause instanceof Error ? cause.message : String(cause) };
  }
  const bytes = answer.ok && answer.value instanceof Uint8Array ? [answer.value.buffer as ArrayBuffer] : [];
  parentPort?.postMessage(answer, bytes);
}

/**
 * One piece at a time, with a turn of the event loop after each: resvg's
 * native memory (about 6 MB a card) is given back by finalizers that run
 * only then. Drawn back to back, 200 cards held 1.2 GB.
 */
const queue: DrawingRequest[] = [];
let drawing = false;
parentPort?.on('message', async (request: DrawingRequest) => {
  queue.push(request);
  if (drawing) return;
  drawing = true;
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    await reply(next);
    await new Promise((resolve) => setImmediate(resolve));
  }
  drawing = false;
});
