import { readdirSync, readFileSync } from 'node:fs';

/**
 * The live processes of process group `pgid` (Linux: /proc). Zombies are left out: one that
 * lost its parent waits to be reaped by init, which in a container may never come.
 */
export function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so read after the last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') members.push(Number(name));
  }
  return members;
}

const signalGroup = (pgid: number, signal: NodeJS.Signals) => {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is gone already.
  }
};

async function emptied(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (groupMembers(pgid).length > 0) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/**
 * Ends every process of group `pgid` (a child spawned detached leads one, and what it starts
 * joins it): SIGTERM, so each can clean up; SIGKILL for whatever is left after `graceMs`. Returns
 * once none is left. Called on every path of a test, passed or failed: a leader that already
 * exited may have left its children behind.
 */
export async function stopProcessGroup(pgid: number, graceMs = 10_000): Promise<void> {
  if (groupMembers(pgid).length === 0) return;
  signalGroup(pgid, 'SIGTERM');
  if (await emptied(pgid, graceMs)) return;
  signalGroup(pgid, 'SIGKILL');
  if (!(await emptied(pgid, 10_000))) {
    throw new Error(`process group ${pgid} outlived SIGKILL: ${groupMembers(pgid).join(', ')}`);
  }
}
