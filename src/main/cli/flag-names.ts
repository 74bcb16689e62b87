/** ScanRequest fields as the command line spells them, so an error names the flag the person typed. */
const FLAGS: Record<string, string> = {
  targets: 'target',
  exclude: '--exclude',
  ports: '-p',
  topPorts: '--top-ports',
  timing: '-T',
  concurrency: '--concurrency',
  timeoutMs: '--timeout',
  retries: '--retries',
  rate: '--rate',
  name: '--name',
};

export const flagFor = (field: string): string => FLAGS[field] ?? field;
