// A report line that names s390x: a symbolized frame's source in arch/s390/.
export function s390xReportLine(text: string): number {
  return text.includes('arch/s390/') ? 1 : 0;
}
