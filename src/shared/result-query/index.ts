export { parseResultQuery, QUERY_KEYS } from './parse';
export { formatResultQuery } from './format';
export { normalizeResultFilter, portRanges, textWords, listOf } from './normalize';
export { parseHostSpec, type HostSpec } from './host-spec';
