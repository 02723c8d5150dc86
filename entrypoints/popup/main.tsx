import '../../src/util/zod-config';
import { createRoot } from 'react-dom/client';
import { Popup } from '../../src/ui/popup/Popup';

// popup.html?tab=<id> opened in a normal tab (tests, a detached inspector) fills the window instead
// of taking the fixed toolbar-popup size.
if (new URLSearchParams(location.search).has('tab')) document.documentElement.classList.add('in-tab');

const root = document.getElementById('root');
if (root) createRoot(root).render(<Popup />);
