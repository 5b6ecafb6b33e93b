/**
 * Wires the parts together: HTTP (demo site, built bundles, staff sign-in), socket.io namespaces,
 * SQLite storage. `startServer` is what `npm start` and the tests run.
 */
import express from 'express';
import expressStaticGzip from 'express-static-gzip';
import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { Server } from 'socket.io';
import { AssistantLines } from './assistant-lines.ts';
import { authRouter, sameOriginWrites } from './auth.ts';
import { ClientLimits } from './client-limits.ts';
import { loadSites, originAllowed, type SiteConfig } from './config.ts';
import { openDb, type Db } from './db.ts';
import { SiteAgent } from './agent.ts';
import { ROOT } from './env.ts';
import { HandoffService } from './handoff-service.ts';
import { Hub } from './hub.ts';
import { IdentityStore } from './identity.ts';
import { insightsRouter } from './insights.ts';
import { limitsFromEnv, QuietLog, type Limits } from './limits.ts';
import { requestOrigin, selfOrigin } from './origins.ts';
import { PresenceBoard } from './presence.ts';
import { loadVapidKeys, PushService, type PushOptions } from './push.ts';
import { Router, teamRef } from './routing.ts';
import {
  namespaces,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from './socket-events.ts';
import { attachStaffNamespace, disconnectEndedSessions, SESSION_CHECK_MS } from './staff-socket.ts';
import { SqliteConversationStore } from './store/conversations.ts';
import { SqliteHandoffStore } from './store/handoffs.ts';
import { InsightsStore } from './store/insights.ts';
import { SqliteStaffStore } from './store/staff.ts';
import { Transcript } from './transcript.ts';
import { attachVisitorNamespace, siteRefusal } from './visitor-socket.ts';

export interface ServerOptions {
  port: number;
  host?: string;
  dataDir: string;
  sitesFile: string;
  /** Where `npm run build` put the bundles. */
  distDir?: string;
  demoDir?: string;
  quiet?: boolean;
  /** How long a staff member may be offline before their open chats go back to the queue. */
  graceMs?: number;
  /** Web Push settings (VAPID subject, tests: http endpoints). */
  push?: PushOptions;
  /** What one client may ask of the server; by default `BATON_LIMIT_…` from the environment over the defaults. */
  limits?: Partial<Limits>;
  /** Where refusals are reported (default: the console, unless `quiet`). */
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  db: Db;
  sites: Map<string, SiteConfig>;
  staff: SqliteStaffStore;
  push: PushService;
  close(): Promise<void>;
}

/**
 * Strict CSP for pages this server renders: the widget needs only wasm for triage and blob: for its
 * worker; sockets and requests go to this server only ('self' covers ws: and wss: to the same host).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const sites = loadSites(options.sitesFile);
  const distDir = options.distDir ?? join(ROOT, 'dist');
  const demoDir = options.demoDir ?? join(ROOT, 'demo');
  const limits: Limits = { ...limitsFromEnv(), ...options.limits };
  const clientLimits = new ClientLimits(
    limits,
    new QuietLog(60_000, options.log ?? (options.quiet ? () => undefined : (line) => console.warn(line))),
  );
  const db = openDb(options.dataDir);
  const staff = new SqliteStaffStore(db);
  const conversations = new SqliteConversationStore(db);
  const identities = new IdentityStore(db);
  const handoffStore = new SqliteHandoffStore(
    db,
    (key) => sites.get(key)?.name ?? key,
    (key, teamId) => teamRef(sites.get(key), teamId),
    (conversationId) => identities.of(conversationId),
  );

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(express.json({ limit: '16kb' }));
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    next();
  });

  app.use('/api/staff', sameOriginWrites);
  app.use(
    '/api/staff',
    authRouter(staff, () => disconnectEndedSessions(staffNs, staff)),
  );
  app.use('/api/staff/insights', insightsRouter(new InsightsStore(db), staff, sites));
  const push = new PushService(db, staff, loadVapidKeys(options.dataDir), { quiet: !!options.quiet, ...options.push });
  app.use('/api/staff/push', push.router);

  // The widget's files load on customers' pages, so they are CORS-readable (module scripts,
  // the worker and the model are fetched cross-origin); the page origin check happens on the socket.
  // The build writes .br/.gz copies (the triage runtime is 11 MB raw, 1.8 MB in brotli); the
  // smallest one the browser accepts is sent.
  const bundle = expressStaticGzip(distDir, {
    enableBrotli: true,
    orderPreference: ['br', 'gz'],
    index: false,
    serveStatic: {
      index: false,
      setHeaders(res, path) {
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
        const stable = /[\\/](widget\.js|widget-app\.js|index\.html)(\.br|\.gz)?$/.test(path);
        res.setHeader('Cache-Control', stable ? 'no-cache' : 'public, max-age=31536000, immutable');
      },
    },
  });
  app.use(['/widget.js', '/widget-app.js', '/assets', '/models', '/ort'], (req, res, next) => {
    req.url = req.originalUrl;
    bundle(req, res, next);
  });
  // A widget whose connection is refused before any namespace (an origin no site allows) learns
  // why here: the same code and words as a refusal by the visitor namespace.
  app.get('/api/sites/:key/allowed', (req, res) => {
    // Asked from customers' pages on other origins; the answer is the same public words the socket gives.
    res.setHeader('Access-Control-Allow-Origin', '*');
    const refused = siteRefusal(sites, resolve(options.sitesFile), req.params.key, requestOrigin(req), selfOrigin(req));
    res.json(refused ? { allowed: false, ...refused.data } : { allowed: true });
  });

  const page = (file: string) => (_req: express.Request, res: express.Response) => {
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(file);
  };
  const staffPage = page(join(distDir, 'index.html'));
  app.get('/staff', (req, res) => {
    // The console's asset URLs are relative to /staff; with a trailing slash they would resolve
    // under /staff/ (Express matches both spellings here, so look at the URL itself).
    if (req.originalUrl.split('?')[0]!.endsWith('/')) return res.redirect(301, '/staff');
    staffPage(req, res);
  });
  // The installable console: manifest, icons and the service worker (scope /staff, one level up from its folder).
  app.use(
    '/staff',
    express.static(join(distDir, 'staff'), {
      index: false,
      setHeaders(res, path) {
        res.setHeader('Cache-Control', 'no-cache');
        if (path.endsWith('sw.js')) res.setHeader('Service-Worker-Allowed', '/staff');
        if (path.endsWith('.webmanifest')) res.setHeader('Content-Type', 'application/manifest+json');
      },
    }),
  );
  app.get('/', page(join(demoDir, 'index.html')));
  app.use('/demo', express.static(demoDir, { index: 'index.html', setHeaders: (res) => res.setHeader('Content-Security-Policy', CSP) }));

  const httpServer: HttpServer = createServer(app);
  const io = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(httpServer, {
    maxHttpBufferSize: limits.frameBytes,
    // A ping every 1.5 s, answered within 1 s: a client whose network silently went away notices
    // within 2.5 s (and tells its user), not after the default 45 s.
    pingInterval: 1_500,
    pingTimeout: 1_000,
    // Origins are checked per site below, for both transports; CORS here only lets polling work cross-origin.
    cors: { origin: true, credentials: false },
    allowRequest: (req, callback) => {
      const origin = requestOrigin(req);
      const self = selfOrigin(req);
      const known = origin === self || [...sites.values()].some((site) => originAllowed(site, origin, self));
      if (!known) {
        clientLimits.log.say(
          `origin ${origin}`,
          `[baton] refused a connection from ${origin}: no site allows that origin. Fix: add ${JSON.stringify(origin)} to the allowedOrigins of its site in ${resolve(options.sitesFile)}.`,
        );
        return callback(`origin ${origin} is not allowed by any site`, false);
      }
      const refused = clientLimits.refuseConnection(req);
      callback(refused ?? null, !refused);
    },
  });
  clientLimits.guard(io);
  // The widget and the console each have their own namespace; the root one carries nothing.
  io.of('/').use((_socket, next) => next(new Error('no such namespace: connect to /visitor or /staff')));
  const { visitors, staff: staffNs } = namespaces(io);
  // Presence reports to the hand-off service and the hub, which need presence themselves: its
  // callbacks reach them once they exist (nobody connects, and no grace period ends, before then).
  const presence = new PresenceBoard(
    options.graceMs ?? 120_000,
    (staffId) => handoffs.returnChats(staffId),
    (staffId) => hub.presenceChanged(staffId),
  );
  const router = new Router(sites, staff, conversations, handoffStore, presence);
  const hub = new Hub({
    visitors,
    staff: staffNs,
    conversations,
    handoffs: handoffStore,
    staffStore: staff,
    sites,
    router,
    presence,
    notifier: push,
  });
  const transcript = new Transcript(conversations, hub, sites, new AssistantLines());
  const handoffs = new HandoffService({ conversations, handoffs: handoffStore, staff, sites, router, hub, transcript });
  const agent = new SiteAgent(conversations, transcript, hub);
  // Chats held by staff when the server last stopped return to the queue if they do not come back.
  for (const member of staff.list()) if (handoffStore.openChats(member.id) > 0) presence.awaitReturn(member.id);
  attachVisitorNamespace(visitors, {
    sites,
    sitesFile: resolve(options.sitesFile),
    conversations,
    router,
    hub,
    transcript,
    handoffs,
    agent,
    limits: clientLimits,
    identities,
  });
  attachStaffNamespace(staffNs, {
    sites,
    staffStore: staff,
    conversations,
    handoffStore,
    router,
    presence,
    hub,
    handoffs,
    limits,
    log: clientLimits.log,
  });
  // Sessions also end in another process (`npm run staff -- disable`) or by expiry: re-check live sockets.
  const sessionCheck = setInterval(() => disconnectEndedSessions(staffNs, staff), SESSION_CHECK_MS);
  sessionCheck.unref();

  await new Promise<void>((ok) => httpServer.listen(options.port, options.host ?? '0.0.0.0', ok));
  const port = (httpServer.address() as AddressInfo).port;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : 'localhost';
  const url = `http://${host}:${port}`;
  if (!options.quiet) {
    if (!existsSync(join(distDir, 'widget.js')))
      console.warn(`[baton] ${distDir} has no widget.js: run "npm run build" (npm start does it for you).`);
    console.log(`[baton] listening on ${url}  (demo: ${url}/  staff console: ${url}/staff)`);
    console.log(`[baton] data in ${resolve(options.dataDir)}; sites from ${resolve(options.sitesFile)}: ${[...sites.keys()].join(', ')}`);
    if (staff.count() === 0) {
      console.log('[baton] No staff account yet. Create one (same DATA_DIR), then sign in at /staff:');
      console.log('          npm run staff -- add --email you@example.com --name "Your Name"');
    }
  }

  return {
    url,
    port,
    db,
    sites,
    staff,
    push,
    close: async () => {
      clearInterval(sessionCheck);
      presence.stop();
      io.disconnectSockets(true);
      const closed = new Promise<void>((ok) => io.close(() => ok()));
      // A long-poll or keep-alive request still open would hold the port (and the process) forever.
      httpServer.closeAllConnections();
      await closed;
      // Deliveries in flight may still delete a gone subscription.
      await push.idle();
      db.close();
    },
  };
}
