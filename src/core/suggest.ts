/**
 * "Did you mean": the candidate closest to a mistyped word (a flag, a command, a format), when it is
 * close enough to be a typo: one edit for words of three or four characters, two from five on, none
 * below three (`-x` is not a typo of `-h`).
 */

/** Edit distance (Levenshtein, a swap of two neighbours counted as one edit: `fromat` → `format`). */
export function editDistance(a: string, b: string): number {
  const cols = b.length + 1;
  const d = new Array<number>((a.length + 1) * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] as number;
  for (let i = 0; i <= a.length; i++) d[i * cols] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      // In the first row or column `a[-1]`/`b[-1]` is undefined, so no swap is found there.
      if (a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The closest candidate within typo distance of `word`, or undefined (ties: the first listed). */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const limit = word.length < 3 ? 0 : word.length < 5 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
