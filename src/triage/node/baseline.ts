/**
 * The baseline a site owner might pick instead of a model: a keyword list per label in our four
 * languages, plus the VADER sentiment lexicon for frustration. Written in good faith (stems, common
 * misspellings, each language), so the model's gain over it is a fair one.
 */
import vader from 'vader-sentiment';
import { LABELS, type Label } from '../labels.ts';
import { fold } from '../text.ts';

const KEYWORDS: Record<Label, string> = {
  frustration:
    'ridiculous|unacceptable|useless|terrible|worst|awful|angry|furious|frustrat|annoyed|fed up|sick of|bad review|never again|wtf|ridiculo|inaceptable|harto|pesimo|ridicule|inacceptable|marre|nul|lacherlich|unverschamt|frechheit|genervt|sauer',
  human_request:
    'human|real person|agent|representative|manager|supervisor|speak to someone|talk to someone|call me|humano|persona real|hablar con alguien|encargado|llamame|humain|vraie personne|conseiller|rappelez|mensch|mitarbeiter|ruckruf|rufen sie mich',
  medical:
    'doctor|hospital|sick|ill|pain|allerg|rash|symptom|medication|medicine|pregnan|injur|bleed|fever|tooth|dentist|infection|medico|dolor|alergi|embaraz|sangr|fiebre|medecin|douleur|enceinte|fievre|arzt|schmerz|allergi|schwanger|fieber',
  legal:
    'lawyer|attorney|sue|suing|lawsuit|legal|court|contract|liabil|permit|gdpr|delete my data|discriminat|police|abogado|demanda|denuncia|contrato|avocat|poursuite|tribunal|plainte|anwalt|klage|gericht|vertrag|datenschutz|polizei',
  financial:
    'charged twice|double charge|fraud|chargeback|refund|billing|overcharg|unauthori|stolen card|payment plan|financing|deposit|cobro|reembolso|fraude|cargo|rembourse|prelev|facturation|arnaque|abbuchung|ruckerstattung|betrug|rechnung|finanzierung',
  safety:
    'gas smell|smell gas|smoke|fire|sparks|flood|carbon monoxide|exposed wire|battery swell|swollen battery|danger|unsafe|emergency|huele a gas|humo|fuego|incendio|inundac|peligro|odeur de gaz|fumee|incendie|etincelle|inondation|danger|gasgeruch|rauch|feuer|brand|uberschwemm|gefahr',
  deal: 'discount|price match|cheaper|best price|deal|bulk|wholesale|quote|negotiat|can you do|descuento|rebaja|mayoreo|presupuesto|remise|reduction|rabais|devis|en gros|rabatt|nachlass|angebot|gunstiger|mengenrabatt',
  complaint:
    'broken|damaged|defect|wrong item|never arrived|late|no show|rude|poor|not working|doesn.t work|roto|danado|defectuos|equivocado|no llego|tarde|grosero|casse|endommage|defectueux|mauvais|pas arrive|en retard|impoli|kaputt|beschadigt|defekt|falsch|nicht angekommen|verspatet|unfreundlich',
  exception:
    'same day|same-day|rush|urgent|tonight|after hours|weekend|outside your area|exception|waive|extend|past the|late return|mismo dia|urgente|esta noche|fuera de horario|excepcion|meme jour|urgent|ce soir|exception|prolonger|am selben tag|dringend|heute abend|ausnahme|verlangern',
  personal:
    'passed away|died|funeral|divorce|lost my job|laid off|cancer|chemo|disabilit|wheelchair|elderly|grief|hardship|fallecio|murio|funeral|divorcio|perdi mi trabajo|discapacidad|decede|deces|obseques|divorce|chomage|handicap|verstorben|beerdigung|scheidung|arbeitslos|behinderung',
};

const PATTERNS: Record<Label, RegExp> = Object.fromEntries(
  LABELS.map((l) => [l, new RegExp(`(?<![\\p{L}])(?:${KEYWORDS[l]})`, 'u')]),
) as Record<Label, RegExp>;

/** VADER's own cut-off for clearly negative text is -0.05; frustration needs far more than that. */
const VADER_FRUSTRATED = -0.5;

export function baselineLabels(text: string): Label[] {
  const folded = fold(text).text;
  return LABELS.filter((l) => {
    if (PATTERNS[l].test(folded)) return true;
    return l === 'frustration' && vader.SentimentIntensityAnalyzer.polarity_scores(text).compound <= VADER_FRUSTRATED;
  });
}
