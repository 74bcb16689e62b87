import { useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { isPortholeError } from '../../../../shared/errors';
import { resolveTiming } from '../../../../shared/timing';
import { useStore } from '../../store';
import { messageOf } from '../../store/app-slice';
import { FieldMessage } from '../../ui/FieldMessage';
import { useDebounced } from '../../ui/useDebounced';
import { formatCount, formatDuration, plural } from '../../ui/format';
import { ConfirmLargeScan } from './ConfirmLargeScan';
import { ProfileBar } from './ProfileBar';
import { CONFIRM_ABOVE_PROBES, estimateScan, type ScanEstimate } from './estimate';
import {
  checkForm,
  FORM_TIMINGS,
  type FieldErrors,
  type FormField,
  type PortsPreset,
  type ScanForm,
} from './scan-form';
import { TIMING_LABELS, timingDetail } from './timing-choices';

const PRESET_LABELS: Record<PortsPreset, string> = {
  top100: 'Top 100',
  top1000: 'Top 1,000',
  all: 'All 65,535',
  custom: 'Custom',
};

export function NewScanView() {
  const form = useStore((s) => s.form);
  const setForm = useStore((s) => s.setForm);
  const startScan = useStore((s) => s.startScan);
  const navigate = useStore((s) => s.navigate);
  const checked = useMemo(() => checkForm(form), [form]);
  const estimate = useMemo(
    () => (checked.request ? estimateScan(checked.request) : null),
    [checked.request],
  );
  // Messages show once a field was touched or a start was tried, not while the form is blank.
  const [touched, setTouched] = useState<Partial<Record<FormField, boolean>>>({});
  const [tried, setTried] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [starting, setStarting] = useState(false);

  // A field's message shows once it was left, once typing paused, or once a start was tried.
  const settled = useDebounced(form, 600);
  const errorOf = (field: FormField): string | undefined =>
    serverErrors[field] ??
    (tried || touched[field] || (form[field] !== '' && settled[field] === form[field])
      ? checked.errors[field]
      : undefined);
  const edit = (patch: Partial<ScanForm>) => {
    setServerErrors({});
    setFormError(null);
    setForm(patch);
  };
  // Leaving a field still blank says nothing (focus also leaves when the window goes inert or
  // loses the connection); Start does.
  const touch = (field: FormField) => {
    if (form[field] !== '') setTouched((t) => ({ ...t, [field]: true }));
  };

  async function start() {
    setConfirming(false);
    if (!checked.request || starting) return;
    setStarting(true);
    try {
      const scanId = await startScan(checked.request);
      navigate({ view: 'scan', scanId, tab: 'overview' });
    } catch (error) {
      if (isPortholeError(error) && error.kind === 'input' && error.field) {
        const field = error.field === 'ports' ? 'customPorts' : (error.field as FormField);
        setServerErrors({ [field]: error.message.replace(/^[\w.]+: /, '') });
      } else setFormError(messageOf(error));
    } finally {
      setStarting(false);
    }
  }

  function submit(event?: FormEvent) {
    event?.preventDefault();
    setTried(true);
    if (!checked.request || !estimate) return;
    if (estimate.probes > CONFIRM_ABOVE_PROBES) setConfirming(true);
    else void start();
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
  };

  return (
    <form
      className="new-scan"
      aria-labelledby="new-scan-title"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      noValidate
    >
      <h2 id="new-scan-title" className="view-title">
        New scan
      </h2>
      <ProfileBar request={checked.request} />

      <div className="field">
        <label htmlFor="targets">Targets</label>
        <textarea
          id="targets"
          className="mono"
          rows={4}
          spellCheck={false}
          autoFocus
          placeholder={'192.168.1.0/24\nrouter.lan, 10.0.0.5-20\n2001:db8::1'}
          value={form.targets}
          aria-invalid={errorOf('targets') ? true : undefined}
          aria-describedby="targets-message"
          onChange={(e) => edit({ targets: e.target.value })}
          onBlur={() => touch('targets')}
        />
        <FieldMessage
          id="targets-message"
          hint="Addresses, ranges, CIDR blocks or hostnames, one per line or separated by commas."
          error={errorOf('targets')}
        />
      </div>

      <fieldset className="field">
        <legend>Ports</legend>
        <div className="segmented">
          {(Object.keys(PRESET_LABELS) as PortsPreset[]).map((preset) => (
            <label key={preset} className={form.portsPreset === preset ? 'selected' : ''}>
              <input
                type="radio"
                name="ports-preset"
                value={preset}
                checked={form.portsPreset === preset}
                onChange={() => edit({ portsPreset: preset })}
              />
              {PRESET_LABELS[preset]}
            </label>
          ))}
        </div>
        {form.portsPreset === 'custom' && (
          <>
            <label htmlFor="custom-ports" className="sub-label">
              Custom ports
            </label>
            <input
              id="custom-ports"
              className="mono"
              spellCheck={false}
              placeholder="22,80,443,8000-8100,ssh"
              value={form.customPorts}
              aria-invalid={errorOf('customPorts') ? true : undefined}
              aria-describedby="custom-ports-message"
              onChange={(e) => edit({ customPorts: e.target.value })}
              onBlur={() => touch('customPorts')}
            />
            <FieldMessage
              id="custom-ports-message"
              hint="Ports, ranges and service names: 22,80,443,8000-8100,ssh. 1-65535 is every port."
              error={errorOf('customPorts')}
            />
          </>
        )}
      </fieldset>

      <fieldset className="field">
        <legend>Timing</legend>
        <div className="timing-choices">
          {[...FORM_TIMINGS, ...(FORM_TIMINGS.includes(form.timing as 2) ? [] : [form.timing])].map(
            (timing) => (
              <label key={timing} className={form.timing === timing ? 'selected' : ''}>
                <input
                  type="radio"
                  name="timing"
                  value={timing}
                  checked={form.timing === timing}
                  onChange={() => edit({ timing })}
                />
                <span className="timing-name">
                  {TIMING_LABELS[timing]} <span className="muted">T{timing}</span>
                </span>
                <span className="timing-detail">{timingDetail(timing)}</span>
              </label>
            ),
          )}
        </div>
      </fieldset>

      <div className="field">
        <label htmlFor="scan-name">
          Name <span className="muted">(optional)</span>
        </label>
        <input
          id="scan-name"
          placeholder="Weekly check of the lab"
          value={form.name}
          maxLength={200}
          aria-invalid={errorOf('name') ? true : undefined}
          aria-describedby="scan-name-message"
          onChange={(e) => edit({ name: e.target.value })}
        />
        <FieldMessage
          id="scan-name-message"
          hint="Shown in the history instead of the targets."
          error={errorOf('name')}
        />
      </div>

      <AdvancedFields form={form} edit={edit} errorOf={errorOf} touch={touch} />

      <div className="form-footer">
        <EstimateLine estimate={estimate} />
        {formError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
        <button type="submit" className="primary" disabled={starting}>
          {starting ? 'Starting…' : 'Start scan'}
        </button>
        <span className="hint keys">Ctrl+Enter</span>
      </div>

      {confirming && estimate && (
        <ConfirmLargeScan
          estimate={estimate}
          timingLabel={`${TIMING_LABELS[form.timing]} (T${form.timing})`}
          onConfirm={() => void start()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </form>
  );
}

function EstimateLine({ estimate }: { estimate: ScanEstimate | null }) {
  if (!estimate) return <p className="estimate muted">Type targets to see how big the scan is.</p>;
  const hosts =
    estimate.hostnames > 0
      ? `${plural(estimate.addresses, 'address', 'addresses')} + ${plural(estimate.hostnames, 'hostname')}`
      : plural(estimate.addresses, 'address', 'addresses');
  return (
    <p className="estimate" data-testid="estimate" aria-live="polite">
      <strong>{hosts}</strong> × <strong>{plural(estimate.ports, 'port')}</strong> ={' '}
      <strong>{plural(estimate.probes, 'probe')}</strong>
      <span className="muted">
        {' '}
        · about {formatDuration(estimate.durationMs.fast)}
        {estimate.durationMs.slow > estimate.durationMs.fast * 1.5 &&
          `, up to ${formatDuration(estimate.durationMs.slow)} if nothing answers`}
      </span>
    </p>
  );
}

interface AdvancedProps {
  form: ScanForm;
  edit(patch: Partial<ScanForm>): void;
  errorOf(field: FormField): string | undefined;
  touch(field: FormField): void;
}

function AdvancedFields({ form, edit, errorOf, touch }: AdvancedProps) {
  const knobs = resolveTiming({ timing: form.timing });
  const number = (
    field: 'concurrency' | 'timeoutMs' | 'retries' | 'rate',
    label: string,
    templateValue: string,
  ) => (
    <div className="field compact">
      <label htmlFor={`adv-${field}`}>{label}</label>
      <input
        id={`adv-${field}`}
        inputMode="numeric"
        placeholder={templateValue}
        value={form[field]}
        aria-invalid={errorOf(field) ? true : undefined}
        aria-describedby={`adv-${field}-message`}
        onChange={(e) => edit({ [field]: e.target.value })}
        onBlur={() => touch(field)}
      />
      <FieldMessage
        id={`adv-${field}-message`}
        hint={`Empty: ${templateValue}, from the timing.`}
        error={errorOf(field)}
      />
    </div>
  );
  return (
    <details className="advanced">
      <summary>Advanced</summary>
      <div className="field">
        <label htmlFor="exclude">Exclude</label>
        <input
          id="exclude"
          className="mono"
          spellCheck={false}
          placeholder="10.0.0.1, 10.0.0.250-254"
          value={form.exclude}
          aria-invalid={errorOf('exclude') ? true : undefined}
          aria-describedby="exclude-message"
          onChange={(e) => edit({ exclude: e.target.value })}
          onBlur={() => touch('exclude')}
        />
        <FieldMessage
          id="exclude-message"
          hint="Never probed, whatever the targets say."
          error={errorOf('exclude')}
        />
      </div>
      <div className="advanced-grid">
        {number('concurrency', 'Concurrency', formatCount(knobs.concurrency))}
        {number('timeoutMs', 'Timeout (ms)', formatCount(knobs.timeoutMs))}
        {number('retries', 'Retries', String(knobs.retries))}
        {number('rate', 'Rate (probes/s)', knobs.rate === null ? 'unlimited' : String(knobs.rate))}
      </div>
      <div className="checks">
        <label>
          <input
            type="checkbox"
            checked={form.banners}
            onChange={(e) => edit({ banners: e.target.checked })}
          />
          Grab banners from open ports
        </label>
        <label>
          <input
            type="checkbox"
            checked={form.randomOrder}
            onChange={(e) => edit({ randomOrder: e.target.checked })}
          />
          Probe ports in random order
        </label>
      </div>
    </details>
  );
}
