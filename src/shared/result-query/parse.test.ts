import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { formatResultQuery } from './format';
import { parseResultQuery } from './parse';

const detail = (query: string): string => {
  try {
    parseResultQuery(query);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe('query');
    return (error as InputError).detail;
  }
  throw new Error(`"${query}" parsed without an error`);
};

describe('parseResultQuery', () => {
  it('reads every filter of the example in one query', () => {
    expect(parseResultQuery('open port:80,443 service:http host:10.0.0.* banner:nginx')).toEqual({
      state: 'open',
      port: [80, 443],
      service: 'http',
      host: '10.0.0.*',
      banner: 'nginx',
    });
    expect(parseResultQuery('')).toEqual({});
    expect(parseResultQuery('   \n\t ')).toEqual({});
  });

  it('takes states as bare words or state:, without case, once each in their usual order', () => {
    expect(parseResultQuery('filtered OPEN')).toEqual({ state: ['open', 'filtered'] });
    expect(parseResultQuery('state:error,Closed state:open open')).toEqual({
      state: ['open', 'closed', 'error'],
    });
  });

  it('takes ports, ranges, open-ended ranges and service names, merged into ranges', () => {
    expect(parseResultQuery('port:8000-8100')).toEqual({ port: { from: 8000, to: 8100 } });
    expect(parseResultQuery('port:http,ssh')).toEqual({ port: [22, 80] });
    expect(parseResultQuery('port:-1024')).toEqual({ port: { from: 1, to: 1024 } });
    expect(parseResultQuery('port:60000-')).toEqual({ port: { from: 60000, to: 65535 } });
    expect(parseResultQuery('port:-')).toEqual({ port: { from: 1, to: 65535 } });
    // Two port: terms are one list; touching and overlapping entries merge.
    expect(parseResultQuery('port:80,81 port:82,1-10,5')).toEqual({
      port: [
        { from: 1, to: 10 },
        { from: 80, to: 82 },
      ],
    });
    // A trailing comma while typing is no mistake.
    expect(parseResultQuery('port:22,')).toEqual({ port: 22 });
  });

  it('takes hosts as addresses, names, patterns, CIDR blocks and ranges', () => {
    expect(
      parseResultQuery('host:10.0.0.1,db.lan,*.lan,10.0.0.0/24,fd00::/64,10.0.0.1-20,::1'),
    ).toEqual({
      host: ['10.0.0.1', 'db.lan', '*.lan', '10.0.0.0/24', 'fd00::/64', '10.0.0.1-20', '::1'],
    });
    expect(parseResultQuery('host:a.lan host:b.lan host:a.lan')).toEqual({
      host: ['a.lan', 'b.lan'],
    });
  });

  it('takes services with wildcards, once each whatever their case', () => {
    expect(parseResultQuery('service:http*,SSH service:ssh')).toEqual({
      service: ['http*', 'SSH'],
    });
    expect(parseResultQuery('service:"ms wbt",x')).toEqual({ service: ['ms wbt', 'x'] });
  });

  it('takes quoted values and free text', () => {
    expect(parseResultQuery('banner:"Apache httpd" login  page')).toEqual({
      banner: 'Apache httpd',
      text: 'login page',
    });
    // Commas are part of a banner; quotes keep spaces, and \" is a quote inside them.
    expect(parseResultQuery('banner:a,b')).toEqual({ banner: 'a,b' });
    expect(parseResultQuery('banner:"say \\"hi\\" \\\\ok"')).toEqual({ banner: 'say "hi" \\ok' });
    // Quoted words are text even when they look like states or filters.
    expect(parseResultQuery('"open" "port:80" Server":"')).toEqual({
      text: 'open port:80 Server:',
    });
    // An IPv6 address is text, not an unknown filter.
    expect(parseResultQuery('abcd::1 fe80::1')).toEqual({ text: 'abcd::1 fe80::1' });
    expect(parseResultQuery('a\\b 100%_done')).toEqual({ text: 'a\\b 100%_done' });
  });

  it('takes keys without case', () => {
    expect(parseResultQuery('PORT:22 Host:x.lan SERVICE:ssh Banner:x State:open')).toEqual({
      port: 22,
      host: 'x.lan',
      service: 'ssh',
      banner: 'x',
      state: 'open',
    });
  });

  it('names the token at fault and says what would be right', () => {
    expect(detail('open foo:bar')).toBe(
      'unknown filter "foo:" (use state, port, host, service or banner)',
    );
    expect(detail('port:70000')).toBe('port: "70000" is not a port (1-65535)');
    expect(detail('port:90-80')).toBe('port: "90-80" ends before it starts');
    expect(detail('port:nosuchservice')).toBe(
      'port: "nosuchservice" is not a port or a service name',
    );
    expect(detail('port:')).toBe('port: give a value, like port:80,443,8000-8100');
    expect(detail('port:,')).toBe('port: give a value, like port:80,443,8000-8100');
    expect(detail('state:opne')).toBe(
      'state: "opne" is not a state (use open, closed, filtered or error)',
    );
    expect(detail('state:')).toBe('state: give a value, like state:open,filtered');
    expect(detail('host:10.0.0.300')).toBe('host: "10.0.0.300" is not an IPv4 address');
    expect(detail('host:10.0.0.0/33')).toBe('host: "10.0.0.0/33" has a prefix longer than /32');
    expect(detail('host:10.0.0/24')).toBe(
      'host: "10.0.0/24" is not a CIDR block (like 10.0.0.0/24 or fd00::/64)',
    );
    expect(detail('host:10.0.0.0/x')).toBe(
      'host: "10.0.0.0/x" has no valid prefix length after "/"',
    );
    expect(detail('host:bad_name!')).toBe(
      'host: "bad_name!" is not an IP address, range, CIDR block or hostname',
    );
    expect(detail('host:""')).toBe('host: give a host, like host:10.0.0.* or host:10.0.0.0/24');
    expect(detail('service:" "')).toBe('service: give a name, like service:http*');
    expect(detail('banner:')).toBe(
      'banner: give the text to look for, like banner:nginx or banner:"Apache httpd"',
    );
    expect(detail('banner:a banner:b')).toBe(
      'banner: give it once ("banner:b" is a second one); quote text with spaces, like banner:"Apache httpd"',
    );
    expect(detail('x banner:"Apache httpd')).toBe(
      'unclosed quote in banner:"Apache httpd (close it with ")',
    );
    expect(detail('"open')).toBe('unclosed quote in "open (close it with ")');
  });

  it('applies the contract limits with messages about the query', () => {
    const hosts = Array.from({ length: 51 }, (_, i) => `10.0.0.${i}`).join(',');
    expect(detail(`host:${hosts}`)).toBe('host: give at most 50 hosts');
    const ports = Array.from({ length: 101 }, (_, i) => 2 * i + 1).join(',');
    expect(detail(`port:${ports}`)).toBe('port: give at most 100 ports or ranges');
    expect(detail(`banner:${'x'.repeat(501)}`)).toBe('banner: must be at most 500 characters');
    expect(detail('y '.repeat(300))).toBe('text: must be at most 500 characters');
  });
});

