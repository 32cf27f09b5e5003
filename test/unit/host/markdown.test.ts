import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeFence, escapeMarkdown } from '../../../src/host/markdown';

/** The opening fence, the body and the closing fence of a fenced block. */
function parts(block: string): { open: string; body: string; close: string } {
  const first = block.indexOf('\n');
  const last = block.lastIndexOf('\n');
  return { open: block.slice(0, first), body: block.slice(first + 1, last), close: block.slice(last + 1) };
}

test('codeFence: three backticks when the code has none or shorter runs', () => {
  assert.equal(codeFence('W = np.zeros((3, 4))', 'python'), '```python\nW = np.zeros((3, 4))\n```');
  assert.equal(parts(codeFence('a = `x`', 'js')).close, '```');
  assert.equal(parts(codeFence('s = ``y``', 'js')).close, '```');
});

test('codeFence: one backtick longer than the longest run inside, wherever it is', () => {
  const cases: Array<[string, number]> = [
    ['```', 4],
    ['x = 1\n````\ny = 2', 5],
    ['a ``````` b', 8],
    ['`a` ```` ``', 5],
    ['tail ends with `````', 6],
  ];
  for (const [code, expected] of cases) {
    const { open, body, close } = parts(codeFence(code, 'python'));
    assert.equal(close, '`'.repeat(expected), JSON.stringify(code));
    assert.equal(open, `${'`'.repeat(expected)}python`);
    assert.equal(body, code);
    // CommonMark: a closing fence needs at least as many backticks as the opening one; none inside has.
    for (const line of code.split('\n')) assert.ok(!/^ {0,3}`+\s*$/.test(line) || line.trim().length < expected);
  }
});

test('escapeMarkdown: markdown syntax is escaped, spaces kept', () => {
  assert.equal(escapeMarkdown('a *b* [c](d) `e`'), 'a \\*b\\* \\[c\\]\\(d\\) \\`e\\`');
});
