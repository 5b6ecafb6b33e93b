import { io } from 'socket.io-client';
import { startServer } from '/work/main/src/server/app.ts';
const s = await startServer({ port: 0, host: '127.0.0.1', dataDir: '/tmp/bt2', sitesFile: '/work/main/demo/sites.json', quiet: true });
const c = io(s.url + '/visitor', { auth: { siteKey: 'demo-plumbing' } });
c.on('connect_error', (e) => console.log('err', e.message));
await new Promise((r) => c.on('connect', r));
console.log(await c.timeout(3000).emitWithAck('visitor:hello', {}).catch(e => 'x' + e));
console.log(await c.timeout(3000).emitWithAck('conversation:start', {}).catch(e => 'x' + e));
c.close(); await s.close();
