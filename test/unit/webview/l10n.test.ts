// The webviews' t(): placeholders, English fallback, hostile bundles; and the English template
// l10n/bundle.l10n.json holds every message the host and the webviews translate, while no text a
// user reads in the webviews bypasses t().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { countFormat, decimalSeparator, format } from '../../../src/shared/numberFormat';
import { formatCount, parseBundle, setBundle, t, withDecimalSeparator } from '../../../webview/l10n';
import { BUNDLE_PATH, allMessages, hostFiles, messagesIn, untranslatedLiterals, webviewFiles } from '../../../scripts/l10n-export';

test('t() without a bundle (English) returns the message with its placeholders filled', () => {
  setBundle(undefined);
  assert.equal(t('distinct units: {0} of {1}', 1, 16), 'distinct units: 1 of 16');
  assert.equal(t('Play'), 'Play');
  assert.equal(t('{0} · unit {1} · {2} · {3}', 'Layer 1', 4, 'input 2', '-1.11'), 'Layer 1 · unit 4 · input 2 · -1.11');
});

test('t() translates through the bundle, reorders placeholders, and falls back to English for missing keys', () => {
  setBundle({ 'distinct units: {0} of {1}': 'unterscheidbare Einheiten: {0} von {1}', 'step {0} of {1}': 'von {1}: Schritt {0}', Play: 'Abspielen' });
  try {
    assert.equal(t('distinct units: {0} of {1}', 3, 16), 'unterscheidbare Einheiten: 3 von 16');
    assert.equal(t('step {0} of {1}', 5, 90), 'von 90: Schritt 5');
    assert.equal(t('Play'), 'Abspielen');
    assert.equal(t('Pause'), 'Pause', 'a missing key falls back to the English message');
    assert.equal(t('Layer {0}', 2), 'Layer 2', 'and still fills its placeholders');
  } finally {
    setBundle(undefined);
  }
});

test('placeholders: missing arguments stay visible, extra arguments and non-placeholders are left alone', () => {
  assert.equal(format('{0} and {1}', ['a']), 'a and {1}');
  assert.equal(format('{0}', ['a', 'b']), 'a');
  assert.equal(format('{x} {0} {{0}}', [7]), '{x} 7 {7}');
  assert.equal(format('{1}{0}{1}', ['a', 'b']), 'bab');
  assert.equal(format('$& $1 {0}', ['$&']), '$& $1 $&', 'replacement patterns in arguments are not expanded');
});

test('a hostile or malformed bundle cannot break t(): non-string values and inherited keys are ignored', () => {
  for (const raw of [null, 42, 'x', [], [['Play', 'X']], { Play: 3 }, { Play: null }, { Play: { message: 5 } }]) {
    setBundle(raw);
    assert.equal(t('Play'), 'Play', JSON.stringify(raw));
  }
  setBundle(JSON.parse('{"__proto__": "polluted", "Play": {"message": "Spielen", "comment": ["verb"]}}'));
  assert.equal(t('Play'), 'Spielen', 'the { message, comment } form is read');
  assert.equal(t('__proto__'), 'polluted', 'an own key named __proto__ is just a key');
  assert.equal(t('constructor'), 'constructor', 'inherited keys are not translations');
  assert.equal(t('toString'), 'toString');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(parseBundle({ a: 'b' })), null);
  setBundle(undefined);
});

test('l10n/bundle.l10n.json is the English template of every message (regenerate: node --import tsx scripts/l10n-export.ts)', () => {
  const bundle = JSON.parse(readFileSync(BUNDLE_PATH, 'utf8')) as Record<string, unknown>;
  const missing = allMessages().filter((m) => !Object.hasOwn(bundle, m));
  assert.deepEqual(missing, [], 'messages missing from l10n/bundle.l10n.json');
  for (const [k, v] of Object.entries(bundle)) assert.equal(v, k, 'the English template maps each message to itself');
  // Spot checks that both sides were extracted.
  for (const m of ['distinct units: {0} of {1}', '{0} · unit {1} · {2} · {3}', 'Nothing is training. Play starts "{0}", or open the panel to pick a preset.', 'Training: step {0}', 'Constant 0.5']) {
    assert.ok(Object.hasOwn(bundle, m), m);
  }
});

