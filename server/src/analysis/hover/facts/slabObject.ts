// An address inside a slab object: the cache, the object, and the struct member at that offset.
import { hexWord } from '../../hex';
import type { Model } from '../../model';
import { membersAt } from '../../structs';
import type { StructLayout } from '../../types';
import { code } from '../card';
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

export const slabObject: HoverFact = {
  id: 'slab-object',
  describe({ model, value }) {
    const slab = value?.cls.slab;
    if (!value || !slab) return undefined;
    if (slab.pointer)
      return `pointer into a ${slab.cache} object (crash's ${code('bt -FF')}/${code('rd -SS')} named the cache; the object's start is not shown)`;
    const offset = value.address - slab.address;
    let text = `${slab.cache} object ${code(hexWord(slab.address, model.wordBytes))} + 0x${offset.toString(16)} (${slab.allocated ? 'allocated' : 'free'}, object size ${slab.objectSize})`;
    const layout = structOfCache(model, slab.cache);
    if (layout) {
      const hits = membersAt(layout, Number(offset));
      if (hits.length) {
        const best = hits[0];
        text += ` = ${code(`${best.member.path}${best.delta ? `+${best.delta}` : ''}`)} of struct ${layout.name}`;
      }
    }
    return text;
  },
};
