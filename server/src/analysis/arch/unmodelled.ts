// Evidence of architectures `crash` reads but the analysis does not model yet. They are
// scored beside the registered ones only to keep their transcripts `unknown`.
// Registering an architecture (./registry) replaces its entry here: ppc64, s390x and riscv64
// are registered now, and the read-only ones (./readonly) carry their own evidence.
import type { ArchEvidence } from './types';

export const UNMODELLED: readonly { name: string; evidence: ArchEvidence }[] = [];
