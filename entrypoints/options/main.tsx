import '../../src/util/zod-config';
import { createRoot } from 'react-dom/client';
import { Options } from '../../src/ui/options/Options';

const root = document.getElementById('root');
if (root) createRoot(root).render(<Options />);
