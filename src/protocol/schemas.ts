/**
 * Every payload that crosses the socket, as a zod schema. The server validates with these at
 * the boundary; browser code imports only the inferred types (type-only imports, so zod never
 * reaches the widget bundle).
 */
import { z } from 'zod';
import { ConversationSignal, Label as LabelName, RuleSignal } from '../triage/labels.ts';
import { LIMITS } from './limits.ts';

const id = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ or -');
/**
 * Half of a UTF-16 surrogate pair on its own is not a character: storage would turn it into U+FFFD,
 * and the text acknowledged would differ from the text stored. Refused, by name.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (s: string): boolean => !LONE_SURROGATE.test(s);
const WELL_FORMED = 'must be well-formed Unicode (it contains half of a surrogate pair)';
/** Text that shows nothing: spaces, and characters that are invisible by definition (zero-width space, joiners, BOM …). */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}]/gu;
const visible = (s: string): boolean => s.replace(INVISIBLE, '').length > 0;

/** Free text a visitor or staff member writes (a note, a comment): well-formed, trimmed. */
const freeText = (max: number) => z.string().trim().max(max).refine(wellFormed, WELL_FORMED);
/** A message: something visible (only spaces or zero-width characters is empty), well-formed, within the limit. */
const text = z
  .string()
  .trim()
  .refine(visible, 'must not be empty')
  .refine((s) => s.length <= LIMITS.messageChars, `must be at most ${LIMITS.messageChars} characters`)
  .refine(wellFormed, WELL_FORMED);
const clientTime = z.number().int().nonnegative();

export const ConversationRef = z.object({ conversationId: id, token: z.string().min(20).max(128) });

// From the const objects themselves, so parsed labels and signals keep their union types.
const Label = z.enum(LabelName);
const Signal = z.enum({ ...RuleSignal, ...ConversationSignal });
const Scores = z.partialRecord(Label, z.number().min(0).max(1));
const Source = z.object({ id: z.string().max(80), title: z.string().max(300) });

/** What on-device triage made of a visitor message, stored with it. */
export const TriageMeta = z.object({
  /** Model scores, or null where only the rules ran (model still loading or unavailable). */
  scores: Scores.nullable(),
  labels: z.array(Label).max(10),
  signals: z.array(Signal).max(10),
  action: z.enum(['handoff', 'offer', 'flag', 'none']),
  /** Enter to decision, in the visitor's browser. */
  ms: z.number().nonnegative().max(600_000),
});

/** What the assistant did in an assistant message. */
export const AssistantMeta = z.object({
  kind: z.enum(['greeting', 'answer', 'miss', 'smalltalk', 'notice', 'ask_contact', 'offer']),
  sources: z.array(Source).max(10),
  need: z.string().max(300).optional(),
});

