/**
 * What else ran on the machine while a group of series ran: the 1-minute
 * load average, sampled, and the processes that used the most CPU over the
 * group (from /proc, Linux only; empty elsewhere).
 */
import fs from 'node:fs';
import os from 'node:os';

export interface LoadSample {
  /** The 1-minute load average, mean and max over the group. */
  mean: number;
  max: number;
  /** The busiest processes over the group, in % of one core, e.g. `93% postgres: 15/main: ...`. */
  busiest?: string[];
}

const TICKS_PER_SECOND = 100;

function cpuTicks(): Map<number, { ticks: number; command: string }> {
  const out = new Map<number, { ticks: number; command: string }>();
  let pids: string[] = [];
  try {
    pids = fs.readdirSync('/proc').filter(p => /^\d+$/.test(p));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // the fields after the command, which is in parentheses and may hold spaces
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      const command = (cmdline || stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))).replace(/\/\S*\/(?=[^/\s]+)/g, '');
      out.set(Number(pid), { ticks, command: command.slice(0, 90) });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** Starts sampling; the function returned stops and summarises. */
export function loadSampler(): () => LoadSample {
  const started = Date.now();
  const before = cpuTicks();
  const values = [os.loadavg()[0]];
  const timer = setInterval(() => values.push(os.loadavg()[0]), 2000);
  return () => {
    clearInterval(timer);
    values.push(os.loadavg()[0]);
    const seconds = (Date.now() - started) / 1000;
    const busiest = [...cpuTicks()]
      .map(([pid, p]) => ({ ...p, share: (100 * (p.ticks - (before.get(pid)?.ticks ?? 0))) / TICKS_PER_SECOND / seconds }))
      .filter(p => p.share >= 5)
      .sort((a, b) => b.share - a.share)
      .slice(0, 6)
      .map(p => `${Math.round(p.share)}% ${p.command}`);
    const round = (v: number) => Math.round(v * 100) / 100;
    return { mean: round(values.reduce((a, b) => a + b, 0) / values.length), max: round(Math.max(...values)), busiest };
  };
}
