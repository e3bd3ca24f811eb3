// Expected outputs worked out by hand from Go's text/tabwriter algorithm (format/writeLines).
import { describe, expect, it } from 'vitest';
import { DESCRIBE_TABS, GET_TABS, tabwrite, type TabwriterOptions } from '../../src/kube/tabwriter.js';

const pad1: TabwriterOptions = { minwidth: 0, tabwidth: 8, padding: 1 };

describe('tabwrite (Go text/tabwriter semantics)', () => {
  const cases: [string, string, TabwriterOptions, string][] = [
    ['aligns a column to its widest cell plus padding', 'a\tb\tc\naaa\tbb\tc\n', pad1, 'a   b  c\naaa bb c\n'],
    [
      "Go's doc example: column blocks must be contiguous",
      'aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n',
      pad1,
      'aaaa bbb d\naa   b   dd\na    \naa   cccc eee\n',
    ],
    ['a trailing cell without tab or newline is written as is', 'x\ty', DESCRIBE_TABS, 'x  y'],
    ['an empty cell is padded to the column width', '\tb\naa\tc\n', DESCRIBE_TABS, '    b\naa  c\n'],
    ['a line without tabs ends the block', 'a\tb\nplain\ncccc\td\n', DESCRIBE_TABS, 'a  b\nplain\ncccc  d\n'],
    ['minwidth applies to narrow columns (kubectl get)', 'NAME\tAGE\nx\t1s\n', GET_TABS, 'NAME   AGE\nx      1s\n'],
    ['a cell wider than minwidth widens the column', 'NAMESPACE\tNAME\nkube-system\tx\n', GET_TABS, 'NAMESPACE     NAME\nkube-system   x\n'],
    ['right alignment pads before the text', 'a\tbbb\ncc\td\n', { ...pad1, alignRight: true }, '  abbb\n ccd\n'],
    ['empty soft-tab columns are discarded when asked', 'a\v\vb\nc\v\vd\n', { ...pad1, discardEmptyColumns: true }, 'a b\nc d\n'],
    ['empty soft-tab columns are kept otherwise', 'a\v\vb\nc\v\vd\n', pad1, 'a  b\nc  d\n'],
    ['hard-tab empty columns are never discarded', 'a\t\tb\n', { ...pad1, discardEmptyColumns: true }, 'a  b\n'],
    ['tab padding rounds up to tab stops', 'a\tb\naaaaaaaaa\tc\n', { ...pad1, padchar: '\t' }, 'a\t\tb\naaaaaaaaa\tc\n'],
    ['a formfeed ends all columns and prints as a newline', 'a\tb\fccc\td\n', pad1, 'a b\nccc d\n'],
    [
      'lines with different column counts nest blocks',
      'a\tb\tc\naa\tbb\naaa\tb\tcc\td\n',
      pad1,
      'a   b c\naa  bb\naaa b cc d\n',
    ],
    ['widths count code points, not UTF-16 units', 'é\tx\n😀\ty\nab\tz\n', pad1, 'é  x\n😀  y\nab z\n'],
    ['tabIndent pads leading empty cells with tabs', '\tx\na\ty\n', { ...pad1, tabIndent: true }, '\tx\na y\n'],
    ['empty input', '', DESCRIBE_TABS, ''],
    ['text without any tab passes through', 'hello\nworld', DESCRIBE_TABS, 'hello\nworld'],
    ['a trailing tab makes an empty last cell', 'ab\t\nc\t\n', DESCRIBE_TABS, 'ab  \nc   \n'],
    [
      'describe-style key/value block',
      'Name:\tnginx\nNamespace:\tdefault\nLabels:\trun=nginx\n\tapp=web\n',
      DESCRIBE_TABS,
      'Name:       nginx\nNamespace:  default\nLabels:     run=nginx\n            app=web\n',
    ],
  ];
  it.each(cases)('%s', (_name, input, opts, expected) => {
    expect(tabwrite(input, opts)).toBe(expected);
  });

  it('exports the kubectl settings', () => {
    expect(DESCRIBE_TABS).toEqual({ minwidth: 0, tabwidth: 8, padding: 2 });
    expect(GET_TABS).toEqual({ minwidth: 6, tabwidth: 4, padding: 3 });
  });

  it('stays linear on a large table', () => {
    const rows: string[] = [];
    for (let i = 0; i < 20000; i++) rows.push(`pod-${i}\t1/1\tRunning\t0\t${i}s\n`);
    const out = tabwrite(rows.join(''), GET_TABS);
    expect(out.split('\n')[19999]).toBe('pod-19999   1/1   Running   0     19999s');
  });
});
