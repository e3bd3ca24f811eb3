// parseSimpleYaml (src/source/kube/kubeconfigYaml.ts) reads what kubectl and `sim serve` write
// exactly as the yaml library does, and leaves everything outside its subset to the library.
import { stringify, parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseSimpleYaml } from '../../../src/source/kube/kubeconfigYaml.js';
import { kubeconfigYaml } from '../../../src/sim/server/kubeconfig.js';

const KUBECTL_VIEW = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMvakNDQWVhZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmwKY201bGRHVnpNQjRYRFRJeE1EUXlNREUwTlRZd01Gb1hEVE14TURReE9ERTBOVFl3TUZvd0ZURVRNQkVHQTFVRQpBeE1LYTNWaVpYSnVaWFJsY3pDQ0FTSXdEUVlKS29aSWh2Y05BUUVCQlFBRGdnRVBBRENDQVFvQ2dnRUJBTlZjCg==
    server: https://127.0.0.1:6443
    insecure-skip-tls-verify: false
  name: kind-kind
- cluster:
    server: https://10.0.0.1
    tls-server-name: api.example.com
  name: other
contexts:
- context:
    cluster: kind-kind
    namespace: team-a
    user: kind-kind
  name: kind-kind
current-context: kind-kind
kind: Config
preferences: {}
users:
- name: kind-kind
  user:
    client-certificate-data: LS0tLS1CRUdJTi==
    client-key-data: LS0tLS1CRUdJTiBSU0E=
- name: exec-user
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      args:
      - eks
      - get-token
      - --cluster-name
      - demo
      command: aws
      env: null
      interactiveMode: IfAvailable
      provideClusterInfo: false
`;

const VARIANTS: [string, string][] = [
  ['kubectl config view --raw', KUBECTL_VIEW],
  ['CRLF line ends', KUBECTL_VIEW.replaceAll('\n', '\r\n')],
  ['sequences indented under their key', 'clusters:\n  - name: a\n    cluster:\n      server: https://a\n  - name: b\n    cluster: {}\nusers: []\n'],
  ['comments and blank lines', '# written by hand\napiVersion: v1\n\n  # indented comment\nkind: Config\ncontexts:\n# between\n- name: x\n  context:\n    cluster: c\n'],
  ['quoted strings', `a: ""\nb: "double # not a comment: really"\nc: 'single'\nd: 'it''s'\ne: "true"\nf: '123'\n`],
  ['plain scalars of the core schema', 'n1: null\nn2: ~\nn3: Null\nn4:\nb1: true\nb2: False\nb3: TRUE\ni1: 42\ni2: -7\ni3: +3\ni4: 007\nf1: 1.5\nf2: -0.25\nf3: 1e3\nf4: .5\ns1: yes\ns2: off\ns3: v1.2.3-beta\ns4: a#b\ns5: https://h:6443/path?x=1\ns6: token.with.dots\ns7: name_with-dash\n'],
  ['empty items and nested sequences', 'list:\n-\n- a\n-\n  k: v\nnested:\n- - x\n'],
  ['a top-level mapping indented', '  a: 1\n  b:\n    c: 2\n'],
  ['only comments', '# nothing here\n'],
];

describe('parseSimpleYaml', () => {
  it.each(VARIANTS)('reads %s as the yaml library does, or leaves it to it', (_what, text) => {
    const simple = parseSimpleYaml(text);
    if (simple !== undefined) expect(simple).toEqual(parse(text));
  });

  it.each([
    ['kubectl config view --raw', KUBECTL_VIEW],
    ['CRLF line ends', KUBECTL_VIEW.replaceAll('\n', '\r\n')],
    ['sequences indented under their key', VARIANTS[2]![1]],
    ['comments and blank lines', VARIANTS[3]![1]],
    ['quoted strings', VARIANTS[4]![1]],
    ['plain scalars of the core schema', VARIANTS[5]![1]],
    ['sim serve', kubeconfigYaml({ server: 'https://127.0.0.1:34885', caPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', token: '8hi-ssoYlm_AYZmzfKZcC1y4VuIYPZjv7kqpZh9tvPo' })],
    ['strings that start with digits', 'token: 8hi-sso\naddress: 10.0.0.1\nversion: 1.33.0\ndate: 2026-12-06\nport: 6443\nratio: 0.5\n'],
    ['the yaml library stringify of a kubeconfig', stringify(parse(KUBECTL_VIEW))],
  ])('reads %s itself', (_what, text) => {
    const simple = parseSimpleYaml(text);
    expect(simple).toBeDefined();
    expect(simple).toEqual(parse(text));
  });

  it.each([
    ['a flow mapping', 'a: {b: 1}\n'],
    ['a flow sequence', 'a: [1, 2]\n'],
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a block scalar', 'a: |\n  text\n'],
    ['a folded scalar', 'a: >\n  text\n'],
    ['a comment after a value', 'a: 1 # one\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a tab', 'a:\n\tb: 1\n'],
    ['a document marker', '---\na: 1\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['an escaped double-quoted string', 'a: "x\\ny"\n'],
    ['a quoted key', '"a": 1\n'],
    ['a hex number', 'a: 0x1F\n'],
    ['an octal number', 'a: 0o17\n'],
    ['infinity', 'a: -.inf\n'],
    ['a merge key', 'a:\n  <<: {}\n'],
    ['a __proto__ key', '__proto__: 1\n'],
    ['bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['a mapping after a scalar item', 'l:\n- a\n  b: 1\n'],
    ['a trailing space', 'a: 1 \n'],
    ['a compact nested mapping', 'a: b: c\n'],
    ['a BOM', '\uFEFFa: 1\n'],
  ])('leaves %s to the library', (_what, text) => {
    expect(parseSimpleYaml(text)).toBeUndefined();
  });
});
