import type { ChildProcess } from 'node:child_process';

export interface HostOptions {
  addressLine?: RegExp;
  stdin?: 'ignore' | 'pipe';
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  onLine?: (line: string) => void;
  graceMs?: number;
}

export interface StartedHost {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export declare const LOOPBACK: ReadonlySet<string>;

export declare function startHost(nodeArgs: string[], options?: HostOptions): Promise<StartedHost>;
