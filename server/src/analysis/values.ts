// What a raw 64-bit value says by itself: signed readings, errno, poison patterns.
import { hex16, toSigned32, toSigned64 } from './hex';

const ERRNO: Record<number, string> = {
  1: 'EPERM',
  2: 'ENOENT',
  3: 'ESRCH',
  4: 'EINTR',
  5: 'EIO',
  6: 'ENXIO',
  7: 'E2BIG',
  8: 'ENOEXEC',
  9: 'EBADF',
  10: 'ECHILD',
  11: 'EAGAIN',
  12: 'ENOMEM',
  13: 'EACCES',
  14: 'EFAULT',
  15: 'ENOTBLK',
  16: 'EBUSY',
  17: 'EEXIST',
  18: 'EXDEV',
  19: 'ENODEV',
  20: 'ENOTDIR',
  21: 'EISDIR',
  22: 'EINVAL',
  23: 'ENFILE',
  24: 'EMFILE',
  25: 'ENOTTY',
  26: 'ETXTBSY',
  27: 'EFBIG',
  28: 'ENOSPC',
  29: 'ESPIPE',
  30: 'EROFS',
  31: 'EMLINK',
  32: 'EPIPE',
  33: 'EDOM',
  34: 'ERANGE',
  35: 'EDEADLK',
  36: 'ENAMETOOLONG',
  37: 'ENOLCK',
  38: 'ENOSYS',
  39: 'ENOTEMPTY',
  40: 'ELOOP',
  42: 'ENOMSG',
  43: 'EIDRM',
  61: 'ENODATA',
  62: 'ETIME',
  71: 'EPROTO',
  74: 'EBADMSG',
  75: 'EOVERFLOW',
  84: 'EILSEQ',
  88: 'ENOTSOCK',
  90: 'EMSGSIZE',
  95: 'EOPNOTSUPP',
  97: 'EAFNOSUPPORT',
  98: 'EADDRINUSE',
  99: 'EADDRNOTAVAIL',
  100: 'ENETDOWN',
  101: 'ENETUNREACH',
  103: 'ECONNABORTED',
  104: 'ECONNRESET',
  105: 'ENOBUFS',
  106: 'EISCONN',
  107: 'ENOTCONN',
  110: 'ETIMEDOUT',
  111: 'ECONNREFUSED',
  113: 'EHOSTUNREACH',
  114: 'EALREADY',
  115: 'EINPROGRESS',
  116: 'ESTALE',
  121: 'EREMOTEIO',
  122: 'EDQUOT',
  125: 'ECANCELED',
  512: 'ERESTARTSYS',
  513: 'ERESTARTNOINTR',
  514: 'ERESTARTNOHAND',
  515: 'ENOIOCTLCMD',
  516: 'ERESTART_RESTARTBLOCK',
  517: 'EPROBE_DEFER',
  518: 'EOPENSTALE',
  521: 'EBADHANDLE',
  524: 'ENOTSUPP',
  526: 'EJUKEBOX',
  527: 'EIOCBQUEUED',
};

/** Values the kernel writes on purpose to catch misuse (include/linux/poison.h), by their 16-digit hex. */
interface Poison {
  test(hex: string): boolean;
  /** What a hover says about it. */
  fact: string;
  /** The address class label ("LIST_POISON1"). */
  label: string;
}

/**
 * Poison pointers: an offset plus the architecture's POISON_POINTER_DELTA
 * (CONFIG_ILLEGAL_POINTER_VALUE; ArchSpec.poisonPointerDelta). LIST_POISON1 was 0x00100100 (with
 * the delta from 2.6.27), then 0x100; LIST_POISON2 0x00200200, then 0x200, now 0x122.
 */
interface PointerPoison {
  offsets: readonly bigint[];
  fact: string;
  label: string;
}

const POINTER_POISONS: readonly PointerPoison[] = [
  {
    offsets: [0x100n, 0x100100n],
    fact: 'LIST_POISON1 (list_del() entry: a freed or deleted list node)',
    label: 'LIST_POISON1',
  },
  {
    offsets: [0x122n, 0x200n, 0x200200n],
    fact: 'LIST_POISON2 (list_del() entry: a freed or deleted list node)',
    label: 'LIST_POISON2',
  },
  { offsets: [0x400n], fact: 'page->mapping poison (TAIL_MAPPING)', label: 'TAIL_MAPPING poison' },
];

