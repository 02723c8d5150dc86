import { startOffscreenClipboard } from '../../src/actions/offscreen-clipboard';

startOffscreenClipboard();
