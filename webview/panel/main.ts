// Entry of the Visualize Init panel webview: handshake with the host, then render.
import { PANEL_PROTOCOL_VERSION, type ToPanelMessage } from '../../src/shared/panelProtocol';
import { getVsCodeApi } from './vscodeApi';

const vscode = getVsCodeApi<Record<string, never>>();
const app = document.getElementById('app') as HTMLElement;

function render(status: string): void {
  app.replaceChildren();
  const h1 = document.createElement('h1');
  h1.textContent = 'Visualize Init';
  const lead = document.createElement('p');
  lead.className = 'lead';
  lead.textContent = 'Why must weights start random? Train a small network and watch constant initialization keep every hidden unit identical.';
  const statusLine = document.createElement('p');
  statusLine.id = 'status';
  statusLine.setAttribute('role', 'status');
  statusLine.textContent = status;
  app.append(h1, lead, statusLine);
}

window.addEventListener('message', (event: MessageEvent<ToPanelMessage>) => {
  const message = event.data;
  switch (message?.type) {
    case 'init':
      render(`Connected to the extension host (Visualize Init ${message.extensionVersion}, protocol ${message.protocolVersion}).`);
      return;
  }
});

render('Connecting to the extension host...');
vscode.postMessage({ type: 'ready', protocolVersion: PANEL_PROTOCOL_VERSION });
