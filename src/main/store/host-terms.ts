import { parseHostSpec, type HostSpec } from '../../shared/result-query';
import { addressKeyOf } from './address-key';
import { starLike } from './like';
import { anyOf, type Sql } from './sql';

/**
 * The `host` field as terms over `hosts h`. Addresses, ranges and CIDR blocks compare the address
 * sort key (a family byte, then the address bytes) as a range, so they walk hosts_in_order and
 * `0::1` finds `::1`; names compare without case; `*` patterns are LIKE over address and hostname.
 */
export function hostTerms(entries: readonly string[]): Sql | null {
  if (entries.length === 0) return null;
  return anyOf(entries.map((entry) => hostTerm(parseHostSpec(entry))));
}

function hostTerm(spec: HostSpec): Sql {
  switch (spec.kind) {
    case 'block': {
      const first = addressKeyOf(spec.family, spec.first);
      if (spec.first === spec.last) return { text: 'h.sort_key = ?', params: [first] };
      return {
        text: 'h.sort_key BETWEEN ? AND ?',
        params: [first, addressKeyOf(spec.family, spec.last)],
      };
    }
    case 'name':
      return { text: 'h.hostname = ? COLLATE NOCASE', params: [spec.name] };
    case 'pattern': {
      const like = starLike(spec.pattern);
      return {
        text: `(h.address LIKE ? ESCAPE '\\' OR h.hostname LIKE ? ESCAPE '\\')`,
        params: [like, like],
      };
    }
  }
}
