import * as vscode from 'vscode';

/**
 * The activity-bar container's first view. It has no items of its own: VS Code then shows the
 * view's welcome content (package.json viewsWelcome), with buttons for the two commands.
 */
export function registerWelcomeView(): vscode.Disposable {
  const empty: vscode.TreeDataProvider<never> = { getTreeItem: (e) => e, getChildren: () => [] };
  return vscode.window.registerTreeDataProvider('visualizeInit.welcome', empty);
}
