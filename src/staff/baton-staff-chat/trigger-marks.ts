/** Why a transcript message is marked: the handoff's reasons (by message) and any visitor message triage acted on. */
import { Role } from '../../protocol/messages.ts';
import { percent, reasonName } from '../packet-words.ts';
import type { OpenChat } from '../types.ts';

export interface TriggerMark {
  names: string[];
  /** Part of the handoff's reasons (not just flagged along the way). */
  handoff: boolean;
  action?: string;
}

const MARK_WORDS: Record<string, string> = {
  handoff: 'Triggered the handoff',
  offer: 'Triage offered a person',
  flag: 'Flagged for staff',
};

/** The words before a mark's reasons: what triage did with the message. */
export const markWords = (mark: TriggerMark): string =>
  MARK_WORDS[mark.handoff ? 'handoff' : (mark.action ?? 'flag')] ?? MARK_WORDS['flag']!;

/** A handoff reason, or one triage acted on, marks its message with the mark `trigger`; others are `flagged`. */
export const markKind = (mark: TriggerMark): 'trigger' | 'flagged' => (mark.handoff || mark.action === 'handoff' ? 'trigger' : 'flagged');

export function triggerMarks(chat: OpenChat): Map<string, TriggerMark> {
  const marks = new Map<string, TriggerMark>();
  const mark = (id: string) => {
    let m = marks.get(id);
    if (!m) marks.set(id, (m = { names: [], handoff: false }));
    return m;
  };
  for (const r of chat.packet?.why.reasons ?? []) {
    if (!r.messageId) continue;
    const m = mark(r.messageId);
    m.handoff = true;
    const name = r.score === undefined ? reasonName(r.name) : `${reasonName(r.name)} ${percent(r.score)}`;
    if (!m.names.some((n) => n.startsWith(reasonName(r.name)))) m.names.push(name);
  }
  for (const line of chat.lines) {
    const t = line.triage;
    if (line.role !== Role.visitor || !t || t.action === 'none') continue;
    const m = mark(line.id);
    m.action = t.action;
    for (const n of [...t.labels, ...t.signals]) {
      const name = reasonName(n);
      if (!m.names.some((x) => x.startsWith(name)))
        m.names.push(
          t.scores?.[n as keyof typeof t.scores] === undefined ? name : `${name} ${percent(t.scores[n as keyof typeof t.scores]!)}`,
        );
    }
  }
  return marks;
}
