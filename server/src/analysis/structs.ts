// Struct layouts from `struct NAME -o` output. crash prints offsets for the
// direct members only; members of an embedded anonymous struct carry none and
// get theirs from the closing `[224] } sk_backlog;` plus C type sizes. Given an
// address (`struct -o sock ffff888105a2c000`), crash prints each member's address
// instead (`[ffff888105a2c108] struct sk_buff_head sk_receive_queue;`): the
// listing is then that object's, and its first member's address is its start.
import type { StructLayout, StructMember } from './types';

const OPEN_TOP = /^\s*(struct|union) ([\w$]+) \{\s*$/;
// A member's offset (`[0x18]`, `[24]`) or, in a listing of an object, its address (8-16 hex digits).
const OPEN_NESTED = /^\s*(?:\[(0x[0-9a-fA-F]+|[0-9a-fA-F]{8,16}|\d+)\])?\s*(struct|union)(?: [\w$]+)? \{\s*$/;
const CLOSE_NESTED = /^\s*(?:\[(0x[0-9a-fA-F]+|[0-9a-fA-F]{8,16}|\d+)\])?\s*\}\s*([\w$]+)?(?:\[(\d+)\])*;\s*$/;
const MEMBER = /^\s*(?:\[(0x[0-9a-fA-F]+|[0-9a-fA-F]{8,16}|\d+)\])?\s*([^;\[]*?[\s*])([\w$]+)((?:\[\d*\])*)(?:\s*:\s*\d+)?;\s*$/;
const FUNCTION_POINTER = /^\s*(?:\[(0x[0-9a-fA-F]+|[0-9a-fA-F]{8,16}|\d+)\])?\s*(.*\(\*([\w$]+)\)\(.*\));\s*$/;
const SIZE = /^\s*SIZE: (\d+|0x[0-9a-fA-F]+)\s*$/;

const PRIMITIVE_SIZES: Record<string, number> = Object.assign(Object.create(null) as Record<string, number>, {
  char: 1,
  'signed char': 1,
  'unsigned char': 1,
  bool: 1,
  _Bool: 1,
  u8: 1,
  s8: 1,
  __u8: 1,
  __s8: 1,
  short: 2,
  'unsigned short': 2,
  'short int': 2,
  'short unsigned int': 2,
  u16: 2,
  s16: 2,
  __u16: 2,
  __s16: 2,
  __le16: 2,
  __be16: 2,
  int: 4,
  'unsigned int': 4,
  unsigned: 4,
  u32: 4,
  s32: 4,
  __u32: 4,
  __s32: 4,
  __le32: 4,
  __be32: 4,
  atomic_t: 4,
  refcount_t: 4,
  gfp_t: 4,
  uid_t: 4,
  gid_t: 4,
  kuid_t: 4,
  kgid_t: 4,
  pid_t: 4,
  float: 4,
  spinlock_t: 4,
  enum: 4,
  long: 8,
  'unsigned long': 8,
  'long int': 8,
  'long unsigned int': 8,
  'long long': 8,
  'unsigned long long': 8,
  'long long int': 8,
  'long long unsigned int': 8,
  u64: 8,
  s64: 8,
  __u64: 8,
  __s64: 8,
  __le64: 8,
  __be64: 8,
  atomic64_t: 8,
  atomic_long_t: 8,
  size_t: 8,
  ssize_t: 8,
  loff_t: 8,
  double: 8,
  ktime_t: 8,
  netdev_features_t: 8,
  'struct list_head': 16,
  'struct hlist_node': 16,
  'struct hlist_head': 8,
  'struct callback_head': 16,
  'struct rb_node': 24,
});

function typeSize(type: string, arrayPart: string): number | undefined {
  let clean = type.trim();
  if (clean.endsWith('*')) return arraySize(8, arrayPart);
  if (clean.includes('const') || clean.includes('volatile') || clean.includes('  ')) {
    clean = clean
      .replace(/\b(?:const|volatile)\b/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  }
  const size = clean.startsWith('enum ') ? 4 : PRIMITIVE_SIZES[clean];
  return size === undefined ? undefined : arraySize(size, arrayPart);
}

function arraySize(element: number, arrayPart: string): number {
  if (arrayPart === '') return element;
  let size = element;
  for (const m of arrayPart.matchAll(/\[(\d+)\]/g)) size *= Number(m[1]);
  return size;
}

interface Container {
  kind: 'struct' | 'union';
  offset?: number;
  members: StructMember[];
}

/**
 * Nesting kept per layout: real `struct -o` output nests a few levels, and every
 * member is copied into each enclosing container, so unbounded depth costs depth² work.
 */
const MAX_NESTING = 32;

export class StructParser {
  private layout: StructLayout | undefined;
  private stack: Container[] = [];
  /** Open containers past MAX_NESTING: their lines are consumed, their members dropped. */
  private ignoredDepth = 0;
  /** Finished layouts in the order their listings end. */
  readonly layouts: StructLayout[] = [];

  /**
   * A bracketed offset as a number: `0x18` and `24` as they are; an address (8-16 hex digits, a
   * listing of an object) less the object's start, its first member's address.
   */
  private offset(text: string): number {
    if (text.length < 8 || text.startsWith('0x')) return Number(text);
    const address = BigInt('0x' + text);
    const layout = this.layout!;
    if (layout.address === undefined) layout.address = address;
    return Number(address - layout.address);
  }

  get active(): boolean {
    return this.layout !== undefined;
  }

  /**
   * Opens the listing of `name` at a member line, where `struct -o TYPE | grep …` left out its head
   * (`struct task_struct {`): the members the filter kept, at their offsets. False for any other line.
   */
  openFiltered(name: string, text: string, line: number): boolean {
    const member = MEMBER.exec(text);
    if (this.layout || !member || member[1] === undefined) return false;
    this.layout = { name, members: [], line };
    this.stack = [{ kind: 'struct', offset: 0, members: [] }];
    this.ignoredDepth = 0;
    return this.feed(text, line);
  }

  /**
   * Feeds one line; returns true when the line belongs to a struct listing. `objectAddress`: the
   * object the command names (`struct -o rq ffff88047fd18a80`, `rq.leaf_cfs_rq_list ffff88047fd18a80
   * -o`), where a listing of some members only starts at none of them.
   */
  feed(text: string, line: number, objectAddress?: bigint): boolean {
    if (!this.layout) {
      const top = OPEN_TOP.exec(text);
      if (!top) return false;
      this.layout = { name: top[2], members: [], line, ...(objectAddress !== undefined && { address: objectAddress }) };
      this.stack = [{ kind: top[1] as 'struct' | 'union', offset: 0, members: [] }];
      this.ignoredDepth = 0;
      return true;
    }
    const size = SIZE.exec(text);
    if (size) {
      this.layout.size = Number(size[1]);
      return true;
    }
    if (/^\}\s*$/.test(text) || (this.stack.length === 1 && /^\s*\};?\s*$/.test(text))) {
      this.finishLayout();
      return true;
    }
    const open = OPEN_NESTED.exec(text);
    if (open && (this.ignoredDepth > 0 || this.stack.length >= MAX_NESTING)) {
      this.ignoredDepth++;
      return true;
    }
    if (open) {
      this.stack.push({ kind: open[2] as 'struct' | 'union', offset: open[1] ? this.offset(open[1]) : undefined, members: [] });
      return true;
    }
    const close = CLOSE_NESTED.exec(text);
    if (this.ignoredDepth > 0) {
      if (close) this.ignoredDepth--;
      return true;
    }
    if (close && this.stack.length > 1) {
      const container = this.stack.pop()!;
      const offset = close[1] !== undefined ? this.offset(close[1]) : container.offset;
      this.closeContainer(container, offset, close[2], line);
      return true;
    }
    const member = MEMBER.exec(text) ?? FUNCTION_POINTER.exec(text);
    if (member) {
      const isPointerFn = member.length === 4;
      const name = isPointerFn ? member[3] : member[3];
      const type = isPointerFn ? member[2] : member[2].trim();
      const arrayPart = isPointerFn ? '' : member[4];
      const top = this.stack[this.stack.length - 1];
      top.members.push({
        path: name,
        type: arrayPart ? `${type}${arrayPart}` : type,
        offset: member[1] !== undefined ? this.offset(member[1]) : -1,
        size: isPointerFn ? 8 : typeSize(type, arrayPart),
        line,
      });
      return true;
    }
    return /^\s*$/.test(text) ? false : this.stack.length > 1;
  }

  /** Ends a listing cut short (`| head`), keeping what was read. */
  flush(): void {
    if (this.layout) this.finishLayout();
  }

  private closeContainer(container: Container, offset: number | undefined, name: string | undefined, line: number): void {
    const parent = this.stack[this.stack.length - 1];
    // Place members without printed offsets sequentially (or all at the start for a union).
    let cursor = offset;
    for (const member of container.members) {
      if (member.offset < 0) {
        if (cursor === undefined) continue;
        if (container.kind === 'union') member.offset = cursor;
        else {
          const align = Math.min(member.size ?? 1, 8);
          cursor = Math.ceil(cursor / align) * align;
          member.offset = cursor;
          cursor = member.size !== undefined ? cursor + member.size : undefined;
        }
      }
    }
    const placed = container.members.filter((m) => m.offset >= 0);
    if (name) {
      const end = placed.reduce((max, m) => Math.max(max, m.offset + (m.size ?? 0)), offset ?? 0);
      if (offset !== undefined) {
        parent.members.push({
          path: name,
          type: container.kind + ' {...}',
          offset,
          size: end > offset ? end - offset : undefined,
          line,
        });
      }
      for (const m of placed) parent.members.push({ ...m, path: `${name}.${m.path}` });
    } else {
      for (const m of placed) parent.members.push(m);
    }
  }

  private finishLayout(): void {
    const layout = this.layout!;
    while (this.stack.length > 1) this.closeContainer(this.stack.pop()!, undefined, undefined, layout.line);
    const members = this.stack[0].members.filter((m) => m.offset >= 0);
    members.sort((a, b) => a.offset - b.offset || a.path.split('.').length - b.path.split('.').length);
    layout.members = members;
    this.layouts.push(layout);
    this.layout = undefined;
    this.stack = [];
  }
}

export interface MemberHit {
  member: StructMember;
  /** Bytes from the member's start. */
  delta: number;
}

/** Members covering an offset, deepest exact start first. */
/** Member sizes where crash printed none: up to the next member at the same or a shallower depth. */
const effectiveSizes = new WeakMap<StructLayout, (number | undefined)[]>();

function sizesOf(layout: StructLayout): (number | undefined)[] {
  let sizes = effectiveSizes.get(layout);
  if (sizes) return sizes;
  const members = layout.members;
  const depths = members.map((m) => Math.min(m.path.split('.').length, 64));
  sizes = new Array<number | undefined>(members.length);
  // Members are sorted by offset. Walking back one group of equal offsets at a time,
  // nearestAtDepth[d] is the smallest offset of a later (strictly further) member at depth d.
  const nearestAtDepth: (number | undefined)[] = [];
  let k = members.length - 1;
  while (k >= 0) {
    let first = k;
    while (first > 0 && members[first - 1].offset === members[k].offset) first--;
    for (let j = first; j <= k; j++) {
      const member = members[j];
      if (member.size !== undefined) {
        sizes[j] = member.size;
        continue;
      }
      let next: number | undefined;
      for (let d = 1; d <= depths[j]; d++) {
        const candidate = nearestAtDepth[d];
        if (candidate !== undefined && (next === undefined || candidate < next)) next = candidate;
      }
      sizes[j] = next !== undefined ? next - member.offset : layout.size !== undefined ? layout.size - member.offset : undefined;
    }
    for (let j = first; j <= k; j++) nearestAtDepth[depths[j]] = members[j].offset;
    k = first - 1;
  }
  effectiveSizes.set(layout, sizes);
  return sizes;
}

/** Members covering an offset, deepest exact start first. */
/** Members covering an offset, deepest exact start first. */
export function membersAt(layout: StructLayout, offset: number): MemberHit[] {
  const hits: MemberHit[] = [];
  const sizes = sizesOf(layout);
  let lastTopLevel = -1;
  layout.members.forEach((m, k) => {
    if (!m.path.includes('.')) lastTopLevel = k;
  });
  layout.members.forEach((member, k) => {
    if (member.offset > offset) return;
    const size = sizes[k];
    if (size !== undefined ? offset < member.offset + size : k === lastTopLevel)
      hits.push({ member, delta: offset - member.offset });
  });
  hits.sort((a, b) => a.delta - b.delta || b.member.path.split('.').length - a.member.path.split('.').length);
  return hits;
}
