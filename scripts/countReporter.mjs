// node:test reporter that prints nothing but a final JSON line of leaf-test counts for scripts/test-all.mjs.
export default async function* countReporter(source) {
  let passed = 0, failed = 0, skipped = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip || event.data.todo) skipped++;
    else if (event.type === 'test:pass') passed++;
    else failed++;
  }
  yield `${JSON.stringify({ passed, failed, skipped })}\n`;
}
