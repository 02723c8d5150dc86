import '../../src/util/zod-config';
import { createRoot } from 'react-dom/client';
import { AskPage } from '../../src/ui/ask/AskPage';

document.documentElement.classList.add('in-tab');
const root = document.getElementById('root');
if (root) createRoot(root).render(<AskPage id={new URLSearchParams(location.search).get('id') ?? ''} />);
