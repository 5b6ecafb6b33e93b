/** A real staff member, driven from Node: signs in over HTTP, claims a chat over the staff socket, replies. */
import { io, type Socket } from 'socket.io-client';
import { STAFF_NAMESPACE, type StaffClientEvents, type StaffServerEvents } from '../../src/protocol/events.ts';
import type { RunningServer } from '../../src/server/app.ts';
import { hashPassword } from '../../src/server/passwords.ts';

let counter = 0;

export async function staffReply(
  server: RunningServer,
  p: { conversationId: string; reply: string; name?: string },
): Promise<{ claimed: boolean }> {
  const email = `staff${++counter}-${Date.now()}@example.com`;
  server.staff.add(email, p.name ?? 'Sam Rivera', await hashPassword('test-password-1'));
  const login = await fetch(`${server.url}/api/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'test-password-1' }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const socket: Socket<StaffServerEvents, StaffClientEvents> = io(`${server.url}${STAFF_NAMESPACE}`, {
    extraHeaders: { cookie },
    transports: ['websocket'],
  });
  try {
    await new Promise<void>((ok, fail) => (socket.once('connect', ok), socket.once('connect_error', fail)));
    const claim = await socket.timeout(5000).emitWithAck('conversation:claim', { conversationId: p.conversationId });
    if (!claim.ok) return { claimed: false };
    const sent = await socket.timeout(5000).emitWithAck('message:send', {
      conversationId: p.conversationId,
      message: { id: `staffmsg${Date.now()}`, text: p.reply, createdAt: Date.now() },
    });
    return { claimed: sent.ok };
  } finally {
    socket.close();
  }
}
