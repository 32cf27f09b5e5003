// What the panel and the Training view say after the trainer's worker crashed. One wording for
// both: a restart is reported as such (the runs go on from step 0, playing or paused as they were;
// nothing to press); only a host that gave up says the runs stopped and offers to start again.
import type { PanelWorkerCrashed } from '../src/shared/panelProtocol';
import { t } from './l10n';

/** The banner text for a crash, and whether the view offers "Start again" (only when nothing runs any more). */
export function crashNotice(message: PanelWorkerCrashed): { text: string; startAgain: boolean } {
  const reason = typeof message.reason === 'string' && message.reason ? message.reason : t('unknown cause');
  return message.restarted === true
    ? { text: t('The trainer crashed ({0}) and was restarted: the runs are back at step 0.', reason), startAgain: false }
    : { text: t('The trainer crashed repeatedly ({0}) and stopped. Start again to retry.', reason), startAgain: true };
}
