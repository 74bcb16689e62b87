import { z } from 'zod/mini';
import type { PortResult, StateCounts } from './domain';
import { PageSchema, ResultFilterSchema, ScanIdSchema } from './history';
import type { HostPortRuns } from './port-map';
import { wholeIn } from './validate';

/**
 * The results explorer's grouped views (by host, by service) and the stored port map: the queries
 * a front end sends and what the store answers. Every input is validated in main with these schemas.
 */

/** At most this many matching ports come with each host of a host page. */
export const HOST_PORTS_SHOWN = 200;
/**
 * A host's round-trip figures come from at most this many of its answered ports: a median over
 * all 65,535 would read every row of every host on the page.
 */
export const HOST_RTT_SAMPLE = 1000;

export const HostPageQuerySchema = z.strictObject({
  scanId: ScanIdSchema,
  filter: z._default(ResultFilterSchema, {}),
  page: z._default(PageSchema, { offset: 0, limit: 100 }),
});
export type HostPageQueryInput = z.input<typeof HostPageQuerySchema>;

/** One host of a scan, as the by-host view and the host panel show it. */
export interface HostSummary {
  host: string;
  hostname: string | null;
  /** Every stored port of this host by state, whatever the filter ("65,530 closed ports not shown"). */
  counts: StateCounts;
  /** The host's ports that match the filter, ascending, at most HOST_PORTS_SHOWN of them. */
  ports: PortResult[];
  /** How many of its ports match the filter (more than `ports.length` when cut). */
  matching: number;
  /**
   * Fastest and median round trip of its answered ports, in microseconds, over at most
   * HOST_RTT_SAMPLE of them (the lowest ports); `sampled` says how many. Null when none answered.
   */
  rttUs: { min: number; median: number; sampled: number } | null;
}

export interface HostPage {
  /** Hosts with at least one port matching the filter, in address order. */
  hosts: HostSummary[];
  total: number;
}

/** At most this many services per answer, and this many example ports per service. */
export const SERVICES_SHOWN = 500;
export const SERVICE_SAMPLE = 50;

export const ServiceListQuerySchema = z.strictObject({
  scanId: ScanIdSchema,
  filter: z._default(ResultFilterSchema, {}),
});
export type ServiceListQueryInput = z.input<typeof ServiceListQuerySchema>;

/** One service across a scan's hosts: "who runs HTTP?". */
export interface ServiceSummary {
  /** null: ports with no known service name. */
  service: string | null;
  /** Matching ports with this service, all hosts together. */
  ports: number;
  hosts: number;
  /** Up to SERVICE_SAMPLE of those ports, in host then port order. */
  sample: Pick<PortResult, 'host' | 'hostname' | 'port' | 'state' | 'banner'>[];
}

export interface ServiceList {
  /** Most ports first. */
  services: ServiceSummary[];
  /** True when more than SERVICES_SHOWN services matched. */
  truncated: boolean;
}

export const PortMapQuerySchema = z.strictObject({
  scanId: ScanIdSchema,
  page: z._default(
    z.strictObject({
      offset: z._default(z.number().check(z.int(), z.nonnegative()), 0),
      limit: z._default(wholeIn(1, 256), 64),
    }),
    { offset: 0, limit: 64 },
  ),
});
export type PortMapQueryInput = z.input<typeof PortMapQuerySchema>;

/** The stored ports of a page of hosts, as runs by state: a port map for a scan opened later. */
export interface PortMapPage {
  hosts: HostPortRuns[];
  /** Hosts in the scan. */
  total: number;
}
