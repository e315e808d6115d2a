// Call targets that say nothing about the callee: a retpoline thunk jumps on to the function in a
// register (`__x86_indirect_thunk_rax`), ftrace's hooks (`__fentry__`, `mcount`) return to the
// caller, and clang's CFI checks (`__cfi_…`) are a step of their own. The frame above a return
// address after such a call is not the target's.

const OPAQUE_TARGET =
  /^(?:__x86_indirect_(?:call_|jump_)?thunk|__x86_return_thunk|__llvm_retpoline_|__fentry__|_?_?mcount|__cfi_)/;
const RETPOLINE = /^(?:__x86_indirect_(?:call_|jump_)?thunk_|__llvm_retpoline_)(?:array_)?(\w+)$/;

/** Whether a call to `name` says nothing about the function it reaches. */
export function isOpaqueTarget(name: string): boolean {
  return OPAQUE_TARGET.test(name);
}

/** What a call to an opaque target does, said after the call instruction; undefined for any other. */
export function opaqueTargetNote(name: string): string | undefined {
  const retpoline = RETPOLINE.exec(name);
  if (retpoline)
    return `a retpoline: an indirect call through \`%${retpoline[1]}\`, so the listing does not say which function the frame above is`;
  if (/^(?:__fentry__|_?_?mcount)$/.test(name)) return "ftrace's entry hook, which returns here: not the frame above";
  if (!isOpaqueTarget(name)) return undefined;
  return 'a thunk that goes on elsewhere: the listing does not say which function the frame above is';
}
