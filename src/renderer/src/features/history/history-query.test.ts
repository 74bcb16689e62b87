import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY_FILTER, historyQuery } from './history-query';

describe('historyQuery', () => {
  it('asks for nothing when nothing is set', () => {
    expect(historyQuery(EMPTY_HISTORY_FILTER)).toEqual({});
  });

  it('takes text, statuses and whole days in local time', () => {
    const query = historyQuery({
      text: '  10.0.0 ',
      statuses: ['failed', 'cancelled'],
      from: '2026-11-30',
      to: '2026-11-30',
    });
    expect(query.text).toBe('10.0.0');
    expect(query.status).toEqual(['failed', 'cancelled']);
    expect(query.to! - query.from!).toBe(86_400_000);
    expect(new Date(query.from!).getHours()).toBe(0);
  });
});
