import { type AddressRange, type Family, formatAddress } from './address';

/** A run of consecutive addresses to scan; `hostname` is the name they were resolved from, if any. */
export interface HostSegment extends AddressRange {
  readonly hostname: string | null;
}

/** One host to scan: canonical address text plus the name it was reached by. */
export interface Host {
  readonly address: string;
  readonly family: Family;
  readonly hostname: string | null;
}

/** Removes every excluded address from `ranges`, keeping their order; a range may split in two. */
export function subtractRanges<T extends AddressRange>(
  ranges: readonly T[],
  excluded: readonly AddressRange[],
): T[] {
  let out: T[] = [...ranges];
  for (const ex of excluded) {
    const next: T[] = [];
    for (const r of out) {
      if (r.family !== ex.family || ex.last < r.first || ex.first > r.last) {
        next.push(r);
        continue;
      }
      if (r.first < ex.first) next.push({ ...r, last: ex.first - 1n });
      if (r.last > ex.last) next.push({ ...r, first: ex.last + 1n });
    }
    out = next;
  }
  return out;
}

/**
 * Drops addresses already listed earlier under the same name (or both bare), keeping the order:
 * `10.0.0.0/24 10.0.0.5` scans 10.0.0.5 once, so each host and port is probed and stored once.
 * Per name, the addresses seen so far are kept as sorted disjoint ranges (binary search), so a
 * list of thousands of single addresses stays cheap.
 */
export function withoutRepeats(segments: readonly HostSegment[]): HostSegment[] {
  const seen = new Map<string, AddressRange[]>();
  const out: HostSegment[] = [];
  for (const segment of segments) {
    const key = `${segment.family}\u0000${segment.hostname ?? ''}`;
    const ranges = seen.get(key) ?? [];
    seen.set(key, ranges);
    // The first known range that ends at or after this segment's start.
    let lo = 0;
    let hi = ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid]!.last < segment.first) lo = mid + 1;
      else hi = mid;
    }
    let cursor = segment.first;
    let i = lo;
    for (; i < ranges.length && ranges[i]!.first <= segment.last; i += 1) {
      const known = ranges[i]!;
      if (known.first > cursor) out.push({ ...segment, first: cursor, last: known.first - 1n });
      if (known.last + 1n > cursor) cursor = known.last + 1n;
    }
    if (cursor <= segment.last) out.push({ ...segment, first: cursor, last: segment.last });
    // Record the union of this segment and the known ranges it touched (indices lo..i-1).
    const first = lo < i && ranges[lo]!.first < segment.first ? ranges[lo]!.first : segment.first;
    const last = i > lo && ranges[i - 1]!.last > segment.last ? ranges[i - 1]!.last : segment.last;
    ranges.splice(lo, i - lo, { family: segment.family, first, last });
  }
  return out;
}

/**
 * The hosts of a scan, expanded lazily: a /8 is a handful of segments and a prefix-sum table, and
 * `at(i)` computes the i-th address on demand. Nothing here grows with the number of addresses.
 */
export class HostList {
  readonly count: number;
  private readonly starts: number[] = [];

  constructor(readonly segments: readonly HostSegment[]) {
    let total = 0;
    for (const s of segments) {
      this.starts.push(total);
      total += Number(s.last - s.first + 1n);
    }
    this.count = total;
  }

  at(index: number): Host {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) {
      throw new RangeError(`host index ${index} outside 0..${this.count - 1}`);
    }
    // Binary search for the last segment starting at or before index.
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    const seg = this.segments[lo];
    if (seg === undefined) throw new RangeError('empty host list');
    const value = seg.first + BigInt(index - (this.starts[lo] ?? 0));
    return {
      address: formatAddress(seg.family, value),
      family: seg.family,
      hostname: seg.hostname,
    };
  }

  /** Walks the hosts in order; lazy, so `take` from a /8 costs only what is taken. */
  *[Symbol.iterator](): Generator<Host> {
    for (const seg of this.segments) {
      for (let v = seg.first; v <= seg.last; v += 1n) {
        yield { address: formatAddress(seg.family, v), family: seg.family, hostname: seg.hostname };
      }
    }
  }
}
