/** The recipe `npm run train` uses, chosen by 5-fold cross-validation on the training data (see experiment.ts). */
import { DEFAULT_RECIPE, withOverrides, type Recipe } from './recipe.ts';

export const RECIPE: Recipe = withOverrides(DEFAULT_RECIPE, {
  member: { dim: 16, buckets: 27000, prime: 1000003, hidden: 64 },
  members: 3,
  train: { maxEpochs: 30, schedule: 'cosine', variantRate: 0.5 },
  variants: 2,
  noiseRate: 0.15,
});
