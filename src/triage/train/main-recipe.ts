/** The recipe `npm run train` uses, chosen by 5-fold cross-validation on the training data (see experiment.ts). */
import { DEFAULT_RECIPE, withOverrides, type Recipe } from './recipe.ts';

export const RECIPE: Recipe = withOverrides(DEFAULT_RECIPE, {
  train: { maxEpochs: 20, schedule: 'constant' },
});
