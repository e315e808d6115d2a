// Failures of programs on the machine: syzkaller's executor and Go programs.
import type { Family } from '../rules';

export const goRuntimeFamily: Family = {
  header: 'fatal error:',
  notReports: [/ALSA/, /fatal error: cannot create timer/],
  rules: [{ match: /fatal error:/, title: 'go runtime error', noTrace: true }],
};

export const syzFailFamily: Family = {
  header: 'SYZFAIL:',
  rules: [{ match: /SYZFAIL:(.*)/, title: 'SYZFAIL:{1}', noTrace: true }],
};

export const syzFatalFamily: Family = {
  header: 'SYZFATAL:',
  rules: [{ match: /SYZFATAL:(.*)()/, title: 'SYZFATAL:{1}', alt: ['SYZFATAL{2}'], noTrace: true }],
};

export const goPanicFamily: Family = {
  header: 'panic:',
  // Kernel functions (skb_panic:) and Android boot messages.
  notReports: [/_panic:/, /xlog_status:/, /ddb\.onpanic:/, /evtlog_status:/],
  rules: [
    { match: /panic: Sentry detected .* stuck task/, title: 'panic: Sentry detected stuck tasks', noTrace: true },
    { match: /panic:(.*)/, title: 'panic:{1}', noTrace: true },
  ],
};
