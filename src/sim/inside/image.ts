// What the simulator knows of an image's inside: which shells and network tools it ships, its
// environment (PATH and the image's own ENV), the files it starts with, and the prompt its
// shell shows. Read from the image's name; an image it does not know is treated as a
// Debian-based one (bash, curl).
import { imageBaseName } from '../behaviour/index.js';
import { nginxVersion } from './servers/nginxPages.js';

export type ImageFamily = 'busybox' | 'alpine' | 'debian' | 'nginx' | 'python' | 'curl';

export interface ImageInside {
  readonly family: ImageFamily;
  /** Whose tools answer: busybox's (busybox, Alpine and Alpine-based tags) or GNU's (Debian). */
  readonly userland: 'busybox' | 'gnu';
  /** The shells on its PATH by name (busybox's ash answers as `sh` and `ash`; Debian's sh is dash). */
  readonly shells: ReadonlySet<string>;
  /** The network clients on its PATH. */
  readonly tools: ReadonlySet<string>;
  /** The image's ENV (PATH first). */
  readonly env: readonly [string, string][];
  /** Files the image holds: path → content. */
  readonly files: readonly [string, string][];
  /** nginx's version (from the tag; the image's default otherwise). */
  readonly nginxVersion: string | undefined;
}

const BUSYBOX_SHELLS: ReadonlySet<string> = new Set(['sh', 'ash']);
const DEBIAN_SHELLS: ReadonlySet<string> = new Set(['sh', 'dash', 'bash']);

const DEBIAN_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function tagOf(image: string): string {
  const noDigest = image.split('@')[0]!;
  const last = noDigest.slice(noDigest.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon < 0 ? 'latest' : last.slice(colon + 1);
}

const PASSWD_DEBIAN = 'root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n';
const PASSWD_BUSYBOX = 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n';

function familyOf(base: string): ImageFamily {
  if (base === 'busybox') return 'busybox';
  if (base === 'alpine') return 'alpine';
  if (base.startsWith('nginx')) return 'nginx';
  if (base.startsWith('python')) return 'python';
  if (base === 'curl') return 'curl';
  return 'debian';
}

export function imageInside(image: string): ImageInside {
  const base = imageBaseName(image);
  const family = familyOf(base);
  const tag = tagOf(image);
  switch (family) {
    case 'busybox':
    case 'alpine':
    case 'curl':
      return {
        family,
        userland: 'busybox',
        shells: BUSYBOX_SHELLS,
        tools: new Set(family === 'curl' ? ['curl', 'wget'] : ['wget']),
        env: [['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']],
        files: [['/etc/passwd', PASSWD_BUSYBOX]],
        nginxVersion: undefined,
      };
    case 'nginx': {
      const version = nginxVersion(tag);
      const alpine = tag.includes('alpine');
      return {
        family,
        userland: alpine ? 'busybox' : 'gnu',
        shells: alpine ? BUSYBOX_SHELLS : DEBIAN_SHELLS,
        tools: new Set(alpine ? ['curl', 'wget'] : ['curl']),
        env: [
          ['PATH', DEBIAN_PATH],
          ['NGINX_VERSION', version],
        ],
        files: [['/etc/passwd', PASSWD_DEBIAN + 'nginx:x:101:101:nginx user:/nonexistent:/bin/false\n']],
        nginxVersion: version,
      };
    }
    case 'python':
      return {
        family,
        userland: tag.includes('alpine') ? 'busybox' : 'gnu',
        shells: tag.includes('alpine') ? BUSYBOX_SHELLS : DEBIAN_SHELLS,
        tools: new Set(tag.includes('alpine') || tag.includes('slim') ? ['wget'] : ['curl', 'wget']),
        env: [
          ['PATH', DEBIAN_PATH],
          ['LANG', 'C.UTF-8'],
        ],
        files: [['/etc/passwd', PASSWD_DEBIAN]],
        nginxVersion: undefined,
      };
    default:
      return {
        family,
        userland: 'gnu',
        shells: DEBIAN_SHELLS,
        tools: new Set(['curl']),
        env: [['PATH', DEBIAN_PATH]],
        files: [['/etc/passwd', PASSWD_DEBIAN]],
        nginxVersion: undefined,
      };
  }
}

/** Busybox's ash prints `/ # `; Debian's bash `root@host:/# `; dash `# `. */
export function promptFor(img: ImageInside, shell: string, user: string, host: string, cwd: string, uid: number): string {
  const sign = uid === 0 ? '#' : '$';
  if (shell === 'bash') return `${user}@${host}:${cwd}${sign} `;
  if (img.userland === 'busybox') return `${cwd} ${sign} `;
  return `${sign} `;
}
