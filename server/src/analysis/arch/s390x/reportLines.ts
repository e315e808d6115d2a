// A line that names s390x: a symbolized frame's source in arch/s390/, and the CPU's lowcore that
// crash's bt prints (`LOWCORE INFO:`, s390x.c s390x_print_lowcore).
export function s390xReportLine(text: string): number {
  if (text.includes('LOWCORE INFO:')) return 2;
  return text.includes('arch/s390/') ? 1 : 0;
}
