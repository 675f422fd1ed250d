/**
 * The part of jstat (https://github.com/jstat/jstat, plain CommonJS without
 * type declarations) that fieldproof uses: starting values for quantiles.
 */
declare module 'jstat' {
  interface StudentT {
    cdf(x: number, df: number): number;
    inv(p: number, df: number): number;
    pdf(x: number, df: number): number;
  }
  interface Normal {
    cdf(x: number, mean: number, sd: number): number;
    inv(p: number, mean: number, sd: number): number;
    pdf(x: number, mean: number, sd: number): number;
  }
  interface JStat {
    studentt: StudentT;
    normal: Normal;
  }
  const jStat: JStat;
  export default jStat;
}
