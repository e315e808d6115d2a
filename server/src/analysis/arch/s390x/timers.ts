// The CPU timer and the clock comparator crash's s390x `bt` prints in a CPU's LOWCORE INFO
// (`-cpu timer: 0x1f400002797827d8`, `-clock cmp: 0xa82060de99dd4900`): counts in TOD-clock
// units, where bit 51 is one microsecond (z/Architecture Principles of Operation, "Timing"),
// not addresses, whatever their digits.
import type { StatusRegister } from '../types';

/** TOD-clock units in a microsecond: bit 51 of 64 (4096). */
const UNITS_PER_MICROSECOND = 4096n;

/** A span of TOD units in the largest unit that reads naturally. */
function span(units: bigint): string {
  const micro = units / UNITS_PER_MICROSECOND;
  if (micro < 1000n) return `${micro} µs`;
  const seconds = Number(micro) / 1e6;
  if (seconds < 1) return `${(seconds * 1000).toFixed(1)} ms`;
  if (seconds < 3600) return `${seconds.toFixed(1)} s`;
  if (seconds < 86400 * 2) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(0)} days`;
}

/** The CPU timer counts down and interrupts once negative (Linux's vtime accounting reads it). */
export const CPU_TIMER: StatusRegister = {
  title: 'CPU timer',
  holds: 'a signed count of TOD-clock units (bit 51 = 1 µs) that the CPU decrements',
  fields: (value) => {
    const signed = BigInt.asIntN(64, value);
    return signed < 0n
      ? [`negative (${span(-signed)} past zero): its CPU-timer interrupt is pending`]
      : [`${span(signed)} to go before its CPU-timer interrupt`];
  },
};

/** The clock comparator: the TOD-clock value at which the next clock-comparator interrupt is due. */
export const CLOCK_COMPARATOR: StatusRegister = {
  title: 'clock comparator',
  holds: 'a TOD-clock value (bit 51 = 1 µs): when the next clock-comparator (timer) interrupt is due',
  fields: (value) =>
    value === 0xffffffffffffffffn ? ['all ones: no clock-comparator interrupt is set'] : [`due at ${todDate(value)}`],
};

/** Milliseconds from the TOD epoch (1900-01-01 00:00 UTC) to the Unix epoch. */
const TOD_EPOCH_TO_UNIX_MS = 2208988800000;

/** A TOD-clock value as a UTC date to the second (a guest's clock may be anything). */
function todDate(value: bigint): string {
  const ms = Number(value / UNITS_PER_MICROSECOND / 1000n) - TOD_EPOCH_TO_UNIX_MS;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC on the TOD clock`;
}
