// Lines that state where a fault happened: a value on one is read first as that address.

/**
 * A line that states a fault's address: the oops header's (also its tail a mailer wrapped onto a line
 * of its own, `address ffffffffffffffe8`), x86's CR2, arm64's FAR, powerpc's DAR, riscv's badaddr.
 */
const FAULT_ADDRESS =
  /virtual address|address: |^\s*address (?:0x)?[0-9a-f]{8,16}\b|(?:^|\s)(?:CR2|FAR|DAR|BadVA|badaddr)\s*[:=]/;

export function faultAddressLine(text: string): boolean {
  return FAULT_ADDRESS.test(text);
}
