/**
 * The recipe `npm run train` uses. Chosen by 5-fold cross-validation on the training data only
 * (experiment.ts; macro-F1 out of fold with the routine false-flag rate capped at 4%, averaged over two
 * fold/initialisation seeds): 3 members of width 16 beat 2 of 16 or 24, 4 of 12, and 2 of 32; 27,000
 * bigram buckets leave the whole model under 2 MB; a 6,000-token vocabulary beats 4,000 and 8,000;
 * cosine decay over 20 epochs beats a constant rate and 30 or 45 epochs; typo-noise copies help;
 * weighting label-free lines 3x makes the false-flag cap much cheaper. Trigram features, label
 * smoothing, max pooling and stronger positive weights did not help (see the report in the PR).
 * Checked again on 15,443 lines (round-3 data): a 8,000-token vocabulary, 30 epochs and 96 hidden
 * units per member all landed within 0.5 points of this recipe (78.6), inside the seed-to-seed spread,
 * so it stands. A marker token before words in capitals did not help frustration either.
 * Round 4 (33,355 lines) was compared with whole writers held out, which is what calibration uses:
 * character n-grams shared between tokens (50,000 training-only buckets, folded into the token table)
 * with a 10,000-token vocabulary scored 74.1 against 73.7 for the round-3 shape, with the weakest
 * label level (complaint 64.8 / 65.2); stronger feature dropout (0.35) scored 73.2. The n-grams are
 * kept for what cross-validation on our own writers cannot show: they give misspelt, unaccented and
 * inflected forms of a word the weight the word earned.
 */
import { DEFAULT_RECIPE, withOverrides, type Recipe } from './recipe.ts';

export const RECIPE: Recipe = withOverrides(DEFAULT_RECIPE, {
  member: { dim: 16, buckets: 27000, prime: 1000003, hidden: 64, subwordBuckets: 50000 },
  members: 3,
  train: { maxEpochs: 20, schedule: 'cosine', variantRate: 0.5, routineWeight: 3 },
  vocab: { maxSize: 10000 },
  variants: 2,
  noiseRate: 0.15,
});