describe('formatResultQuery', () => {
  it('writes the canonical query', () => {
    expect(
      formatResultQuery({
        host: ['10.0.0.*', '10.0.0.0/24'],
        banner: 'Apache httpd',
        state: ['filtered', 'open'],
        port: [443, { from: 80, to: 80 }, { from: 8000, to: 8100 }],
        service: 'http*',
        text: '  login   open ',
      }),
    ).toBe(
      'open filtered port:80,443,8000-8100 service:http* host:10.0.0.*,10.0.0.0/24 banner:"Apache httpd" login "open"',
    );
    expect(formatResultQuery({})).toBe('');
    expect(formatResultQuery({ banner: '', text: ' ' })).toBe('');
  });

  it('quotes what would otherwise read differently', () => {
    expect(formatResultQuery({ service: ['ms wbt', 'a,b', 'say "x"'] })).toBe(
      'service:"ms wbt","a,b","say \\"x\\""',
    );
    expect(formatResultQuery({ text: 'error host:x abcd::1 a\\b "q"' })).toBe(
      '"error" "host:x" "abcd::1" a\\b "\\"q\\""',
    );
    expect(formatResultQuery({ banner: 'a,b' })).toBe('banner:a,b');
    expect(formatResultQuery({ banner: ' x\\"' })).toBe('banner:" x\\\\\\""');
  });

  it('lets a filter control edit the query: change the filter, write it again', () => {
    const filter = parseResultQuery('open port:22 nginx');
    const edited = formatResultQuery({ ...filter, state: ['open', 'filtered'], port: 80 });
    expect(edited).toBe('open filtered port:80 nginx');
    expect(parseResultQuery(edited)).toEqual({
      state: ['open', 'filtered'],
      port: 80,
      text: 'nginx',
    });
  });
});
