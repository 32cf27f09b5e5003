// Which words of a file a Program keeps (Program.words): only those that can hint at something the
// analysis reads from the whole file. Keeping every identifier cost a set insertion per name
// occurrence, about a tenth of an analysis, for words no rule ever looked up.
import { ACTIVATION_NAMES, activationOfName } from './activation';
import { isNumbered } from './names';

/** Words looked up by name: `np.maximum(0, x)` is a ReLU (activation.ts), `np.dot` a product (numpy.ts). */
const LOOKED_UP: ReadonlySet<string> = new Set([...ACTIVATION_NAMES, 'maximum', 'dot']);

/**
 * True for a word (identifier, attribute name or short string) that Program.words keeps: an
 * activation's name (`relu`, `'nn.Tanh'`), a numbered name (`fc2`, `W_3`: a layer series, legit.ts),
 * `maximum` or `dot`.
 */
export function isHintWord(w: string): boolean {
  if (LOOKED_UP.has(w)) return true;
  const last = w.charCodeAt(w.length - 1);
  if (last >= 48 && last <= 57 && isNumbered(w)) return true;
  return w.includes('.') && activationOfName(w) !== undefined;
}
