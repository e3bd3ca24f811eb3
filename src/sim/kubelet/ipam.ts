// Pod IPs from the node's spec.podCIDR (host-local IPAM): .1 is the bridge, pods get .2, .3, …;
// an address is reused only after it is released.

const FALLBACK_CIDR = '10.88.0.0/16'; // containerd's default bridge network

function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

function formatIPv4(n: number): string {
  return `${Math.floor(n / 16777216) % 256}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

export class PodIpAllocator {
  private readonly first: number;
  private readonly size: number;
  private readonly used = new Set<number>();
  private cursor = 0;

  constructor(cidr: string | undefined) {
    const [addr, bits] = (cidr && cidr.includes('/') ? cidr : FALLBACK_CIDR).split('/');
    let base = parseIPv4(addr!);
    let prefix = Number(bits);
    if (base === undefined || !(prefix >= 0 && prefix <= 30)) {
      base = parseIPv4('10.88.0.0')!;
      prefix = 16;
    }
    const total = 2 ** (32 - prefix);
    const network = base - (base % total);
    this.first = network + 2;
    this.size = total - 3; // no network address, no bridge (.1), no broadcast
  }

  allocate(): string | undefined {
    for (let tries = 0; tries < this.size; tries++) {
      const offset = this.cursor;
      this.cursor = (this.cursor + 1) % this.size;
      if (!this.used.has(offset)) {
        this.used.add(offset);
        return formatIPv4(this.first + offset);
      }
    }
    return undefined;
  }

  release(ip: string): void {
    const n = parseIPv4(ip);
    if (n !== undefined) this.used.delete(n - this.first);
  }
}
