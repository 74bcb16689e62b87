import { describe, expect, it } from 'vitest';
import { SHORTCUTS, typingInField } from './shortcuts';

const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', init);
const find = (init: KeyboardEventInit) =>
  SHORTCUTS.find((s) => s.run !== null && s.matches(key(init)))?.keys;

describe('shortcuts', () => {
  it('match their own keys and nothing with Ctrl, Cmd or Alt held', () => {
    expect(find({ key: 'n' })).toBe('N');
    expect(find({ key: '/' })).toBe('/');
    expect(find({ key: '?', shiftKey: true })).toBe('?');
    expect(find({ key: 'C', shiftKey: true })).toBe('Shift+C');
    expect(find({ key: 'n', ctrlKey: true })).toBeUndefined();
    expect(find({ key: 'c' })).toBeUndefined();
  });

  it('leave keys typed into a field to the field', () => {
    const input = document.createElement('input');
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' });
    expect(typingInField(input)).toBe(true);
    expect(typingInField(document.createElement('textarea'))).toBe(true);
    expect(typingInField(checkbox)).toBe(false);
    expect(typingInField(document.body)).toBe(false);
  });

  it('are listed once each', () => {
    expect(new Set(SHORTCUTS.map((s) => s.keys)).size).toBe(SHORTCUTS.length);
  });
});
