// An address inside a slab object: the cache, the object, and the struct member at that offset.
import { hexWord } from '../../hex';
import type { Model } from '../../model';
import { membersAt } from '../../structs';
import type { StructLayout, Task } from '../../types';
import { code, lineRef } from '../card';
import { kmemObjectAt } from '../kmemObjects';
import type { HoverFact } from '../fact';

/** Slab caches whose objects start with a known struct. */
const CACHE_STRUCTS: Record<string, string> = {
  TCP: 'sock',
  TCPv6: 'sock',
  UDP: 'sock',
  UDPv6: 'sock',
  RAW: 'sock',
  RAWv6: 'sock',
  UNIX: 'sock',
  MPTCP: 'sock',
  PING: 'sock',
  'UDP-Lite': 'sock',
  NETLINK: 'sock',
  task_struct: 'task_struct',
  skbuff_head_cache: 'sk_buff',
  skbuff_fclone_cache: 'sk_buff',
  skbuff_cache: 'sk_buff',
  filp: 'file',
  dentry: 'dentry',
  mm_struct: 'mm_struct',
  vm_area_struct: 'vm_area_struct',
  sock_inode_cache: 'socket_alloc',
  signal_cache: 'signal_struct',
  sighand_cache: 'sighand_struct',
  files_cache: 'files_struct',
  cred_jar: 'cred',
  pid: 'pid',
  inode_cache: 'inode',
};

function structOfCache(model: Model, cache: string): StructLayout | undefined {
  return model.structs.get(CACHE_STRUCTS[cache] ?? cache);
}

/** `nfs_inode_cache(198:serial-getty@ttyS0.service)`: crash 8 qualifies a memcg's cache by its cgroup. */
function splitCache(cache: string): { name: string; memcg?: string } {
  const m = /^([^(]+)\((.+)\)$/.exec(cache);
  return m ? { name: m[1], memcg: m[2] } : { name: cache };
}

/** ` = member of struct S` where the transcript's layout of the cache's struct has one at the offset. */
function memberText(layout: StructLayout | undefined, offset: bigint): string {
  const best = layout ? membersAt(layout, Number(offset))[0] : undefined;
  return best && layout ? ` = ${code(`${best.member.path}${best.delta ? `+${best.delta}` : ''}`)} of struct ${layout.name}` : '';
}

/** A task_struct's extent where `struct -o` gives no size: more than any kernel's task_struct. */
const TASK_STRUCT_BYTES = 0x4000n;

export const slabObject: HoverFact = {
  id: 'slab-object',
  describe({ model, value, line }) {
    const slab = value?.cls.slab;
    if (!value || !slab) return undefined;
    const { name, memcg } = splitCache(slab.cache);
    const cache = memcg ? `${name} (memcg ${code(memcg)})` : name;
    const layout = structOfCache(model, name);
    if (slab.pointer) return pointerInto(model, value.address, line, { name, label: cache }, layout);
    const offset = value.address - slab.address;
    return `${cache} object ${code(hexWord(slab.address, model.wordBytes))} + 0x${offset.toString(16)} (${slab.allocated ? 'allocated' : 'free'}, object size ${slab.objectSize})${memberText(layout, offset)}`;
  },
};

/** `[ADDR:cache]` (bt -FF, rd -SS): the object's start where the transcript shows it elsewhere. */
function pointerInto(
  model: Model,
  address: bigint,
  line: number,
  { name, label: cache }: { name: string; label: string },
  layout: StructLayout | undefined,
): string {
  const kmem = kmemObjectAt(model, address);
  if (kmem) {
    const offset = address - kmem.start;
    const where = kmem.line === line ? 'on this line' : `line ${lineRef(kmem.line)}`;
    const head =
      offset === 0n
        ? `Start of a ${cache} object, allocated (kmem shows it in brackets, ${where})`
        : `${cache} object ${code(hexWord(kmem.start, model.wordBytes))} + 0x${offset.toString(16)}, allocated (kmem shows its start, ${where})`;
    return head + memberText(layout, offset);
  }
  if (layout?.name === 'task_struct' || CACHE_STRUCTS[name] === 'task_struct') {
    const size = layout?.size !== undefined ? BigInt(layout.size) : TASK_STRUCT_BYTES;
    const task = model.tasks
      .filter((t) => t.task <= address && address < t.task + size)
      .reduce<Task | undefined>((best, t) => (best === undefined || t.task > best.task ? t : best), undefined);
    if (task) {
      const offset = address - task.task;
      if (offset === 0n) return `Start of a task_struct object: the TASK of PID ${task.pid ?? '?'} (line ${lineRef(task.line)})`;
      return `task_struct of PID ${task.pid ?? '?'}${task.command ? ` (${task.command})` : ''} + 0x${offset.toString(16)}${memberText(layout, offset)} (its TASK ${code(hexWord(task.task, model.wordBytes))}, line ${lineRef(task.line)})`;
    }
  }
  return `pointer into a ${cache} object (crash's ${code('bt -FF')}/${code('rd -SS')} named the cache; the object's start is not shown)`;
}
