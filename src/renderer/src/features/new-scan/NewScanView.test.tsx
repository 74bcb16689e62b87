import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { useStore } from '../../store';
import { EMPTY_FORM } from './scan-form';
import { NewScanView } from './NewScanView';

// The form checks everything with the shared parsers before anything is sent; these tests never
// press Start with a valid request (that path runs against the real host in e2e/).
afterEach(() => useStore.getState().fillForm(EMPTY_FORM));

describe('NewScanView', () => {
  it('names a bad target in place of the hint once typing pauses, and marks it invalid', async () => {
    const screen = await render(<NewScanView />);
    const targets = screen.getByLabelText('Targets');
    const hint = screen.getByText(/one per line or separated by commas/);
    await targets.fill('127.0.0.1, 10.0.0.300');
    await expect.element(screen.getByText('"10.0.0.300" is not an IPv4 address')).toBeVisible();
    await expect.element(targets).toHaveAttribute('aria-invalid', 'true');
    await expect.element(hint).not.toBeInTheDocument();
    await targets.fill('127.0.0.1, 10.0.0.3');
    await expect.element(targets).not.toHaveAttribute('aria-invalid');
    await expect.element(hint).toBeVisible();
  });

  it('shows how many addresses and probes the scan makes as you type', async () => {
    const screen = await render(<NewScanView />);
    await screen.getByLabelText('Targets').fill('10.0.0.0/30');
    await expect
      .element(screen.getByTestId('estimate'))
      .toHaveTextContent(/4 addresses × 100 ports = 400 probes/);
    await screen.getByText('All 65,535').click();
    await expect.element(screen.getByTestId('estimate')).toHaveTextContent(/262,140 probes/);
  });

  it('checks custom ports and the advanced numbers with the shared messages', async () => {
    const screen = await render(<NewScanView />);
    await screen.getByLabelText('Targets').fill('127.0.0.1');
    await screen.getByText('Custom', { exact: true }).click();
    await screen.getByLabelText('Custom ports').fill('22,70000');
    await screen.getByText('Advanced').click();
    await screen.getByLabelText('Retries').fill('99');
    await screen.getByRole('button', { name: 'Start scan' }).click();
    await expect.element(screen.getByText('"70000" is not a port (1-65535)')).toBeVisible();
    await expect.element(screen.getByText('must be at most 10')).toBeVisible();
  });

  it('asks before a scan of more than a million probes and can go back', async () => {
    const screen = await render(<NewScanView />);
    await screen.getByLabelText('Targets').fill('10.0.0.0/8');
    await screen.getByRole('button', { name: 'Start scan' }).click();
    const dialog = screen.getByRole('dialog');
    await expect.element(dialog).toHaveTextContent(/Start a scan of 1,677,721,600 probes\?/);
    await screen.getByRole('button', { name: 'Go back' }).click();
    await expect.element(screen.getByRole('dialog')).not.toBeInTheDocument();
  });
});
