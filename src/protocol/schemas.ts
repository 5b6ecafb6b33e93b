/**
 * Every payload that crosses the socket, as a zod schema. The server validates with these at
 * the boundary; browser code imports only the inferred types (type-only imports, so zod never
 * reaches the widget bundle).
 */
import { z } from 'zod';
import { LIMITS } from './limits.ts';

const id = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ or -');
const text = z.string().trim().min(1, 'must not be empty').max(LIMITS.messageChars, `must be at most ${LIMITS.messageChars} characters`);
const clientTime = z.number().int().nonnegative();

export const ConversationRef = z.object({ conversationId: id, token: z.string().min(20).max(128) });

export const MessageInput = z.object({
  id,
  role: z.enum(['visitor', 'assistant']),
  text,
  createdAt: clientTime,
});

export const PageContext = z.object({
  url: z.string().max(2000),
  title: z.string().max(300).optional(),
  referrer: z.string().max(2000),
  language: z.string().max(35),
  timeZone: z.string().max(64),
  device: z.object({
    userAgent: z.string().max(500),
    viewport: z.string().max(20),
    touch: z.boolean(),
  }),
  timeOnPageMs: z.number().int().nonnegative(),
});

export const HandoffReason = z.enum(['visitor_asked']);

export const Contact = z
  .object({
    name: z.string().trim().max(LIMITS.contactChars).optional(),
    email: z.email('is not a valid email address').max(LIMITS.contactChars).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^[+()0-9 .-]{6,30}$/, 'is not a valid phone number')
      .optional(),
  })
  .refine((c) => c.email !== undefined || c.phone !== undefined, { message: 'needs an email or a phone number' });

export const VisitorHello = z.object({
  conversationId: id.optional(),
  token: z.string().min(20).max(128).optional(),
  afterSeq: z.number().int().nonnegative().optional(),
});
export const VisitorSend = ConversationRef.extend({ message: MessageInput });
export const VisitorSync = ConversationRef.extend({ afterSeq: z.number().int().nonnegative() });
export const VisitorHandoff = ConversationRef.extend({
  id,
  reason: HandoffReason,
  context: PageContext,
  transcript: z.array(MessageInput).max(LIMITS.transcriptMessages),
});
export const VisitorContact = ConversationRef.extend({ id, contact: Contact, message: z.string().trim().max(LIMITS.messageChars) });
export const VisitorTyping = ConversationRef.extend({ typing: z.boolean() });

export const StaffConversationRef = z.object({ conversationId: id });
export const StaffOpen = StaffConversationRef.extend({ afterSeq: z.number().int().nonnegative().optional() });
export const StaffSend = StaffConversationRef.extend({ message: z.object({ id, text, createdAt: clientTime }) });
export const StaffTyping = StaffConversationRef.extend({ typing: z.boolean() });

export type MessageInput = z.infer<typeof MessageInput>;
export type PageContext = z.infer<typeof PageContext>;
export type HandoffReason = z.infer<typeof HandoffReason>;
export type Contact = z.infer<typeof Contact>;
export type VisitorHello = z.infer<typeof VisitorHello>;
export type VisitorSend = z.infer<typeof VisitorSend>;
export type VisitorSync = z.infer<typeof VisitorSync>;
export type VisitorHandoff = z.infer<typeof VisitorHandoff>;
export type VisitorContact = z.infer<typeof VisitorContact>;
export type VisitorTyping = z.infer<typeof VisitorTyping>;
export type StaffConversationRef = z.infer<typeof StaffConversationRef>;
export type StaffOpen = z.infer<typeof StaffOpen>;
export type StaffSend = z.infer<typeof StaffSend>;
export type StaffTyping = z.infer<typeof StaffTyping>;
