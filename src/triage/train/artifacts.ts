/**
 * Writes the model directory Transformers.js loads (public/models/triage-<version>/) and
 * src/triage/model-info.json. The version is a content hash so a retrained model gets a new URL and
 * browsers never mix a cached old file with a new one.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LABELS, type Label } from './labels.ts';
import { PAD_ID } from './wordpiece.ts';

export const ONNX_FILE = 'onnx/model_q4.onnx';

export function modelConfig(vocabSize: number, dim: number, maxLength: number): object {
  return {
    // "bert" makes AutoModelForSequenceClassification pick BertForSequenceClassification, whose
    // encoder forward feeds exactly the graph's declared inputs (input_ids, attention_mask).
    model_type: 'bert',
    architectures: ['BertForSequenceClassification'],
    // Makes the text-classification pipeline apply a sigmoid per label instead of a softmax.
    problem_type: 'multi_label_classification',
    id2label: Object.fromEntries(LABELS.map((label, i) => [String(i), label])),
    label2id: Object.fromEntries(LABELS.map((label, i) => [label, i])),
    vocab_size: vocabSize,
    hidden_size: dim,
    max_position_embeddings: maxLength,
    pad_token_id: PAD_ID,
  };
}

export interface ModelFiles {
  /** Path inside the model directory → content. */
  [file: string]: string | Uint8Array;
}

export function contentVersion(files: ModelFiles): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(files).sort()) {
    hash.update(name);
    hash.update('\0');
    hash.update(files[name]!);
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 10);
}

/** Writes triage-<version>/ under modelsDir, removes every other triage-* directory, returns the id. */
export function writeModelDir(modelsDir: string, files: ModelFiles): { modelId: string; version: string } {
  const version = contentVersion(files);
  const modelId = `triage-${version}`;
  const dir = join(modelsDir, modelId);
  for (const entry of readdirSync(modelsDir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name.startsWith('triage-') && entry.name !== modelId) {
      rmSync(join(modelsDir, entry.name), { recursive: true, force: true });
    }
  }
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
  }
  return { modelId, version };
}

export interface ModelInfo {
  modelId: string;
  version: string;
  labels: readonly Label[];
  /** The score at which a label counts as seen (and a person is offered). */
  thresholds: Record<Label, number>;
  /** The higher score at which a label that hands off does so; between the two, a person is offered. */
  handoffThresholds: Record<Label, number>;
  bytes: Record<string, number>;
  trainedOn: { lines: number; seed: number };
  architecture: string;
}

export function fileSizes(files: ModelFiles): Record<string, number> {
  return Object.fromEntries(
    Object.entries(files).map(([name, content]) => [name, typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength]),
  );
}

export function thresholdsByLabel(thresholds: readonly number[]): Record<Label, number> {
  return Object.fromEntries(LABELS.map((label, i) => [label, thresholds[i]!])) as Record<Label, number>;
}
