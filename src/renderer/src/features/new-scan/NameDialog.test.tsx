import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';
import { userEvent } from 'vitest/browser';
import { NameDialog } from './NameDialog';

describe('NameDialog', () => {
  it('opened from inside another form, saves through its own submit and never submits that form', async () => {
    const outer = vi.fn((e: { preventDefault(): void }) => e.preventDefault());
    const address = location.href;
    const confirmed: string[] = [];
    const screen = await render(
      <form onSubmit={outer}>
        <NameDialog
          title="Save these settings as a profile"
          label="Profile name"
          initial=""
          confirmLabel="Save profile"
          onCancel={() => {}}
          onConfirm={async (name) => {
            confirmed.push(name);
          }}
        />
      </form>,
    );
    await screen.getByLabelText('Profile name').fill('Lab T4');
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => confirmed).toEqual(['Lab T4']);
    await screen.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => confirmed).toEqual(['Lab T4', 'Lab T4']);
    expect(outer).not.toHaveBeenCalled();
    // A native submit of the dialog's form would have navigated the page.
    expect(location.href).toBe(address);
  });
});
