import { InputError } from '../../../../shared/errors';
import { parsePorts, portsOfRequest } from '../../../../shared/ports';
import { ScanRequestSchema, type ScanRequestInput } from '../../../../shared/scan-request';
import { parseTargets } from '../../../../shared/targets';

export const PORT_PRESETS = ['top100', 'top1000', 'all', 'custom'] as const;
export type PortsPreset = (typeof PORT_PRESETS)[number];

/**
 * T2..T5: the templates the window offers (T0/T1 wait minutes between probes). A request from
 * the CLI with T0/T1 keeps its template when it fills the form again.
 */
export const FORM_TIMINGS = [2, 3, 4, 5] as const;
export type FormTiming = 0 | 1 | 2 | 3 | 4 | 5;

/** The new-scan form as typed: numbers stay text until they are checked. */
export interface ScanForm {
  targets: string;
  exclude: string;
  portsPreset: PortsPreset;
  customPorts: string;
  timing: FormTiming;
  /** Empty means "the timing template's value". */
  concurrency: string;
  timeoutMs: string;
  retries: string;
  rate: string;
  banners: boolean;
  randomOrder: boolean;
  name: string;
}

export const EMPTY_FORM: ScanForm = {
  targets: '',
  exclude: '',
  portsPreset: 'top100',
  customPorts: '',
  timing: 3,
  concurrency: '',
  timeoutMs: '',
  retries: '',
  rate: '',
  banners: false,
  randomOrder: false,
  name: '',
};

export type FormField = Exclude<keyof ScanForm, 'portsPreset' | 'banners' | 'randomOrder'>;
export type FieldErrors = Partial<Record<FormField, string>>;

export interface CheckedForm {
  /** The request to send; null while any field is wrong. */
  request: ScanRequestInput | null;
  errors: FieldErrors;
}

const NUMBER_FIELDS = ['concurrency', 'timeoutMs', 'retries', 'rate'] as const;

/**
 * Checks the form with the shared parsers and the shared request schema, the same ones the CLI
 * and main use, so the window says exactly what main would say, before anything is sent.
 */
export function checkForm(form: ScanForm): CheckedForm {
  const errors: FieldErrors = {};
  const problem = (field: FormField, check: () => unknown) => {
    try {
      check();
    } catch (error) {
      errors[field] = error instanceof InputError ? error.detail : String(error);
    }
  };
  if (form.targets.trim() === '') errors.targets = 'give at least one target';
  else problem('targets', () => parseTargets(form.targets, 'targets'));
  if (form.exclude.trim() !== '') problem('exclude', () => parseTargets(form.exclude, 'exclude'));
  if (form.portsPreset === 'custom') {
    if (form.customPorts.trim() === '') errors.customPorts = 'give at least one port';
    else problem('customPorts', () => parsePorts(form.customPorts));
  }
  const numbers: Partial<Record<(typeof NUMBER_FIELDS)[number], number>> = {};
  for (const field of NUMBER_FIELDS) {
    const text = form[field].trim();
    if (text === '') continue;
    const value = Number(text);
    if (!Number.isFinite(value)) errors[field] = 'must be a number';
    else numbers[field] = value;
  }
  const request: ScanRequestInput = {
    targets: form.targets,
    ...(form.exclude.trim() ? { exclude: form.exclude } : {}),
    ...portsOfForm(form),
    timing: form.timing,
    ...numbers,
    banners: form.banners,
    order: form.randomOrder ? 'random' : 'sequential',
    ...(form.name.trim() ? { name: form.name } : {}),
  };
  const parsed = ScanRequestSchema.safeParse(request);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = formFieldOf(String(issue.path[0] ?? ''));
      if (field && errors[field] === undefined) errors[field] = issue.message;
    }
  }
  return { request: Object.keys(errors).length === 0 ? request : null, errors };
}

function portsOfForm(form: ScanForm): Pick<ScanRequestInput, 'ports' | 'topPorts'> {
  switch (form.portsPreset) {
    case 'top100':
      return { topPorts: 100 };
    case 'top1000':
      return { topPorts: 1000 };
    case 'all':
      return { ports: '-' };
    case 'custom':
      return { ports: form.customPorts };
  }
}

/** The request field a schema issue names, as the form calls it. */
function formFieldOf(path: string): FormField | null {
  if (path === 'ports') return 'customPorts';
  const fields: readonly string[] = ['targets', 'exclude', 'name', ...NUMBER_FIELDS];
  return fields.includes(path) ? (path as FormField) : null;
}

/** The form that would send `request` again (Scan again, profiles). */
export function formOfRequest(request: ScanRequestInput): ScanForm {
  const preset: PortsPreset =
    request.ports === '-' || request.ports === '1-65535'
      ? 'all'
      : request.ports !== undefined
        ? 'custom'
        : request.topPorts === 100
          ? 'top100'
          : request.topPorts === 1000 || request.topPorts === undefined
            ? 'top1000'
            : 'custom';
  const timing = (request.timing ?? 3) as FormTiming;
  const text = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    targets: request.targets,
    exclude: request.exclude ?? '',
    portsPreset: preset,
    // A top-N the presets do not offer becomes its explicit list, so the form scans the same ports.
    customPorts:
      preset === 'custom' ? (request.ports ?? Array.from(portsOfRequest(request)).join(',')) : '',
    timing,
    concurrency: text(request.concurrency),
    timeoutMs: text(request.timeoutMs),
    retries: text(request.retries),
    rate: text(request.rate),
    banners: request.banners ?? false,
    randomOrder: request.order === 'random',
    name: request.name ?? '',
  };
}
