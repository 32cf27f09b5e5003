import * as assert from 'node:assert/strict';
import type { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type { VisualizeInitApi } from '../../src/host/views';
import type { ToPanelMessage } from '../../src/shared/panelProtocol';
import { presetById } from '../../src/shared/presets';
import { activeExtension, panelTabs, waitFor, watchEventLoop } from './util';
import { shownElements, waitForShown } from './workbenchDom';

/** The trainer's worker thread, reached the way the unit tests reach it (no test-only API in the product). */
function trainerWorker(session: VisualizeInitApi['session']): Worker | null {
  return (session as unknown as { client: { worker: Worker | null } }).client.worker;
}

/** Opens the panel and starts He normal playing in it; returns the shared training session. */
async function startHeNormalInPanel(): Promise<VisualizeInitApi['session']> {
  const { session } = (await activeExtension()).exports as VisualizeInitApi;
  await vscode.commands.executeCommand('visualizeInit.open');
  await waitFor('the panel tab', () => panelTabs().length === 1);
  session.handle({ type: 'start', runs: presetById('heNormal')!.runs(), paused: false });
  return session;
}

suite('Trainer worker killed mid-run', () => {
  teardown(async () => {
    const { session } = (await activeExtension()).exports as VisualizeInitApi;
    session.handle({ type: 'pause' });
    for (let i = 0; i < 5 && vscode.window.visibleTextEditors.length > 0; i++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the panel says so, the restarted run shows its first snapshot within 1 s, and the extension host keeps answering', async function () {
    this.timeout(120_000);
    const session = await startHeNormalInPanel();
    // What the panel shows, read from its webview: the run is training.
    await waitForShown('[data-run-step="0"]', /^step [1-9][\d,]{2,}$/, 30_000);
    await waitForShown('.run-state', /^running/);

    // A viewer of our own receives exactly what the session sends the panel, with arrival times.
    const received: Array<{ at: number; message: ToPanelMessage }> = [];
    const viewer = session.attach((message) => {
      received.push({ at: performance.now(), message });
      return Promise.resolve(true);
    });
    const loop = watchEventLoop();
    try {
      const stepBefore = session.runs[0].step;
      const worker = trainerWorker(session);
      assert.ok(worker, 'a run is training, so the worker thread exists');
      const killedAt = performance.now();
      await worker.terminate();
      const crash = await waitFor('the session to report the crash', () => received.find((r) => r.message.type === 'workerCrashed'));
      const first = await waitFor('the first snapshot of the restarted run', () => received.find((r) => r.at >= crash.at && r.message.type === 'snapshot'), 10_000);
      const restartMs = first.at - crash.at;
      console.log(`WORKER CRASH kill -> crash reported ${(crash.at - killedAt).toFixed(0)} ms, restart -> first snapshot ${restartMs.toFixed(0)} ms (limit 1000), kill -> first snapshot ${(first.at - killedAt).toFixed(0)} ms; event-loop lag p99 ${loop.p99().toFixed(0)} ms, worst ${loop.worst.toFixed(0)} ms`);
      assert.ok(restartMs < 1000, `the restarted run's first snapshot came ${restartMs.toFixed(0)} ms after the restart`);
      assert.ok(first.message.type === 'snapshot' && first.message.step < stepBefore, `the new run starts again from step 0 (first snapshot at step ${first.message.type === 'snapshot' ? first.message.step : '?'}, before the kill ${stepBefore})`);
      assert.notEqual(trainerWorker(session), worker, 'a new worker thread trains');
      assert.equal(session.isPlaying, true, 'the run keeps playing without anyone pressing play');

      // The user sees why the heatmaps jumped back, in one statement: restarted, training goes on.
      const banner = await waitForShown('#banner .banner-text', /trainer crashed/);
      assert.match(banner, /^The trainer crashed \(exited with code \d+\) and was restarted: the runs are back at step 0\.$/);
      assert.doesNotMatch(banner, /stopped|unexpectedly|start again|undefined|\[object/i);
      // Nothing to press: the run was never stopped, so the panel neither offers "Start again" nor shows it stopped.
      const startAgain = await shownElements('#start-again');
      assert.ok(startAgain.length > 0, 'the panel has its Start again button (hidden), so its absence on screen means something');
      assert.deepEqual(startAgain.filter((e) => e.visible).map((e) => e.text), [], 'no Start again button is shown after a restart');
      const states = (await shownElements('.run-state')).filter((e) => e.visible).map((e) => e.text);
      assert.ok(states.length > 0 && states.every((s) => !/stopped/.test(s)), `the run is not shown as stopped after the restart: ${JSON.stringify(states)}`);
      await waitForShown('.run-state', /^running/);
      await waitFor('the restarted run to train on', () => session.runs[0]?.step > 20, 10_000);

      // The extension host is unaffected: it answers commands, and the analyzer (another worker) still works.
      const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'import numpy as np\nW1 = np.zeros((784, 128))\n' });
      await vscode.window.showTextDocument(doc);
      const asked = performance.now();
      assert.equal(await vscode.commands.executeCommand<number>('visualizeInit.analyzeCurrentFile'), 1);
      console.log(`WORKER CRASH afterwards a command answered in ${(performance.now() - asked).toFixed(0)} ms; event-loop lag from the kill on: p99 ${loop.p99().toFixed(0)} ms, worst ${loop.worst.toFixed(0)} ms`);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      assert.ok(loop.worst < 1000, `the extension host's event loop stalled for ${loop.worst.toFixed(0)} ms`);
    } finally {
      loop.stop();
      viewer.dispose();
    }
  });

  test('a worker that keeps crashing: the panel says the trainer stopped and offers Start again', async function () {
    this.timeout(120_000);
    const session = await startHeNormalInPanel();
    await waitForShown('.run-state', /^running/, 30_000);
    const crashes: Array<ToPanelMessage & { type: 'workerCrashed' }> = [];
    const viewer = session.attach((message) => {
      if (message.type === 'workerCrashed') crashes.push(message);
      return Promise.resolve(true);
    });
    try {
      // The client tolerates 3 crashes a minute (the previous test's crash may count): kill until it gives up.
      for (let kill = 1; kill <= 5 && !crashes.some((c) => !c.restarted); kill++) {
        const worker = await waitFor('a trainer worker to kill', () => trainerWorker(session) ?? undefined, 10_000);
        await worker.terminate();
        await waitFor(`the session to report crash ${kill}`, () => crashes.length >= kill);
      }
      assert.ok(crashes.some((c) => !c.restarted), `the restart budget ran out (crash reports: ${JSON.stringify(crashes)})`);
      const banner = await waitForShown('#banner .banner-text', /stopped/);
      assert.match(banner, /^The trainer crashed repeatedly \(exited with code \d+\) and stopped\. Start again to retry\.$/);
      await waitForShown('#start-again', /^Start again$/);
      await waitForShown('.run-state', /^stopped$/);
      assert.equal(session.isPlaying, false);
    } finally {
      viewer.dispose();
    }
  });
});
