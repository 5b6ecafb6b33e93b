/**
 * What the attention and offline-copy controllers read of the rest of the console (they change
 * none of it). The staff controller is one; tests can pass a stand-in.
 */
import type { StaffMember } from '../../protocol/events.ts';
import type { ChatCacheController } from './chat-cache-controller.ts';
import type { ConnectionController } from './connection-controller.ts';
import type { DraftsController } from './drafts-controller.ts';
import type { PresenceController } from './presence-controller.ts';
import type { QueueController } from './queue-controller.ts';

export interface ConsoleState {
  readonly connection: ConnectionController;
  readonly queue: QueueController;
  readonly chats: ChatCacheController;
  readonly presence: PresenceController;
  readonly drafts: DraftsController;
  readonly session: { readonly me?: StaffMember | undefined };
}
