import { z } from 'zod';

// Extension CSP forbids eval: tell zod not to try its `new Function` fast path at all (it would only
// fail and fall back, logging CSP violations). Imported first by every extension context.
z.config({ jitless: true });
