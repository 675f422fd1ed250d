/**
 * Colour for terminals only: plain text when the output is a file or a pipe,
 * when NO_COLOR is set (https://no-color.org) or TERM is "dumb".
 */
export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
}

export function paint(isTTY: boolean, env: Record<string, string | undefined>): Paint {
  const on = isTTY && (env.NO_COLOR ?? '') === '' && env.TERM !== 'dumb';
  const wrap = (open: number, close: number) => (text: string) => (on ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39) };
}
