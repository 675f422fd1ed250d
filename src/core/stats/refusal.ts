/**
 * What the statistics refuse to compute rather than guess (statistics.md,
 * section 9). A refusal carries a machine-readable code and a plain-English
 * message for a marketer; the caller adds the file and metric it is about.
 *
 * Example: `meanArm([42])` throws
 * `StatsRefusal('too-few-units', 'This arm has 1 unit; at least 2 are needed to estimate variation.')`.
 */
export type RefusalCode = 'too-few-units' | 'no-variance' | 'zero-denominator';

export class StatsRefusal extends Error {
  readonly code: RefusalCode;

  constructor(code: RefusalCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'StatsRefusal';
  }
}
