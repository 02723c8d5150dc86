import { launch } from '/work/main/demo/browser';
const l = await launch({ extensionDir: '/tmp/crmb-dev/.output/chrome-mv3-bench' });
const page = await l.extPage();
const cdp = await l.ctx.newCDPSession(page);
const { targetInfos } = await cdp.send('Target.getTargets') as any;
console.log(targetInfos.map((t: any) => [t.type, t.url, t.attached]));
const sw = targetInfos.find((t: any) => t.type === 'service_worker');
try {
  const r = await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false }) as any;
  console.log('attached', r);
  let id = 0;
  const pending = new Map<number, (v: any) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e: any) => {
    const m = JSON.parse(e.message);
    if (m.id && pending.has(m.id)) { pending.get(m.id)!(m); pending.delete(m.id); }
  });
  const call = (method: string, params = {}) => new Promise<any>((res) => { const i = ++id; pending.set(i, res); void cdp.send('Target.sendMessageToTarget', { sessionId: r.sessionId, message: JSON.stringify({ id: i, method, params }) }); });
  console.log(await call('HeapProfiler.collectGarbage'));
  console.log(await call('Runtime.getHeapUsage'));
} catch (e) { console.log('err', e); }
await l.close();
