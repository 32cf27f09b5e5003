import * as vscode from 'vscode';

/** Command id of "Open Sample with Constant Initialization". */
export const OPEN_SAMPLE_COMMAND = 'visualizeInit.openSample';

/** The classic mistake: a NumPy MLP whose hidden weights all start at zero. */
export const SAMPLE_SOURCE = `import numpy as np

# A two-layer network for MNIST-sized inputs. Its hidden weights all start at zero:
# every hidden unit computes the same output and receives the same gradient, so the
# 128 units stay copies of each other forever. Visualize Init flags the line below.
W1 = np.zeros((784, 128))
b1 = np.zeros(128)
W2 = np.random.randn(128, 10) * 0.01
b2 = np.zeros(10)


def forward(x):
    h = np.tanh(x @ W1 + b1)
    return h @ W2 + b2
`;

/** Registers the command that opens the sample as an untitled Python file. */
export function registerOpenSample(): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_SAMPLE_COMMAND, async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: SAMPLE_SOURCE });
    const editor = await vscode.window.showTextDocument(document);
    const line = SAMPLE_SOURCE.split('\n').findIndex((l) => l.startsWith('W1 = '));
    const at = new vscode.Range(line, 5, line, 5);
    editor.selection = new vscode.Selection(at.start, at.start);
    editor.revealRange(at, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return document;
  });
}
