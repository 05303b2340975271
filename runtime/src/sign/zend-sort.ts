/**
 * PHP's `zend_sort` (Zend/zend_sort.c): insertion sort up to 16 elements (with fixed networks for 2…5),
 * else a quicksort with a median-of-3 (or of 5 from 1024 elements) pivot. Ported step by step because
 * PHP's key comparison is not transitive for mixed keys: the result depends on which pairs get compared.
 */

/** The C sort's `cmp` and `swp` over positions of the sorted sequence. */
export interface Sortable {
  compare(left: number, right: number): number;
  swap(left: number, right: number): void;
}

function sort2(s: Sortable, a: number, b: number): void {
  if (s.compare(a, b) > 0) s.swap(a, b);
}

function sort3(s: Sortable, a: number, b: number, c: number): void {
  if (!(s.compare(a, b) > 0)) {
    if (!(s.compare(b, c) > 0)) return;
    s.swap(b, c);
    if (s.compare(a, b) > 0) s.swap(a, b);
    return;
  }
  if (!(s.compare(c, b) > 0)) {
    s.swap(a, c);
    return;
  }
  s.swap(a, b);
  if (s.compare(b, c) > 0) s.swap(b, c);
}

/** Sorts `positions[0..n-2]`, then bubbles the last one down while it compares smaller. */
function sortNetwork(s: Sortable, positions: readonly number[]): void {
  const [a = 0, b = 0, c = 0] = positions;
  if (positions.length <= 3) {
    if (positions.length === 2) sort2(s, a, b);
    else sort3(s, a, b, c);
    return;
  }
  sortNetwork(s, positions.slice(0, -1));
  for (let index = positions.length - 2; index >= 0; index -= 1) {
    const left = positions[index] ?? 0;
    const right = positions[index + 1] ?? 0;
    if (!(s.compare(left, right) > 0)) return;
    s.swap(left, right);
  }
}

/** Moves the element at `from` down to `to`, shifting the ones between up by one. */
function rotateDown(s: Sortable, from: number, to: number): void {
  for (let k = from; k > to; k -= 1) s.swap(k, k - 1);
}

/** Where element `i` goes among the sorted `start..i-1`, searching one step at a time. */
function linearSlot(s: Sortable, start: number, i: number): number {
  let j = i - 1;
  while (j !== start) {
    j -= 1;
    if (!(s.compare(j, i) > 0)) return j + 1;
  }
  return j;
}

/** Where element `i` goes among the sorted `start..i-1`, searching two steps at a time. */
function steppedSlot(s: Sortable, start: number, i: number): number {
  let j = i - 1;
  for (;;) {
    j -= 2;
    if (!(s.compare(j, i) > 0)) {
      j += 1;
      return s.compare(j, i) > 0 ? j : j + 1;
    }
    if (j === start) return j;
    if (j === start + 1) {
      j -= 1;
      return s.compare(i, j) > 0 ? j + 1 : j;
    }
  }
}

/** `zend_insert_sort`. */
export function insertSort(s: Sortable, start: number, count: number): void {
  if (count <= 1) return;
  if (count <= 5) {
    const positions = Array.from({ length: count }, (_, offset) => start + offset);
    sortNetwork(s, positions);
    return;
  }
  const end = start + count;
  const sentry = start + 6;
  for (let i = start + 1; i < end; i += 1) {
    if (!(s.compare(i - 1, i) > 0)) continue;
    rotateDown(s, i, i < sentry ? linearSlot(s, start, i) : steppedSlot(s, start, i));
  }
}

/** The partition loop of `zend_sort`: returns `i`, one past the pivot's final place. */
function partition(s: Sortable, pivot: number, first: number, last: number): number {
  let i = first;
  let j = last;
  for (;;) {
    while (s.compare(pivot, i) > 0) {
      i += 1;
      if (i === j) return i;
    }
    j -= 1;
    if (j === i) return i;
    while (s.compare(j, pivot) > 0) {
      j -= 1;
      if (j === i) return i;
    }
    s.swap(i, j);
    i += 1;
    if (i === j) return i;
  }
}

/** `zend_sort` on positions `base..base+count-1`; recursion only into the smaller part (depth ≤ log2 n). */
export function zendSort(s: Sortable, base: number, count: number): void {
  let start = base;
  let nmemb = count;
  for (;;) {
    if (nmemb <= 16) {
      insertSort(s, start, nmemb);
      return;
    }
    const end = start + nmemb;
    const offset = nmemb >> 1;
    const pivot = start + offset;
    if (nmemb >> 10) {
      const delta = offset >> 1;
      sortNetwork(s, [start, start + delta, pivot, pivot + delta, end - 1]);
    } else {
      sort3(s, start, pivot, end - 1);
    }
    s.swap(start + 1, pivot);
    const i = partition(s, start + 1, start + 2, end - 1);
    s.swap(start + 1, i - 1);
    if (i - 1 - start < end - i) {
      zendSort(s, start, i - start - 1);
      start = i;
      nmemb = end - i;
    } else {
      zendSort(s, i, end - i);
      nmemb = i - start - 1;
    }
  }
}
