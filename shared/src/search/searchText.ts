// Small text helpers of the search index: letter masks, digit words, comparisons.

/** Bit i for letter a+i (0–25), bit 26+d%5 for digit d, bit 31 for anything else. */
export function maskOf(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 32) continue;
    if (code >= 97 && code <= 122) mask |= 1 << (code - 97);
    else if (code >= 48 && code <= 57) mask |= 1 << (26 + ((code - 48) % 5));
    else mask |= 1 << 31;
  }
  return mask;
}

export function isDigits(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first index in sorted[low..high) whose value is not below `value`. */
export function lowerBound(sorted: readonly string[], value: string, low: number, high: number): number {
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as string) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
