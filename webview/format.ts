/**
 * Numbers as the panel writes them: `1,048,576`. The same text as `toLocaleString('en-US')` for
 * integers, without its first call, which loads the locale data and cost some 25-30 ms of the
 * first frame in Chromium (the CPU profile of `npm run bench:render -- --profile`).
 */
export function thousands(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) out = (end > 3 ? ',' : '') + digits.slice(Math.max(0, end - 3), end) + out;
  return n < 0 ? `-${out}` : out;
}
