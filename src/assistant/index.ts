/**
 * The built-in assistant, for the widget (and the server): answers from a site's knowledge, and
 * the details staff will need, read from the visitor's messages. Pure logic, no DOM, no Node.
 *
 * The zod schema for the knowledge lives in `./knowledge.ts` (`Knowledge`), for the server's sites
 * file; browser code takes only its types from here, so zod stays out of the widget bundle.
 */
export {
  createAssistant,
  DEFAULT_THRESHOLD,
  ReplyKind,
  type ReplyOptions,
  type Assistant,
  type AssistantOptions,
  type AssistantReply,
  type AssistantSource,
  type AssistantTurn,
} from './assistant.ts';
export { DetailKind, extractDetails, normaliseDetail, type Detail, type ExtractableMessage } from './extract.ts';
export type { FaqEntry, Facts, Knowledge, KnowledgeInput, PriceLine } from './knowledge.ts';
export { DEFAULT_EMERGENCY_NUMBER, safetyInstruction, type SafetyInstruction } from './safety.ts';
export { LANGS, languageName, type Lang } from './lang/index.ts';
