import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { userEvent } from 'vitest/browser';
import type { ResultFilterInput } from '../../../../shared/history';
import { formatResultQuery } from '../../../../shared/result-query';
import { FilterBar } from './FilterBar';

describe('FilterBar', () => {
  it('turns states on and off, and writes host, port and service lists back as a query', async () => {
    const changes: ResultFilterInput[] = [];
    const screen = await render(
      <FilterBar filter={{ state: 'open' }} counts={undefined} onChange={(f) => changes.push(f)} />,
    );
    await expect
      .element(screen.getByRole('button', { name: /open/ }))
      .toHaveAttribute('aria-pressed', 'true');
    await expect
      .element(screen.getByRole('button', { name: /closed/ }))
      .toHaveAttribute('aria-pressed', 'false');
    await screen.getByRole('button', { name: /filtered/ }).click();
    expect(changes.at(-1)).toEqual({ state: ['open', 'filtered'] });
    await screen.getByLabelText('Ports').fill('80, 8000-8100');
    await userEvent.keyboard('{Enter}');
    expect(formatResultQuery(changes.at(-1)!)).toBe('open port:80,8000-8100');
  });

  it('says what is wrong with a port list and changes nothing', async () => {
    const changes: ResultFilterInput[] = [];
    const screen = await render(
      <FilterBar filter={{}} counts={undefined} onChange={(f) => changes.push(f)} />,
    );
    await screen.getByLabelText('Ports').fill('80-70000');
    await userEvent.keyboard('{Enter}');
    await expect
      .element(screen.getByRole('alert'))
      .toHaveTextContent('"70000" in "80-70000" is not a port (1-65535)');
    expect(changes).toEqual([]);
  });

  it('keeps its focus through Enter, and takes a filter changed elsewhere as its new draft', async () => {
    function Harness() {
      const [filter, setFilter] = useState<ResultFilterInput>({});
      return (
        <>
          <button type="button" onClick={() => setFilter({ port: 22 })}>
            From the query box
          </button>
          <FilterBar filter={filter} counts={undefined} onChange={setFilter} />
        </>
      );
    }
    const screen = await render(<Harness />);
    const ports = screen.getByLabelText('Ports');
    await ports.fill('80,443');
    await userEvent.keyboard('{Enter}');
    await expect.element(ports).toHaveFocus();
    // Applied, and shown as the filter now reads it.
    await expect.element(ports).toHaveValue('80, 443');
    await userEvent.keyboard(',8080');
    await expect.element(ports).toHaveValue('80, 443,8080');
    await userEvent.keyboard('{Enter}');
    await expect.element(ports).toHaveFocus();
    await expect.element(ports).toHaveValue('80, 443, 8080');
    await screen.getByRole('button', { name: 'From the query box' }).click();
    await expect.element(ports).toHaveValue('22');
  });
});