test('translations by value are only the presets\' titles and lessons (which the template lists); the host uses literals only', () => {
  const isT = (n: ts.CallExpression): boolean => ts.isIdentifier(n.expression) && n.expression.text === 't';
  const dynamic = messagesIn(webviewFiles(), isT).dynamic.map((d) => d.replace(/^[^ ]+ /, ''));
  assert.deepEqual(dynamic.sort(), ['t(defaultTitle)', 't(p.title)', 't(state.lesson)'].sort(), 'other t(variable) calls need their messages listed in the template');
  const isHostT = (n: ts.CallExpression): boolean => ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 't'
    && ts.isPropertyAccessExpression(n.expression.expression) && n.expression.expression.name.text === 'l10n';
  assert.deepEqual(messagesIn(hostFiles(), isHostT).dynamic, []);
});

/** Literals that are not translated on purpose, and why. */
const NOT_TRANSLATED = new Map([
  ["'NaN'", 'a number, like ∞ and the digits around it'],
  ["`panel failed to handle '${String(message.type)}': ${err instanceof Error ? err.message : String(err)}`", 'a diagnostic for the host\'s log, not shown in the UI'],
]);

test('no text a user reads in the webviews bypasses t()', () => {
  const bypass = untranslatedLiterals().filter((line) => !NOT_TRANSLATED.has(line.replace(/^[^ ]+ /, '')));
  assert.deepEqual(bypass, []);
});

test('the bypass check finds untranslated text (and leaves classes, events, keys and translated text alone)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vi-l10n-'));
  const file = join(dir, 'sample.ts');
  try {
    writeFileSync(file, [
      "h('span', 'hm-axis hm-axis-w', {}, 'inputs');",
      "setText(label, 'live');",
      "el('vscode-button', { id: 'go', 'aria-label': 'Start the run' }, 'Go');",
      'setText(label, `step ${n}`);',
      "const title = ok ? 'Output layer' : 'Hidden layer';",
      "node.textContent = 'paused';",
      "showBanner(`The trainer stopped unexpectedly: ${m}`);",
      "h('div', 'tb icon-only', {}, t('Play'));",
      "if (e.key === 'ArrowUp') x.addEventListener('mouse leave', f);",
      "switch (k) { case 'PageDown': break; }",
      "el('vscode-button', { id: 'play', secondary: '' }, t('Pause {0}', n));",
    ].join('\n'));
    const found = untranslatedLiterals([file]).map((l) => l.replace(/^[^ ]+ /, ''));
    assert.deepEqual(found, ["'inputs'", "'live'", "'Start the run'", "'Go'", '`step ${n}`', "'Output layer'", "'Hidden layer'", "'paused'", '`The trainer stopped unexpectedly: ${m}`']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the .vsix ships the translations: package.json points at l10n/ and the allow-list keeps it', () => {
  const root = join(import.meta.dirname, '..', '..', '..');
  assert.equal((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { l10n?: string }).l10n, './l10n');
  const allow = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
  assert.ok(allow.includes('!l10n/**'), '.vscodeignore re-includes l10n/');
  assert.ok(allow.includes('!package.nls.*.json'), '.vscodeignore re-includes translated manifests');
});

test('counts are grouped the way the display language writes them; an unknown or missing language groups as English', () => {
  assert.equal(countFormat('en').format(1234567), '1,234,567');
  assert.equal(countFormat('de').format(1234567), '1.234.567');
  assert.match(countFormat('fr').format(1234567), /^1\s234\s567$/u);
  assert.equal(countFormat('not a language tag!').format(12345), '12,345');
  assert.equal(countFormat(undefined).format(12345), '12,345');
  assert.equal(countFormat('en').format(2.6), '3');
  assert.equal(formatCount(12345), '12,345', 'outside a page: English');
});

test('decimals are written with the display language\'s separator; an unknown or missing language writes a point', () => {
  assert.equal(decimalSeparator('en'), '.');
  assert.equal(decimalSeparator('de'), ',');
  assert.equal(decimalSeparator('fr'), ',');
  assert.equal(decimalSeparator('zh-cn'), '.');
  assert.equal(decimalSeparator('not a language tag!'), '.');
  assert.equal(decimalSeparator(undefined), '.');
  assert.equal(withDecimalSeparator('0.693', ','), '0,693');
  assert.equal(withDecimalSeparator('-1.5e-4', ','), '-1,5e-4');
  assert.equal(withDecimalSeparator('12', ','), '12');
  assert.equal(withDecimalSeparator('0.693'), '0.693', 'outside a page: English');
});
