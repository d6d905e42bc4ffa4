// What the benchmarks share: the machine they ran on, a process's memory, GTINs.

import { readFileSync } from 'node:fs';

/** Cores, CPU model and memory of this machine, from /proc. */
export function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = cpuinfo.match(/^model name\s*:\s*(.*)$/m)?.[1] ?? 'unknown CPU';
  const cores = cpuinfo.match(/^processor\s*:/gm).length;
  const kib = Number(readFileSync('/proc/meminfo', 'utf8').match(/^MemTotal:\s+(\d+)/m)[1]);
  return `${cores} × ${model}, ${Math.round(kib / 1024 / 1024)} GiB`;
}

/** Resident memory of process `pid` now (`VmRSS`) and at its peak (`VmHWM`), in MiB. */
export function memoryMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm'))[1]) / 1024;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

/** The GTIN-14 of 13 digits and their GS1 mod-10 check digit. */
export function withCheckDigit(body) {
  // From the right, digits weigh 3, 1, 3, ...
  const sum = [...body].reverse().reduce((s, d, i) => s + Number(d) * (i % 2 ? 1 : 3), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}