/** Without a delta the offsets below this are plain small numbers (256, 0x122); 0x00100100 still stands out. */
const UNDELTA_POISON_FROM = 0x10000n;
const LARGEST_POINTER_POISON = 0x200200n;

function pointerPoison(value: bigint, deltas: readonly bigint[], withoutDelta: boolean): PointerPoison | undefined {
  for (const delta of deltas) {
    if (delta === 0n && !withoutDelta) continue;
    const offset = value - delta;
    if (offset < (delta === 0n ? UNDELTA_POISON_FROM : 0n) || offset > LARGEST_POINTER_POISON) continue;
    const poison = POINTER_POISONS.find((p) => p.offsets.includes(offset));
    if (poison) return poison;
  }
  return undefined;
}

const is =
  (...values: string[]) =>
  (hex: string) =>
    values.includes(hex);
const repeats = (pattern: RegExp) => (hex: string) => pattern.test(hex);

const PATTERN_POISONS: readonly Poison[] = [
  { test: repeats(/^(6b)+$/), fact: 'slab poison POISON_FREE 0x6b: use after free', label: 'slab poison (freed object)' },
  {
    test: repeats(/^(6b)+a5$/),
    fact: 'slab poison 0x6b…0xa5: end of a freed object',
    label: 'slab poison (end of a freed object)',
  },
  {
    test: repeats(/^(5a)+$/),
    fact: 'slab poison POISON_INUSE 0x5a: allocated but never initialised',
    label: 'slab poison (uninitialised object)',
  },
  { test: repeats(/^(bb)+$/), fact: 'slab redzone 0xbb (SLUB_RED_INACTIVE)', label: 'slab redzone (inactive)' },
  { test: repeats(/^(cc)+$/), fact: 'slab redzone 0xcc (SLUB_RED_ACTIVE)', label: 'slab redzone (active)' },
  { test: repeats(/^(aa)+$/), fact: 'page poison 0xaa (PAGE_POISON: freed page)', label: 'page poison' },
  { test: is('ffffffffffff4111'), fact: 'stack-leak poison (STACKLEAK_POISON: unused stack)', label: 'stack-leak poison' },
  { test: is('9d9d9d9d9d9d9d9d', '9e9e9e9e9e9e9e9e'), fact: 'KASAN tag-based poison', label: 'KASAN poison' },
];

/**
 * Top bytes of the poisons above 4 GiB other than stack-leak's (0xff, the top byte of every x86_64
 * kernel address): the patterns', and 0xde of the POISON_POINTER_DELTA 0xdead000000000000.
 */
const POISON_TOP_BYTES = new Set([0xde, 0x6b, 0x5a, 0xbb, 0xcc, 0xaa, 0x9d, 0x9e]);
const STACKLEAK_POISON = 0xffffffffffff4111n;

/**
 * The poison a value is (a label for its address class), if any, on kernels whose
 * POISON_POINTER_DELTA is one of `deltas`. Poison pointers without a delta lie below 4 GiB,
 * among counts and (s390x) kernel text: the class never says poison for them.
 */
export function poisonName(value: bigint, deltas: readonly bigint[]): string | undefined {
  // Cheap first: classify asks for every word, and nearly all are no poison.
  const top = value >> 56n;
  if (value !== STACKLEAK_POISON && !POISON_TOP_BYTES.has(Number(top)) && !deltas.some((d) => d !== 0n && d >> 56n === top))
    return undefined;
  const pointer = pointerPoison(value, deltas, false);
  if (pointer) return pointer.label;
  const h = hex16(value);
  const pattern = PATTERN_POISONS.find((p) => p.test(h))?.label;
  if (pattern) return pattern;
  const field = poisonPlusOffset(value);
  return field && `${field.poison.label} + 0x${field.offset.toString(16)}`;
}