export const MessageInput = z.object({
  id,
  role: z.enum(['visitor', 'assistant']),
  text,
  createdAt: clientTime,
  triage: TriageMeta.optional(),
  assistant: AssistantMeta.optional(),
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

/** Why the handoff started: the visitor pressed "Talk to a person", the site's policy handed off, or the visitor accepted an offer. */
export const HandoffReason = z.enum(['visitor_asked', 'policy', 'offer_accepted']);

export const DetailKind = z.enum(['name', 'email', 'phone', 'order', 'address', 'date', 'amount']);
export const Detail = z.object({ kind: DetailKind, value: z.string().max(300), messageId: id });

/**
 * Everything a person needs to take over without asking the visitor to repeat anything. Built on
 * the device (triage and the assistant run there); the transcript travels beside it and the server
 * keeps its own stored messages as the source of truth.
 */
export const HandoffPacket = z.object({
  asked: z.object({
    first: z.string().max(LIMITS.messageChars),
    latest: z.string().max(LIMITS.messageChars),
    needs: z.array(z.string().max(300)).max(20),
  }),
  understood: z.object({
    need: z.string().max(300),
    messages: z
      .array(z.object({ messageId: id, labels: z.array(Label).max(10), scores: Scores.nullable(), signals: z.array(Signal).max(10) }))
      .max(LIMITS.transcriptMessages),
  }),
  tried: z
    .array(
      z.object({
        messageId: id,
        kind: z.enum(['answer', 'miss', 'smalltalk']),
        text: z.string().max(LIMITS.messageChars),
        sources: z.array(Source).max(10),
      }),
    )
    .max(LIMITS.transcriptMessages),
  collected: z.array(Detail).max(50),
  why: z.object({
    action: z.enum(['handoff', 'offer', 'flag', 'none']),
    reasons: z
      .array(
        z.object({
          kind: z.enum(['label', 'signal', 'rule', 'visitor']),
          name: z.string().max(40),
          score: z.number().min(0).max(1).optional(),
          messageId: id.optional(),
          evidence: z.string().max(500),
        }),
      )
      .max(20),
  }),
  mood: z.array(z.object({ messageId: id, frustration: z.number().min(0).max(1) })).max(LIMITS.transcriptMessages),
  pagesSeen: z.array(z.string().max(2000)).max(20),
  localTime: z.string().max(60),
  timeOnSiteMs: z.number().int().nonnegative(),
});

export const Contact = z
  .object({
    name: freeText(LIMITS.contactChars).optional(),
    email: z.email('is not a valid email address').max(LIMITS.contactChars).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^[+()0-9 .-]{6,30}$/, 'is not a valid phone number')
      .optional(),
  })
  .refine((c) => c.email !== undefined || c.phone !== undefined, { message: 'needs an email or a phone number' });

/**
 * Who a signed-in customer is, as the site's own server vouches for them: the fields, an expiry
 * (Unix seconds) and an HMAC-SHA256 over them with the site's `identitySecret` (see
 * `src/server/identity.ts` for the exact string that is signed). Sent in the visitor socket's
 * handshake; a missing, wrong or expired signature leaves the visitor unverified.
 */
export const VisitorIdentity = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^\n]*$/, 'must be one line'),
  name: z
    .string()
    .max(200)
    .regex(/^[^\n]*$/, 'must be one line')
    .optional(),
  email: z
    .string()
    .max(LIMITS.contactChars)
    .regex(/^[^\n]*$/, 'must be one line')
    .optional(),
  expires: z.number().int().positive(),
  signature: z.string().regex(/^[0-9a-f]{64}$/, 'must be a hex HMAC-SHA256'),
});

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
  packet: HandoffPacket.optional(),
});
export const VisitorContact = ConversationRef.extend({ id, contact: Contact, message: freeText(LIMITS.messageChars) });
export const VisitorTyping = ConversationRef.extend({ typing: z.boolean() });
export const VisitorRate = ConversationRef.extend({ rating: z.number().int().min(1).max(5), comment: freeText(1000).optional() });

export const StaffConversationRef = z.object({ conversationId: id });
export const StaffOpen = StaffConversationRef.extend({ afterSeq: z.number().int().nonnegative().optional() });
export const StaffSend = StaffConversationRef.extend({ message: z.object({ id, text, createdAt: clientTime }) });
export const StaffTyping = StaffConversationRef.extend({ typing: z.boolean() });
export const StaffClose = StaffConversationRef.extend({ hadContext: z.boolean().optional() });
export const StaffTransfer = StaffConversationRef.extend({
  to: z.union([z.object({ teamId: z.string().min(1).max(40) }), z.object({ staffId: z.number().int().positive() })]),
  note: freeText(1000),
});
export const StaffPresence = z.object({ status: z.enum(['online', 'away']) });

export type MessageInput = z.infer<typeof MessageInput>;
export type TriageMeta = z.infer<typeof TriageMeta>;
export type AssistantMeta = z.infer<typeof AssistantMeta>;
export type Detail = z.infer<typeof Detail>;
export type HandoffPacket = z.infer<typeof HandoffPacket>;
export type VisitorRate = z.infer<typeof VisitorRate>;
export type StaffClose = z.infer<typeof StaffClose>;
export type StaffTransfer = z.infer<typeof StaffTransfer>;
export type StaffPresence = z.infer<typeof StaffPresence>;
export type PageContext = z.infer<typeof PageContext>;
export type HandoffReason = z.infer<typeof HandoffReason>;
export type Contact = z.infer<typeof Contact>;
export type VisitorHello = z.infer<typeof VisitorHello>;
export type VisitorIdentity = z.infer<typeof VisitorIdentity>;
export type VisitorSend = z.infer<typeof VisitorSend>;
export type VisitorSync = z.infer<typeof VisitorSync>;
export type VisitorHandoff = z.infer<typeof VisitorHandoff>;
export type VisitorContact = z.infer<typeof VisitorContact>;
export type VisitorTyping = z.infer<typeof VisitorTyping>;
export type StaffConversationRef = z.infer<typeof StaffConversationRef>;
export type StaffOpen = z.infer<typeof StaffOpen>;
export type StaffSend = z.infer<typeof StaffSend>;
export type StaffTyping = z.infer<typeof StaffTyping>;