/** Slab and page poisons a pointer read from a poisoned object is made of (POISON_FREE, POISON_INUSE, the redzones). */
const POISON_BYTES: readonly { byte: bigint; name: string; what: string }[] = [
  { byte: 0x6bn, name: 'POISON_FREE 0x6b', what: 'a freed object (use after free)' },
  { byte: 0x5an, name: 'POISON_INUSE 0x5a', what: 'an object never initialised' },
  { byte: 0xbbn, name: 'SLUB_RED_INACTIVE 0xbb', what: "an inactive object's redzone" },
  { byte: 0xccn, name: 'SLUB_RED_ACTIVE 0xcc', what: "an object's redzone" },
  { byte: 0xaan, name: 'PAGE_POISON 0xaa', what: 'a freed page' },
];
/** Member offsets a poisoned pointer is dereferenced at: below a page. */
const POISON_FIELD_LIMIT = 0x1000n;

/**
 * A poison plus a member's offset (`6b6b6b6b6b6b6ba3` is POISON_FREE + 0x38): a pointer read from a
 * poisoned object, then dereferenced at one of its members' offsets. On 64 and 32 bits.
 */
function poisonPlusOffset(value: bigint): { poison: { label: string; fact: string }; offset: bigint } | undefined {
  for (const { byte, name, what } of POISON_BYTES) {
    for (const width of [64n, 32n]) {
      let base = 0n;
      for (let k = 0n; k < width; k += 8n) base |= byte << k;
      const offset = value - base;
      if (offset > 0n && offset < POISON_FIELD_LIMIT)
        return {
          poison: {
            label: `slab poison (${name})`,
            fact: `${name} + 0x${offset.toString(16)}: a pointer read from ${what}, dereferenced at a member 0x${offset.toString(16)} bytes in`,
          },
          offset,
        };
    }
  }
  return undefined;
}

export interface ValueFacts {
  signed64?: bigint;
  signed32?: bigint;
  unsigned: bigint;
  /** `width` 32: a 32-bit int holding −errno (zero-extended in a 64-bit word it is no ERR_PTR). */
  errno?: { value: number; name?: string; width: 32 | 64 };
  patterns: string[];
  ascii?: string;
}

/** The name of error number `n` (`6` → `ENXIO`), if Linux has one. */
export function errnoName(n: number): string | undefined {
  return ERRNO[n];
}

/**
 * What a value says by itself on kernels whose POISON_POINTER_DELTA is one of `deltas`;
 * `inText`: the value lies in the kernel's text, so no poison pointer without a delta
 * (s390x's image holds 0x00100100).
 */
export function valueFacts(value: bigint, deltas: readonly bigint[], inText = false): ValueFacts {
  const facts: ValueFacts = { unsigned: value, patterns: [] };
  const s64 = toSigned64(value);
  if (s64 < 0n) facts.signed64 = s64;
  if (value <= 0xffffffffn || value >> 32n === 0xffffffffn) {
    const s32 = toSigned32(value);
    if (s32 < 0n) facts.signed32 = s32;
  }
  if (value >= 0xfffffffffffff001n) {
    const errno = Number(-s64);
    facts.errno = { value: errno, name: ERRNO[errno], width: 64 };
  } else if (value >= 0xfffff001n && value <= 0xffffffffn && ERRNO[Number(0x100000000n - value)]) {
    // A 32-bit int holding -errno; only named codes, other small negatives are just numbers.
    const errno = Number(0x100000000n - value);
    facts.errno = { value: errno, name: ERRNO[errno], width: 32 };
  }
  const h = hex16(value);
  const pointer = pointerPoison(value, deltas, !inText);
  if (pointer) facts.patterns.push(pointer.fact);
  for (const p of PATTERN_POISONS) if (p.test(h)) facts.patterns.push(p.fact);
  const field = facts.patterns.length === 0 ? poisonPlusOffset(value) : undefined;
  if (field) facts.patterns.push(field.poison.fact);
  if (/^(dead|badc0de|deadbeef)/.test(h)) facts.patterns.push('looks like a poison pattern');
  const bytes: string[] = [];
  let printable = 0;
  for (let shift = 0n; shift < 64n; shift += 8n) {
    const b = Number((value >> shift) & 0xffn);
    if (b === 0) break;
    if (b < 32 || b > 126) {
      printable = -1;
      break;
    }
    bytes.push(String.fromCharCode(b));
    printable++;
  }
  if (printable >= 3) facts.ascii = bytes.join('');
  return facts;
}
